import { parseArgs } from "node:util";
import { resolve } from "node:path";
import type { Db } from "#db/connect.ts";
import type { CurrentUser } from "#app/features/auth/current-user.ts";
import { ATTRIBUTIONS, type Consultation, type Meeting } from "#db/schema.ts";
import { audienceOf, meetingConsultations } from "#app/features/consultations/consultations.ts";
import { summaryTypes } from "#app/features/figures/summary.ts";
import { exportDocument, meetingExportDocument, type DocumentOptions, type ExportDocument } from "./documents.ts";
import { exportFiltersOf, type ExportFilter } from "./filters.ts";
import { parseExportRequest, type ExportRequestField } from "./export-jobs.ts";
import { writeExportFile } from "./files.ts";
import { EXPORT_FORMAT_NAMES, MEETING_EXPORT_FORMATS } from "./formats.ts";
import { EXPORT_PROFILES, VALUE_MODES } from "./source.ts";
import type { ApertiumOptions } from "#app/features/translation/apertium.ts";
import { LANGUAGES } from "#app/i18n/languages.ts";

export const EXPORT_USAGE = `usage: npm run export -- (--consultation <slug> | --meeting <slug>) --format ${EXPORT_FORMAT_NAMES.join("|")} --lang ${LANGUAGES.join("|")} --out <file> [--profile ${EXPORT_PROFILES.join("|")}] [--values ${VALUE_MODES.join("|")}] [--region <M49 code>] [--type <stakeholder type>] [--attribution ${ATTRIBUTIONS.join("|")}] [--translate]`;

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

/** How a refused filter is named on the command line. */
const FILTER_PROBLEMS: Record<ExportFilter, (value: string, types: readonly string[]) => string> = {
  region: (value) => `unknown --region "${value}": use an M49 area code (such as 002 for Africa)`,
  type: (value, types) => `unknown --type "${value}": use one of ${types.join(", ")}`,
  attribution: (value) => `unknown --attribution "${value}": use one of ${ATTRIBUTIONS.join(", ")}`,
};

export interface CommandOutput {
  log(line: string): void;
  error(line: string): void;
}

type Scope = { consultation: Consultation } | { meeting: Meeting; consultations: Consultation[] };

/** What the command line names: one consultation or one meeting by its slug; a one-line reason when it names neither. */
async function scopeOf(db: Db, values: { consultation?: string; meeting?: string }): Promise<Scope | string> {
  if (values.meeting !== undefined) {
    const meeting = await db.selectFrom("meeting").selectAll().where("slug", "=", values.meeting).executeTakeFirst();
    if (!meeting) return `unknown meeting "${values.meeting}": no meeting has this slug`;
    return { meeting, consultations: await meetingConsultations(db, OPERATOR, meeting.id) };
  }
  const consultation = await db.selectFrom("consultation").selectAll().where("slug", "=", values.consultation ?? "").executeTakeFirst();
  return consultation ? { consultation } : `unknown consultation "${values.consultation ?? ""}": no consultation has this slug`;
}

/** The file the scope's export holds; a one-line reason when the format cannot hold it. */
async function documentFor(db: Db, scope: Scope, options: DocumentOptions): Promise<ExportDocument | string | null> {
  if ("consultation" in scope) return exportDocument(db, OPERATOR, scope.consultation, options);
  if (!MEETING_EXPORT_FORMATS.includes(options.format)) {
    return `a meeting's export cannot be CSV: one CSV file holds one survey's columns. Use --format ${MEETING_EXPORT_FORMATS.join("|")}, or --consultation <slug> for one of its consultations (${scope.consultations.map((consultation) => consultation.slug).join(", ")})`;
  }
  if (scope.consultations.length === 0) return `meeting "${scope.meeting.slug}" has no consultation to export`;
  return meetingExportDocument(db, OPERATOR, scope.meeting, scope.consultations, options);
}

/**
 * `npm run export`: one consultation's or one meeting's export to a file, streamed through a
 * temporary file renamed when complete. Resolves with the exit code: 2 for a wrong command line
 * (named in one line), 1 when the export fails (no file left behind), 0 when the file is complete.
 */
export async function exportCommand(db: Db, argv: readonly string[], output: CommandOutput, options: { apertium?: ApertiumOptions } = {}): Promise<number> {
  let values: { consultation?: string; meeting?: string; format?: string; lang?: string; out?: string; profile?: string; values?: string; region?: string; type?: string; attribution?: string; translate?: boolean };
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        consultation: { type: "string" },
        meeting: { type: "string" },
        format: { type: "string" },
        lang: { type: "string" },
        out: { type: "string" },
        profile: { type: "string", default: "public" },
        values: { type: "string", default: "labels" },
        region: { type: "string" },
        type: { type: "string" },
        attribution: { type: "string" },
        translate: { type: "boolean", default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    output.error(`${error instanceof Error ? error.message : String(error)}\n${EXPORT_USAGE}`);
    return 2;
  }
  if ((values.consultation === undefined) === (values.meeting === undefined)) {
    output.error(`name exactly one of --consultation and --meeting\n${EXPORT_USAGE}`);
    return 2;
  }
  const missing = (["format", "lang", "out"] as const).filter((name) => !values[name]);
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
  const scope = await scopeOf(db, values);
  if (typeof scope === "string") {
    output.error(scope);
    return 2;
  }
  const types = "consultation" in scope ? audienceOf(scope.consultation) : summaryTypes(scope.consultations);
  const { filters, problems } = exportFiltersOf(new URLSearchParams({ region: values.region ?? "", type: values.type ?? "", attribution: values.attribution ?? "" }), types);
  if (problems.length) {
    for (const name of problems) output.error(FILTER_PROBLEMS[name](values[name] ?? "", types));
    return 2;
  }
  const { request } = parsed;
  const document = await documentFor(db, scope, { format: request.format, language: request.language, profile: request.profile, values: request.values, filters, translate: request.translate, apertium: options.apertium });
  if (typeof document === "string") {
    output.error(document);
    return 2;
  }
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
