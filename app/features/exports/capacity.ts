import { sql } from "kysely";
import type { Db } from "#db/connect.ts";
import type { Attribution, Consultation } from "#db/schema.ts";
import type { CurrentUser } from "#app/features/auth/current-user.ts";
import { can } from "#app/features/auth/permissions.ts";
import { CAPACITY_GAPS, GCM_OBJECTIVES, SUPPORT_MODALITIES } from "#app/features/taxonomy/taxonomy.ts";
import { authorCells, authorColumns } from "./authors.ts";
import { codedCell, codedCells, freeTextColumn, ownColumn, termCodes } from "./columns.ts";
import { pagedEntries, tally, type EntryFacts } from "./entries.ts";
import { entriesWithin } from "./filters.ts";
import { sourceMeta, type EntriesExportOptions } from "./entry-sources.ts";
import { textCell, type ExportCell, type ExportColumn, type ExportSource } from "./source.ts";

/**
 * The capacity needs and the offers of support of a consultation as export sources: one row per
 * need (a State's priority objective) or offer, as the capacity tables hold them. Left out and
 * counted in the notes: those withdrawn by an amendment, count-only ones, and under the public
 * profile those that may not carry their author's name (nobody is asked to consent to their
 * publication: they are facts of the answer, published with it).
 */

interface CapacityRow {
  id: string;
  reference: string | null;
  attribution: Attribution | null;
  organisation_id: string;
  type: string;
  name: string | null;
  country_code: string | null;
  region_m49: string | null;
  language: string | null;
  question: string;
  position: number;
  description: string | null;
  withdrawn_at: string | null;
}

const facts = (row: { attribution: Attribution | null; withdrawn_at: string | null }): EntryFacts => ({ attribution: row.attribution, withdrawn_at: row.withdrawn_at, merged: false, consented: null });

const WITHDRAWN = sql<string | null>`case when withdrawn_at is null then null else 'withdrawn' end`;

/** The rows of one of the two tables, its own columns (`extra`) given by the caller. */
function capacityRows(db: Db, table: "capacity_need" | "capacity_offer", consultation: Consultation, options: EntriesExportOptions) {
  return db
    .selectFrom(table)
    .innerJoin("organisation", "organisation.id", `${table}.organisation_id`)
    .innerJoin("response", "response.id", `${table}.response_id`)
    .where(`${table}.consultation_id`, "=", consultation.id)
    .where(entriesWithin(table, options.filters))
    .select([
      `${table}.id`,
      "response.reference",
      `${table}.attribution`,
      `${table}.organisation_id`,
      `${table}.stakeholder_type as type`,
      "organisation.name",
      "organisation.country_code",
      `${table}.region_m49`,
      `${table}.language`,
      `${table}.question`,
      `${table}.position`,
      `${table}.description`,
      `${table}.withdrawn_at`,
    ]);
}

async function counts(db: Db, table: "capacity_need" | "capacity_offer", consultation: Consultation, options: EntriesExportOptions) {
  const groups = await db
    .selectFrom(table)
    .where("consultation_id", "=", consultation.id)
    .where(entriesWithin(table, options.filters))
    .select((eb) => ["attribution", WITHDRAWN.as("withdrawn_at"), eb.fn.countAll<number>().as("n")])
    .groupBy(["attribution", WITHDRAWN])
    .execute();
  return tally(groups.map((group) => ({ ...facts(group), n: group.n })), options.profile);
}

const column = (columns: readonly ExportColumn[], key: string) => columns.find((item) => item.key === key) as ExportColumn;

