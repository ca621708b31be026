import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vitest/config";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

const underVitest = process.env.VITEST === "true";

export default defineConfig({
  plugins: underVitest
    ? []
    : [
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
  build: { target: "es2022" },
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
