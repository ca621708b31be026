import { readdirSync, readFileSync } from "node:fs";
import { vitePlugin as remix } from "@remix-run/dev";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

const underVitest = process.env.VITEST === "true";

/*
 * Building must print no warning unless something is wrong (scripts/build-without-warnings.mjs
 * checks it), so the two warnings every build printed are silenced where, and only where, they
 * are expected.
 *
 * Remix 2 makes a browser chunk for every route module, and a resource route (a loader or an
 * action, no component) has nothing for the browser: its chunk is empty (remix-run/remix#9055,
 * not to be fixed in Remix 2). Its name is the route file's, `$` made `_`.
 */
const ROUTES = new URL("./app/routes/", import.meta.url);
const RESOURCE_ROUTE_CHUNKS = new Set(
  readdirSync(ROUTES)
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\./.test(file) && !/^export default /m.test(readFileSync(new URL(file, ROUTES), "utf8")))
    .map((file) => file.replace(/\.tsx?$/, "").replace(/\$/g, "_")),
);

/** Vite's limit for a chunk after minification, kept for every chunk but those below. */
const CHUNK_LIMIT_KB = 500;
/**
 * The survey engine (survey-core, 1.4 MB minified as one module that cannot be split, and
 * survey-react-ui), loaded by a dynamic import on the answering page only: large, and expected.
 */
const EXPECTED_LARGE_CHUNKS = new Set(["survey-form.client"]);

/** Vite's chunk-size warning, naming the chunk, for every browser chunk but the expected large ones. */
function chunkSizeLimit(): Plugin {
  let server = false;
  return {
    name: "consulta:chunk-size-limit",
    apply: "build",
    configResolved(config) {
      server = !!config.build.ssr;
    },
    generateBundle(_options, bundle) {
      if (server) return;
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== "chunk" || EXPECTED_LARGE_CHUNKS.has(chunk.name)) continue;
        const kb = Buffer.byteLength(chunk.code) / 1000;
        if (kb > CHUNK_LIMIT_KB) this.warn(`${chunk.fileName} is ${Math.round(kb)} kB after minification, over ${CHUNK_LIMIT_KB} kB: split it with a dynamic import()`);
      }
    },
  };
}

export default defineConfig({
  plugins: underVitest
    ? []
    : [
        chunkSizeLimit(),
        remix({
          ignoredRouteFiles: ["**/*.test.*"],
          future: {
            v3_fetcherPersist: true,
            v3_relativeSplatPath: true,
            v3_throwAbortReason: true,
            v3_singleFetch: true,
            v3_lazyRouteDiscovery: true,
            v3_routeConfig: true,
          },
        }),
      ],
  build: {
    target: "es2022",
    // Vite's own check cannot spare one chunk: chunkSizeLimit() above makes it, at the same limit.
    chunkSizeWarningLimit: Infinity,
    rollupOptions: {
      onwarn(warning, warn) {
        if (warning.code === "EMPTY_BUNDLE" && warning.names?.every((name) => RESOURCE_ROUTE_CHUNKS.has(name))) return;
        warn(warning);
      },
    },
  },
  // Pre-bundled up front, so that the dev server never re-optimises mid-session and loads React twice.
  optimizeDeps: {
    include: ["react", "react-dom", "react-dom/client", "react-i18next", "i18next", "@conform-to/react", "@conform-to/zod", "zod"],
  },
  server: { port: 3000 },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "server/**/*.test.ts", "tests/**/*.test.{ts,tsx}"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    globalSetup: ["tests/global-setup.ts"],
    setupFiles: ["tests/setup.ts"],
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 60_000,
    restoreMocks: true,
  },
});
