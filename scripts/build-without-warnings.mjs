// `npm run build`, as the test suite runs it: the output is shown as it comes, and the build fails
// if it printed a warning, so that a warning on start is always worth reading (vite.config.ts
// silences the expected ones). Vite, Rollup, the plugins and esbuild write warnings to stderr;
// Vite's "(!)" notices and "[WARNING]" lines are caught on stdout too.
import { spawn } from "node:child_process";

const WARNING = /\(!\)|\[WARNING\]|\[plugin |^Generated an empty chunk/i;

const child = spawn("npm", ["run", "--silent", "build"], { stdio: ["ignore", "pipe", "pipe"] });
const warnings = [];
for (const [stream, out] of [
  [child.stdout, process.stdout],
  [child.stderr, process.stderr],
]) {
  stream.on("data", (chunk) => {
    out.write(chunk);
    const lines = chunk.toString().split("\n").filter((line) => line.trim() !== "");
    warnings.push(...(stream === child.stderr ? lines : lines.filter((line) => WARNING.test(line))));
  });
}
child.on("close", (code) => {
  if (code !== 0) process.exit(code ?? 1);
  if (warnings.length > 0) {
    console.error(`\nThe build printed ${warnings.length} warning line(s):\n${warnings.join("\n")}`);
    process.exit(1);
  }
});
