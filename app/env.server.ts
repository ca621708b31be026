import { parseEnv, type Env } from "#app/features/config/env.ts";

let cached: Env | undefined;

/** The configuration, parsed from process.env the first time it is asked for. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
