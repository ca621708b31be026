import { sql } from "kysely";
import type { Db } from "#db/connect.ts";
import { PROPOSAL_KINDS, PROPOSAL_STATUSES, type Attribution, type Consultation, type ProposalStatus, type ProposalTable } from "#db/schema.ts";
import type { CurrentUser } from "#app/features/auth/current-user.ts";
import { can } from "#app/features/auth/permissions.ts";
import { CODING_SCHEMES, type CodingScheme } from "#app/features/proposals/coding-rules.ts";
import { GCM_OBJECTIVES } from "#app/features/taxonomy/taxonomy.ts";
import { translator } from "#app/i18n/i18n.ts";
import { labelOf } from "#app/features/surveys/survey-model.ts";
import { authorCells, authorColumns, type Author } from "./authors.ts";
import { codedCell, codedCells, freeTextColumn, labelledCodes, ownColumn, termCodes } from "./columns.ts";
import { pagedEntries, tally } from "./entries.ts";
import { entriesWithin } from "./filters.ts";
import { sourceMeta, type EntriesExportOptions } from "./entry-sources.ts";
import { MULTIPLE_SEPARATOR, textCell, type ExportCell, type ExportColumn, type ExportSource } from "./source.ts";

/** The schemes other than the GCM objectives, one column each, shown as codes or labels. */
const OTHER_SCHEMES = (Object.keys(CODING_SCHEMES) as CodingScheme[]).filter((scheme) => scheme !== "gcm_objective");

/** The texts an answer's entry gives a proposal besides its title and summary. */
const DETAILS = [
  ["partners_named", "exportFile.column.partnersNamed"],
  ["capacity_built", "exportFile.column.capacityBuilt"],
  ["beneficiaries", "exportFile.column.beneficiaries"],
  ["resources_needed", "exportFile.column.resourcesNeeded"],
  ["resources_offered", "exportFile.column.resourcesOffered"],
  ["indicators", "exportFile.column.indicators"],
  ["timeline", "exportFile.column.timeline"],
  ["start_readiness", "exportFile.column.startReadiness"],
] as const;

function proposalColumns(): ExportColumn[] {
  return [
    ownColumn("reference", "exportFile.column.reference", "text"),
    ownColumn("kind", "exportFile.column.kind", "code", labelledCodes(PROPOSAL_KINDS, (value, language) => translator(language)(`proposal.kind.${value}`))),
    ...authorColumns(),
    freeTextColumn("title", "exportFile.column.title"),
    freeTextColumn("summary", "exportFile.column.summary"),
    ownColumn("status", "exportFile.column.status", "code", labelledCodes(PROPOSAL_STATUSES, (value, language) => translator(language)(`proposal.status.${value}`))),
    ownColumn("status_reason", "exportFile.column.statusReason", "text"),
    ownColumn("gcm_objective_codes", "exportFile.column.gcmObjectiveCodes", "code", termCodes(GCM_OBJECTIVES), true),
    ownColumn("gcm_objective_names", "exportFile.column.gcmObjectiveNames", "text"),
    ...OTHER_SCHEMES.map((scheme) => ownColumn(`codes.${scheme}`, `proposal.scheme.${scheme}`, "code", termCodes(CODING_SCHEMES[scheme]), true)),
    ownColumn("tags", "exportFile.column.tags", "text"),
    ...DETAILS.map(([key, header]) => freeTextColumn(key, header)),
  ];
}

type ProposalRow = Author &
  Pick<ProposalTable, "id" | "kind" | "title" | "summary" | "status" | "status_reason" | "consent_to_publish" | "withdrawn_at" | (typeof DETAILS)[number][0]> & { reference: string | null };

const facts = (row: { status: ProposalStatus; consent_to_publish: number | string; attribution: Attribution | null; withdrawn_at: string | null }) => ({
  attribution: row.attribution,
  withdrawn_at: row.withdrawn_at,
  merged: row.status === "merged",
  consented: Number(row.consent_to_publish) === 1,
});

/**
 * The proposals of a consultation as an export source: one row per proposal (from answers, and
 * the rapporteurs' merged ones), with its status, its codes (the GCM objectives as codes and as
 * names in the language, each other scheme as codes or labels), its tags and its texts. Left out
 * and counted in the notes: those withdrawn by an amendment, those merged into another (the
 * merged proposal stands for them), count-only ones, and under the public profile those that may
 * not carry their author's name or whose author did not consent to publication. Null for someone
 * who may not read every answer.
 */
