import { z } from "zod";

/**
 * The configuration a Consulta server needs, read from the environment once at boot.
 * Every variable is optional: the defaults run the app on the embedded SQLite database.
 */
const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

function port() {
  const message = "must be a port number from 1 to 65535";
  return z.coerce.number({ invalid_type_error: message }).int(message).min(1, message).max(65535, message);
}

function milliseconds(fallback: number) {
  const message = "must be a number of milliseconds from 1000 to 600000";
  return z.coerce.number({ invalid_type_error: message }).int(message).min(1_000, message).max(600_000, message).default(fallback);
}
/**
 * `auto`: the demo is loaded on a first run only, into a SQLite database created together with its
 * folder; `on`: into any new or empty database; `off`: never, and the demo accounts still on the
 * published password are switched off at start.
 */
export const DEMO_DATA_MODES = ["auto", "on", "off"] as const;

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"], { message: "must be development, production or test" }).default("production"),
    DATABASE_URL: z
      .string()
      .trim()
      .min(1)
      .default("file:./data/consulta.db")
      .refine(
        (value) => isPostgresUrl(value) || !/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.startsWith("file://"),
        "must be a SQLite file path, a file: URL or a postgres:// URL",
      ),
    PORT: port().default(3000),
    HOST: z.string().trim().min(1).default("0.0.0.0"),
    PUBLIC_URL: z
      .string()
      .trim()
      .url("must be an absolute http(s) URL such as https://consulta.example.org")
      .refine((value) => /^https?:\/\//.test(value), "must start with http:// or https://")
      .transform((value) => value.replace(/\/+$/, ""))
      .optional(),
    SMTP_HOST: optionalText,
    SMTP_PORT: port().default(587),
    SMTP_SECURE: z
      .enum(["true", "false"], { message: "must be true or false" })
      .default("false")
      .transform((value) => value === "true"),
    SMTP_USER: optionalText,
    SMTP_PASSWORD: optionalText,
    MAIL_FROM: z.string().trim().min(3).default("Consulta <no-reply@localhost>"),
    // What the server may do with the demo at start: see docs/decisions/0009-demo-data-and-lost-databases.md.
    DEMO_DATA: z.enum(DEMO_DATA_MODES, { message: "must be auto, on or off" }).default("auto"),
    TRUST_PROXY: z
      .string()
      .trim()
      .regex(/^(false|true|\d{1,2}|[\w.:/,\s-]+)$/, "must be false, true, a number of hops or a list of proxy addresses")
      .default("false"),
    MAX_BODY_BYTES: z.coerce
      .number({ invalid_type_error: "must be a number of bytes from 1024 to 52428800" })
      .int("must be a number of bytes from 1024 to 52428800")
      .min(1024, "must be a number of bytes from 1024 to 52428800")
      .max(50 * 1024 * 1024, "must be a number of bytes from 1024 to 52428800")
      .default(1024 * 1024),
    DATABASE_POOL_SIZE: z.coerce
      .number({ invalid_type_error: "must be a number of connections from 1 to 100" })
      .int("must be a number of connections from 1 to 100")
      .min(1, "must be a number of connections from 1 to 100")
      .max(100, "must be a number of connections from 1 to 100")
      .default(10),
    WEB_CONCURRENCY: z.coerce
      .number({ invalid_type_error: "must be a number of server processes from 1 to 64" })
      .int("must be a number of server processes from 1 to 64")
      .min(1, "must be a number of server processes from 1 to 64")
      .max(64, "must be a number of server processes from 1 to 64")
      .default(1),
    // Where export files are written (docs/decisions/0032); by default beside the database.
    EXPORTS_DIR: optionalText,
    EXPORT_RETENTION_DAYS: z.coerce
      .number({ invalid_type_error: "must be a number of days from 1 to 365" })
      .int("must be a number of days from 1 to 365")
      .min(1, "must be a number of days from 1 to 365")
      .max(365, "must be a number of days from 1 to 365")
      .default(7),
    HEADERS_TIMEOUT_MS: milliseconds(10_000),
    REQUEST_TIMEOUT_MS: milliseconds(30_000),
    KEEP_ALIVE_TIMEOUT_MS: milliseconds(65_000),
  })
  .superRefine((env, ctx) => {
    if (env.REQUEST_TIMEOUT_MS < env.HEADERS_TIMEOUT_MS) {
      ctx.addIssue({ code: "custom", path: ["REQUEST_TIMEOUT_MS"], message: "must not be shorter than HEADERS_TIMEOUT_MS" });
    }
    if (env.SMTP_USER && !env.SMTP_PASSWORD) {
      ctx.addIssue({ code: "custom", path: ["SMTP_PASSWORD"], message: "is required when SMTP_USER is set" });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Invalid configuration: ${variable} ${detail}`);
    this.name = "ConfigError";
  }
}

export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}

/** Parses an environment object; throws a ConfigError naming the first bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const variable = String(issue?.path[0] ?? "environment");
  const value = source[variable];
  const shown = variable.includes("PASSWORD") || value === undefined ? "" : ` (got "${withoutCredentials(value)}")`;
  throw new ConfigError(variable, `${issue?.message ?? "is invalid"}${shown}`);
}

/** A value as it may be printed: any user:password@ in a URL is masked. */
function withoutCredentials(value: string): string {
  return value.replace(/\/\/[^/@\s]*@/, "//***@");
}

/** The SQLite file a DATABASE_URL points at: a plain path or a file: URL. */
export function sqliteFilename(databaseUrl: string): string {
  if (databaseUrl === ":memory:") return databaseUrl;
  if (databaseUrl.startsWith("file://")) return new URL(databaseUrl).pathname;
  if (databaseUrl.startsWith("file:")) return databaseUrl.slice("file:".length);
  return databaseUrl;
}

/** The value Express's "trust proxy" setting takes for TRUST_PROXY. */
export function trustProxySetting(value: string): boolean | number | string {
  if (value === "false") return false;
  if (value === "true") return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
