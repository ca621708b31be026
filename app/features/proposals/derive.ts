import type { Db } from "#db/connect.ts";
import type { CodeScheme, ProposalKind, ProposalTable } from "#db/schema.ts";
import { newId } from "#app/features/ids.ts";
import { itemIdOf } from "#app/features/responses/item-ids.ts";
import { codesOf, entriesOf, sameCodes, textOf, type JsonRecord, type SubmittedSource } from "./source.ts";

/** The repeated panels whose entries are proposals (docs/decisions/0017), and the kind each gives. */
export const PROPOSAL_PANELS: Record<string, Exclude<ProposalKind, "merged">> = { proposals: "proposal", commitments: "commitment", offers: "offer" };

/** The columns of a proposal that come from its answer; the rest (status, coding by rapporteurs) are the rapporteurs'. */
type DerivedColumns = Pick<
  ProposalTable,
  | "question"
  | "position"
  | "kind"
  | "organisation_id"
  | "stakeholder_type"
  | "region_m49"
  | "language"
  | "title"
  | "summary"
  | "partners_named"
  | "capacity_built"
  | "beneficiaries"
  | "resources_needed"
  | "resources_offered"
  | "indicators"
  | "timeline"
  | "start_readiness"
  | "attribution"
  | "consent_to_publish"
>;

interface DerivedProposal {
  itemId: string;
  columns: DerivedColumns;
  codes: { scheme: CodeScheme; code: string }[];
}

function derivedColumns(source: SubmittedSource, panel: string, position: number, kind: DerivedColumns["kind"], entry: JsonRecord): DerivedColumns {
  const text = (name: string) => textOf(entry[name]);
  return {
    question: panel,
    position,
    kind,
    organisation_id: source.organisationId,
    stakeholder_type: source.stakeholderType,
    region_m49: source.regionM49,
    language: source.language,
    title: text("title"),
    summary: text("summary") ?? text("action") ?? text("description") ?? "",
    partners_named: text("partners_named"),
    capacity_built: text("capacity_built"),
    beneficiaries: text("beneficiaries"),
    resources_needed: text("resources_needed"),
    resources_offered: text("resources_offered"),
    indicators: text("indicators"),
    timeline: textOf(entry.timeline),
    start_readiness: text("start_readiness"),
    attribution: source.attribution,
    consent_to_publish: entry.consent_to_publish === true ? 1 : 0,
  };
}

/** The codes an author gave an entry: a partner's proposal, a State's commitment or offer. */
function authorCodes(entry: JsonRecord): { scheme: CodeScheme; code: string }[] {
  return [
    ...codesOf("gcm_objective", entry.gcm_objectives ?? entry.objective),
    ...codesOf("guiding_principle", entry.guiding_principles),
    ...codesOf("governance_level", entry.governance_levels),
    ...codesOf("capacity_gap", entry.capacity_gaps_addressed),
    ...codesOf("support_modality", entry.support_modalities ?? entry.modality),
    ...codesOf("stakeholder_type", entry.partners_involved ?? entry.partners_sought),
  ];
}

/** The proposals a submitted answer holds, each with the stable id of its entry. */
export function proposalsIn(source: SubmittedSource): DerivedProposal[] {
  return Object.entries(PROPOSAL_PANELS).flatMap(([panel, kind]) =>
    entriesOf(source.answers, panel).map(({ entry, position }) => ({
      itemId: itemIdOf(entry, source.responseId, panel, position),
      columns: derivedColumns(source, panel, position, kind, entry),
      codes: authorCodes(entry),
    })),
  );
}

function changed(row: ProposalTable, columns: DerivedColumns): boolean {
  return (Object.keys(columns) as (keyof DerivedColumns)[]).some((key) => row[key] !== columns[key]);
}

/**
 * Brings an answer's proposal rows to its last submission: an entry new to it makes a row
 * (received), an edited one updates its row, a removed one marks its row withdrawn. Status and
 * the rapporteurs' codes are never touched; an unchanged row is not written, so that doing it
 * again changes nothing.
 */
export async function syncProposals(db: Db, source: SubmittedSource, stamp: string): Promise<void> {
  const derived = proposalsIn(source);
  const existing = await db.selectFrom("proposal").selectAll().where("response_id", "=", source.responseId).execute();
  const byItem = new Map(existing.map((row) => [row.item_id, row]));
  const authored = await db
    .selectFrom("proposal_code")
    .innerJoin("proposal", "proposal.id", "proposal_code.proposal_id")
    .select(["proposal_code.proposal_id", "proposal_code.scheme", "proposal_code.code"])
    .where("proposal.response_id", "=", source.responseId)
    .where("proposal_code.source", "=", "author")
    .execute();
  for (const item of derived) {
    const row = byItem.get(item.itemId);
    const id = row?.id ?? newId();
    if (!row) {
      await db
        .insertInto("proposal")
        .values({ id, consultation_id: source.consultationId, response_id: source.responseId, item_id: item.itemId, ...item.columns, status: "received", status_reason: null, merged_into_id: null, withdrawn_at: null, pivot_text: null, translated_at: null, created_at: stamp, updated_at: stamp })
        .execute();
    } else if (changed(row, item.columns) || row.withdrawn_at !== null) {
      // A new text needs a new translation; a change of use alone keeps it.
      const retranslate = row.title !== item.columns.title || row.summary !== item.columns.summary || row.language !== item.columns.language;
      await db
        .updateTable("proposal")
        .set({ ...item.columns, withdrawn_at: null, updated_at: stamp, ...(retranslate ? { pivot_text: null, translated_at: null } : {}) })
        .where("id", "=", id)
        .execute();
    }
    const before = authored.filter((code) => code.proposal_id === id);
    if (!sameCodes(before, item.codes)) {
      await db.deleteFrom("proposal_code").where("proposal_id", "=", id).where("source", "=", "author").execute();
      if (item.codes.length > 0) {
        await db
          .insertInto("proposal_code")
          .values(item.codes.map((code) => ({ proposal_id: id, scheme: code.scheme, code: code.code, source: "author" as const, created_at: stamp, created_by: null })))
          .execute();
      }
    }
  }
  const kept = new Set(derived.map((item) => item.itemId));
  const removed = existing.filter((row) => row.withdrawn_at === null && row.item_id !== null && !kept.has(row.item_id)).map((row) => row.id);
  if (removed.length > 0) await db.updateTable("proposal").set({ withdrawn_at: stamp, updated_at: stamp }).where("id", "in", removed).execute();
}