/** The capacity needs: their priority, GCM objective, current capacity, gaps and support wanted. */
export async function needsExport(db: Db, user: CurrentUser, consultation: Consultation, options: EntriesExportOptions): Promise<ExportSource | null> {
  if (!can(user, "response.readAll")) return null;
  const { language, profile, values, pageSize = 500 } = options;
  const columns = [
    ownColumn("reference", "exportFile.column.reference", "text"),
    ...authorColumns(),
    ownColumn("priority", "exportFile.column.priority", "number"),
    ownColumn("objective", "exportFile.column.objective", "code", termCodes(GCM_OBJECTIVES)),
    ownColumn("current_capacity", "exportFile.column.currentCapacity", "number"),
    freeTextColumn("description", "exportFile.column.description"),
    ownColumn("codes.capacity_gap", "proposal.scheme.capacity_gap", "code", termCodes(CAPACITY_GAPS), true),
    ownColumn("codes.support_modality", "proposal.scheme.support_modality", "code", termCodes(SUPPORT_MODALITIES), true),
  ];
  const page = (after: string | null, limit: number) => {
    const query = capacityRows(db, "capacity_need", consultation, options).select(["capacity_need.objective", "capacity_need.current_capacity"]);
    return (after === null ? query : query.where("capacity_need.id", ">", after)).orderBy("capacity_need.id").limit(limit).execute();
  };
  const cells = async (rows: (CapacityRow & { objective: string; current_capacity: number | null })[]): Promise<ExportCell[][]> => {
    const ids = rows.map((row) => row.id);
    const codes = ids.length ? await db.selectFrom("capacity_need_code").select(["need_id as owner", "scheme", "code"]).where("need_id", "in", ids).orderBy("need_id").orderBy("scheme").orderBy("code").execute() : [];
    const of = (id: string, scheme: string) => codes.filter((code) => code.owner === id && code.scheme === scheme).map((code) => code.code);
    return rows.map((row) => [
      textCell(row.reference),
      ...authorCells(row, values, language),
      row.position + 1,
      codedCell(column(columns, "objective"), row.objective, values, language),
      row.current_capacity,
      textCell(row.description),
      codedCells(column(columns, "codes.capacity_gap"), of(row.id, "capacity_gap"), values, language),
      codedCells(column(columns, "codes.support_modality"), of(row.id, "support_modality"), values, language),
    ]);
  };
  return {
    meta: await sourceMeta(db, consultation, "needs", options),
    columns,
    ...(await counts(db, "capacity_need", consultation, options)),
    rows: () => pagedEntries(page, facts, cells, profile, pageSize),
  };
}

/** The offers of support: the question they answer, their description, GCM objectives and modalities. */
export async function offersExport(db: Db, user: CurrentUser, consultation: Consultation, options: EntriesExportOptions): Promise<ExportSource | null> {
  if (!can(user, "response.readAll")) return null;
  const { language, profile, values, pageSize = 500 } = options;
  const columns = [
    ownColumn("reference", "exportFile.column.reference", "text"),
    ...authorColumns(),
    ownColumn("question", "exportFile.column.question", "text"),
    freeTextColumn("description", "exportFile.column.description"),
    ownColumn("codes.gcm_objective", "proposal.scheme.gcm_objective", "code", termCodes(GCM_OBJECTIVES), true),
    ownColumn("codes.support_modality", "proposal.scheme.support_modality", "code", termCodes(SUPPORT_MODALITIES), true),
  ];
  const page = (after: string | null, limit: number) => {
    const query = capacityRows(db, "capacity_offer", consultation, options);
    return (after === null ? query : query.where("capacity_offer.id", ">", after)).orderBy("capacity_offer.id").limit(limit).execute();
  };
  const cells = async (rows: CapacityRow[]): Promise<ExportCell[][]> => {
    const ids = rows.map((row) => row.id);
    const codes = ids.length ? await db.selectFrom("capacity_offer_code").select(["offer_id as owner", "scheme", "code"]).where("offer_id", "in", ids).orderBy("offer_id").orderBy("scheme").orderBy("code").execute() : [];
    const of = (id: string, scheme: string) => codes.filter((code) => code.owner === id && code.scheme === scheme).map((code) => code.code);
    return rows.map((row) => [
      textCell(row.reference),
      ...authorCells(row, values, language),
      textCell(row.question),
      textCell(row.description),
      codedCells(column(columns, "codes.gcm_objective"), of(row.id, "gcm_objective"), values, language),
      codedCells(column(columns, "codes.support_modality"), of(row.id, "support_modality"), values, language),
    ]);
  };
  return {
    meta: await sourceMeta(db, consultation, "offers", options),
    columns,
    ...(await counts(db, "capacity_offer", consultation, options)),
    rows: () => pagedEntries(page, facts, cells, profile, pageSize),
  };
}