export async function proposalsExport(db: Db, user: CurrentUser, consultation: Consultation, options: EntriesExportOptions): Promise<ExportSource | null> {
  if (!can(user, "response.readAll")) return null;
  const { language, profile, values, pageSize = 500 } = options;
  const columns = proposalColumns();
  const column = (key: string) => columns.find((item) => item.key === key) as ExportColumn;
  const groups = await db
    .selectFrom("proposal")
    .where("consultation_id", "=", consultation.id)
    .where(entriesWithin("proposal", options.filters))
    .select((eb) => [
      "attribution",
      "status",
      "consent_to_publish",
      sql<string | null>`case when withdrawn_at is null then null else 'withdrawn' end`.as("withdrawn_at"),
      eb.fn.countAll<number>().as("n"),
    ])
    .groupBy(["attribution", "status", "consent_to_publish", sql`case when withdrawn_at is null then null else 'withdrawn' end`])
    .execute();
  const { expectedRows, omitted } = tally(groups.map((group) => ({ ...facts(group), n: group.n })), profile);

  const page = (after: string | null, limit: number) => {
    let query = db
      .selectFrom("proposal")
      .leftJoin("organisation", "organisation.id", "proposal.organisation_id")
      .leftJoin("response", "response.id", "proposal.response_id")
      .where("proposal.consultation_id", "=", consultation.id)
      .where(entriesWithin("proposal", options.filters))
      .select([
        "proposal.id",
        "response.reference",
        "proposal.kind",
        "proposal.attribution",
        "proposal.organisation_id",
        "proposal.stakeholder_type as type",
        "organisation.name",
        "organisation.country_code",
        "proposal.region_m49",
        "proposal.language",
        "proposal.title",
        "proposal.summary",
        "proposal.status",
        "proposal.status_reason",
        "proposal.consent_to_publish",
        "proposal.withdrawn_at",
        ...DETAILS.map(([key]) => `proposal.${key}` as const),
      ]);
    if (after !== null) query = query.where("proposal.id", ">", after);
    return query.orderBy("proposal.id").limit(limit).execute();
  };

  const cells = async (rows: ProposalRow[]): Promise<ExportCell[][]> => {
    const ids = rows.map((row) => row.id);
    const codes = ids.length ? await db.selectFrom("proposal_code").select(["proposal_id", "scheme", "code"]).where("proposal_id", "in", ids).orderBy("proposal_id").orderBy("scheme").orderBy("code").execute() : [];
    const tags = ids.length ? await db.selectFrom("proposal_tag").select(["proposal_id", "tag"]).where("proposal_id", "in", ids).orderBy("proposal_id").orderBy("tag").execute() : [];
    return rows.map((row) => {
      const of = (scheme: string) => [...new Set(codes.filter((code) => code.proposal_id === row.id && code.scheme === scheme).map((code) => code.code))];
      const objectives = of("gcm_objective");
      const tagsOf = tags.filter((tag) => tag.proposal_id === row.id).map((tag) => tag.tag);
      return [
        textCell(row.reference),
        codedCell(column("kind"), row.kind, values, language),
        ...authorCells(row, values, language),
        textCell(row.title),
        textCell(row.summary),
        codedCell(column("status"), row.status, values, language),
        textCell(row.status_reason),
        codedCells(column("gcm_objective_codes"), objectives, "codes", language),
        textCell(objectives.map((code) => labelOf(column("gcm_objective_codes").codes, code, language) ?? code).join(MULTIPLE_SEPARATOR)),
        ...OTHER_SCHEMES.map((scheme) => codedCells(column(`codes.${scheme}`), of(scheme), values, language)),
        textCell(tagsOf.join(MULTIPLE_SEPARATOR)),
        ...DETAILS.map(([key]) => textCell(row[key])),
      ];
    });
  };

  return {
    meta: await sourceMeta(db, consultation, "proposals", options),
    columns,
    expectedRows,
    rows: () => pagedEntries(page, facts, cells, profile, pageSize),
    omitted,
  };
}
