import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempFolder } from "./temp.ts";

/**
 * A stand-in for apertium: logs each call, lists the four modes the app uses, and runs `body`
 * on its input file (`$last`), so that tests need neither Debian's packages nor their time.
 */
export function fakeApertium(name: string, body: string): { command: string; calls: () => string[] } {
  const folder = tempFolder("consulta-fake-apertium-");
  const command = join(folder, name);
  const log = join(folder, `${name}.log`);
  writeFileSync(log, "");
  writeFileSync(command, `#!/bin/sh\necho "$*" >> '${log}'\nif [ "$1" = "-l" ]; then printf 'eng-spa\\nspa-eng\\nfr-es\\nes-fr\\n'; exit 0; fi\nfor last; do :; done\n${body}\n`);
  chmodSync(command, 0o755);
  return { command, calls: () => readFileSync(log, "utf8").split("\n").filter(Boolean) };
}
