import { rmSync } from "node:fs";

/** Removes the run's database folder from the system's temp folder (made in playwright.config.ts). */
export default function globalTeardown(): void {
  const folder = process.env.CONSULTA_E2E_FOLDER;
  if (folder) rmSync(folder, { recursive: true, force: true });
}
