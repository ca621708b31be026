import { sql } from "kysely";
import type { Db } from "#db/connect.ts";
import type { Attribution, Consultation } from "#db/schema.ts";
import type { CurrentUser } from "#app/features/auth/current-user.ts";
import { can } from "#app/features/auth/permissions.ts";
import { answersViewParams, filteredAnswers, type AnswersFilters } from "#app/features/responses/reader.ts";
import { surveyModel } from "#app/features/surveys/survey-model.ts";
import { getSurveyVersion } from "#app/features/surveys/versions.ts";
import { localized, type Language } from "#app/i18n/languages.ts";
import { answerColumns, consentPanels, entriesOf, type AnswerColumn } from "./answer-columns.ts";
import { authorCells, authorColumns } from "./authors.ts";
import { ownColumn } from "./columns.ts";
import { admittedAttributions, CONSENT_QUESTION, consented, needsConsent, profileAdmits } from "./profiles.ts";
import { noneOmitted, textCell, type ExportCell, type ExportColumn, type ExportProfile, type ExportSource, type OmittedCounts, type ValueMode } from "./source.ts";

export interface AnswersExportOptions {
  language: Language;
  profile: ExportProfile;
  values: ValueMode;
  filters?: AnswersFilters;
  /** Rows read from the database at a time. */
  pageSize?: number;
  now?: Date;
}

/**
 * Answers read at a time. Each holds its whole answer, and a page outlives the rows' writing
 * (which waits for the output and, in XLSX, for the zip): pages of 500 lived long enough for
 * V8 to move them to its old generation, which then grew with them (peak RSS 350–420 MB for an
 * XLSX of 100,000 answers, against 226 MB with pages of 100, for half a second more of reading).
 */
export const ANSWERS_EXPORT_PAGE_SIZE = 100;

/** The answer's own columns, before its questions'. */
function answerOwnColumns(): ExportColumn[] {
  return [ownColumn("reference", "exportFile.column.reference", "text"), ...authorColumns(), ownColumn("submitted_at", "exportFile.column.submittedAt", "date")];
}

interface AnswerRow {
  id: string;
  submitted_at: string | null;
  reference: string | null;
  attribution: Attribution | null;
  language: string | null;
  submitted_data: string | null;
  organisation_id: string;
  type: string;
  name: string | null;
  country_code: string | null;
  region_m49: string | null;
}

/**
 * The submitted answers of a consultation as an export source: one row per answer (its last
 * submission), one column per answer key, under the profile's rules, read in pages of
 * `pageSize` by keyset, so that memory stays bounded however many answers there are. The key is
 * the organisation: a consultation holds one answer per organisation, and the unique index on
 * (consultation, organisation) gives each page as a range, where an order by submission time
 * would sort all the consultation's answers again for every page. Null for someone who may not
 * read every answer.
 */
export async function answersExport(db: Db, user: CurrentUser, consultation: Consultation, options: AnswersExportOptions): Promise<ExportSource | null> {
  if (!can(user, "response.readAll")) return null;
  const { language, profile, values, filters = {}, pageSize = ANSWERS_EXPORT_PAGE_SIZE } = options;
  const version = await getSurveyVersion(db, consultation.survey_version_id);
  if (!version) throw new Error(`survey version ${consultation.survey_version_id} is missing`);
  const model = surveyModel(version);
  const questions = answerColumns(model);
  const columns = [...answerOwnColumns(), ...questions.map((question) => question.column)];
  const panelsWithConsent = needsConsent(profile) ? consentPanels(model.questions, CONSENT_QUESTION) : [];

  const selection = () => filteredAnswers(db, user, consultation, filters);
  const admitted = admittedAttributions(profile);
  const admittedOnly = () =>
    selection().where((eb) => eb.or([eb("response.attribution", "in", admitted.levels), ...(admitted.unset ? [eb("response.attribution", "is", null)] : [])]));

  const byAttribution = await selection().select(["response.attribution", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("response.attribution").execute();
  const omitted: OmittedCounts = noneOmitted();
  let expectedRows = 0;
  for (const group of byAttribution) {
    const n = Number(group.n);
    if (profileAdmits(profile, group.attribution)) expectedRows += n;
    else if (group.attribution === "aggregate_only") omitted.countOnly += n;
    else omitted.notAttributable += n;
  }
  // Entries (proposals, needs, offers) of the exported answers that an amendment removed. An
  // entry is of its answer's consultation: naming it lets the (consultation, ...) indexes find the
  // withdrawn few, where the answers' ids alone had every entry of every answer looked up.
  for (const table of ["proposal", "capacity_need", "capacity_offer"] as const) {
    const withdrawn = await db
      .selectFrom(table)
      .select(sql<number>`count(*)`.as("n"))
      .where("consultation_id", "=", consultation.id)
      .where("withdrawn_at", "is not", null)
      .where("response_id", "in", admittedOnly().select("response.id"))
      .executeTakeFirstOrThrow();
    omitted.withdrawn += Number(withdrawn.n);
  }

  const ownCells = (row: AnswerRow): ExportCell[] => [textCell(row.reference), ...authorCells(row, values, language), row.submitted_at];

  /** The answers as the profile may show them: panels that ask for consent keep only the consented entries. */
  const shown = (answers: Record<string, unknown>): Record<string, unknown> => {
    if (!panelsWithConsent.length) return answers;
    const kept = { ...answers };
    for (const panel of panelsWithConsent) {
      const entries = entriesOf(answers[panel]);
      const consentedEntries = entries.filter(consented);
      omitted.notConsented += entries.length - consentedEntries.length;
      kept[panel] = consentedEntries;
    }
    return kept;
  };

  async function* rows(): AsyncIterable<ExportCell[]> {
    omitted.notConsented = 0;
    let after: string | null = null;
    for (;;) {
      let query = admittedOnly().select([
        "response.id",
        "response.submitted_at",
        "response.reference",
        "response.attribution",
        "response.language",
        "response.submitted_data",
        "organisation.id as organisation_id",
        "organisation.type",
        "organisation.name",
        "organisation.country_code",
        "organisation.region_m49",
      ]);
      if (after !== null) query = query.where("response.organisation_id", ">", after);
      const page: AnswerRow[] = await query.orderBy("response.organisation_id").limit(pageSize).execute();
      for (const row of page) yield [...ownCells(row), ...questionCells(questions, shown(parsed(row.submitted_data)), values, language)];
      const last = page.at(-1);
      if (page.length < pageSize || !last) return;
      after = last.organisation_id;
    }
  }

  return {
    meta: {
      kind: "answers",
      title: localized(consultation, "title", language),
      consultation: consultation.slug,
      survey: { slug: version.slug, version: version.id },
      language,
      profile,
      values,
      filters: Object.fromEntries(Object.entries(answersViewParams({ ...filters, sort: "name", descending: false, page: 1 })).filter((entry): entry is [string, string] => entry[1] !== undefined)),
      madeAt: (options.now ?? new Date()).toISOString(),
    },
    columns,
    expectedRows,
    rows,
    omitted,
  };
}

function parsed(json: string | null): Record<string, unknown> {
  const value: unknown = json === null ? {} : JSON.parse(json);
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function questionCells(columns: readonly AnswerColumn[], answers: Record<string, unknown>, values: ValueMode, language: Language): ExportCell[] {
  return columns.map((column) => column.cell(answers, values, language));
}
