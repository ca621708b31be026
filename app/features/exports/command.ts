import { parseArgs } from "node:util";
import { resolve } from "node:path";
import type { Db } from "#db/connect.ts";
import type { CurrentUser } from "#app/features/auth/current-user.ts";
import { exportDocument } from "./documents.ts";
import { parseExportRequest, type ExportRequestField } from "./export-jobs.ts";
import { writeExportFile } from "./files.ts";
import { EXPORT_FORMAT_NAMES } from "./formats.ts";
import { EXPORT_PROFILES, VALUE_MODES } from "./source.ts";
import type { ApertiumOptions } from "#app/features/translation/apertium.ts";
import { LANGUAGES } from "#app/i18n/languages.ts";

export const EXPORT_USAGE = `usage: npm run export -- --consultation <slug> --format ${EXPORT_FORMAT_NAMES.join("|")} --lang ${LANGUAGES.join("|")} --out <file> [--profile ${EXPORT_PROFILES.join("|")}] [--values ${VALUE_MODES.join("|")}] [--translate]`;

/** What each refused field may be, for the message that names it. */
const CHOICES: Record<ExportRequestField, { option: string; values: readonly string[] }> = {
  format: { option: "--format", values: EXPORT_FORMAT_NAMES },
  language: { option: "--lang", values: LANGUAGES },
  profile: { option: "--profile", values: EXPORT_PROFILES },
  values: { option: "--values", values: VALUE_MODES },
};

/**
 * Whoever runs the command on the server reads as the rapporteurs do: they hold the database
 * already, and the profile still decides what the file may show.
 */
const OPERATOR: CurrentUser = { id: "command-line", email: "", name: "command line", preferredLanguage: null, sessionId: "command-line", memberships: [{ organisationId: "", organisationType: "secretariat", role: "rapporteur" }] };

export interface CommandOutput {
  log(line: string): void;
  error(line: string): void;
}

/**
 * `npm run export`: one consultation's answers to a file, streamed through a temporary file
 * renamed when complete. Resolves with the exit code: 2 for a wrong command line (named in one
 * line), 1 when the export fails (no file left behind), 0 when the file is complete.
 */
export async function exportCommand(db: Db, argv: readonly string[], output: CommandOutput, options: { apertium?: ApertiumOptions } = {}): Promise<number> {
  let values: { consultation?: string; format?: string; lang?: string; out?: string; profile?: string; values?: string; translate?: boolean };
  try {
    values = parseArgs({
      args: [...argv],
      options: { consultation: { type: "string" }, format: { type: "string" }, lang: { type: "string" }, out: { type: "string" }, profile: { type: "string", default: "public" }, values: { type: "string", default: "labels" }, translate: { type: "boolean", default: false } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    output.error(`${error instanceof Error ? error.message : String(error)}\n${EXPORT_USAGE}`);
    return 2;
  }
  const missing = (["consultation", "format", "lang", "out"] as const).filter((name) => !values[name]);
  if (missing.length) {
    output.error(`missing ${missing.map((name) => `--${name}`).join(", ")}\n${EXPORT_USAGE}`);
    return 2;
  }
  const given: Record<ExportRequestField, string | undefined> = { format: values.format, language: values.lang, profile: values.profile, values: values.values };
  const parsed = parseExportRequest({ ...given, translate: values.translate });
  if (!parsed.ok) {
    for (const field of parsed.problems) {
      const { option, values: allowed } = CHOICES[field];
      output.error(`unknown ${option} "${given[field] ?? ""}": use one of ${allowed.join(", ")}`);
    }
    return 2;
  }
  const consultation = await db.selectFrom("consultation").selectAll().where("slug", "=", values.consultation ?? "").executeTakeFirst();
  if (!consultation) {
    output.error(`unknown consultation "${values.consultation ?? ""}": no consultation has this slug`);
    return 2;
  }
  const { request } = parsed;
  const document = await exportDocument(db, OPERATOR, consultation, { format: request.format, language: request.language, profile: request.profile, values: request.values, translate: request.translate, apertium: options.apertium });
  if (!document) throw new Error("the command line may not read the answers");
  const out = resolve(values.out ?? "");
  try {
    const outcome = await writeExportFile((file) => document.write(file), out);
    output.log(`export: ${outcome.rows} rows written to ${out} (sha256 ${outcome.sha256})`);
    return 0;
  } catch (error) {
    output.error(`export failed, no file written: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
