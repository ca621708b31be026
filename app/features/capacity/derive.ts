import type { Db } from "#db/connect.ts";
import type { CapacityOfferTable, CodeScheme } from "#db/schema.ts";
import { newId } from "#app/features/ids.ts";
import { itemIdOf } from "#app/features/responses/item-ids.ts";
import { codesOf, entriesOf, sameCodes, textOf, type SubmittedSource } from "#app/features/proposals/source.ts";

type Code = { scheme: CodeScheme; code: string };

/** The columns needs and offers share, as an answer gives them. */
type ItemColumns = Omit<CapacityOfferTable, "id" | "consultation_id" | "response_id" | "withdrawn_at" | "created_at" | "updated_at">;

export interface DerivedNeed {
  columns: ItemColumns & { objective: string; current_capacity: number | null };
  codes: Code[];
}

export interface DerivedOffer {
  columns: ItemColumns;
  codes: Code[];
}

function columnsOf(source: SubmittedSource, question: string, itemId: string | null, position: number, description: unknown): ItemColumns {
  return {
    question,
    item_id: itemId,
    position,
    organisation_id: source.organisationId,
    stakeholder_type: source.stakeholderType,
    region_m49: source.regionM49,
    language: source.language,
    attribution: source.attribution,
    description: textOf(description),
  };
}

/**
 * The capacity needs an answer states: each entry of its priority objectives (capacity-needs,
 * follow-up), in priority order, with the gaps and the support it asks for.
 */
export function needsIn(source: SubmittedSource): DerivedNeed[] {
  const panel = "priority_objectives";
  return entriesOf(source.answers, panel).flatMap(({ entry, position }) => {
    if (typeof entry.objective !== "string") return [];
    const capacity = typeof entry.current_capacity === "number" ? entry.current_capacity : null;
    return [
      {
        columns: { ...columnsOf(source, panel, itemIdOf(entry, source.responseId, panel, position), position, entry.gap_details), objective: entry.objective, current_capacity: capacity },
        codes: [...codesOf("capacity_gap", entry.capacity_gaps), ...codesOf("support_modality", entry.support_modalities)],
      },
    ];
  });
}

/**
 * The offers of support an answer makes: a State's offers to others (capacity-needs), what a
 * partner says it can offer, and the resources each of its proposals offers.
 */
export function offersIn(source: SubmittedSource): DerivedOffer[] {
  const answers = source.answers;
  const states = entriesOf(answers, "offers").map(({ entry, position }) => ({
    columns: columnsOf(source, "offers", itemIdOf(entry, source.responseId, "offers", position), position, entry.description),
    codes: [...codesOf("gcm_objective", entry.objective), ...codesOf("support_modality", entry.modality)],
  }));
  const partner =
    answers.can_offer === true && PARTNER_OFFER_QUESTIONS.some((name) => name in answers)
      ? [{ columns: columnsOf(source, "can_offer", null, 0, answers.offer_description), codes: [...codesOf("gcm_objective", answers.offer_objectives), ...codesOf("support_modality", answers.offer_modalities)] }]
      : [];
  const proposals = entriesOf(answers, "proposals")
    .filter(({ entry }) => textOf(entry.resources_offered) !== null)
    .map(({ entry, position }) => ({
      columns: columnsOf(source, "proposals", itemIdOf(entry, source.responseId, "proposals", position), position, entry.resources_offered),
      codes: [...codesOf("gcm_objective", entry.gcm_objectives), ...codesOf("support_modality", entry.support_modalities)],
    }));
  return [...states, ...partner, ...proposals];
}

/** A partner's offer outside any panel (partnership-proposals); a State's offers are a panel. */
const PARTNER_OFFER_QUESTIONS = ["offer_description", "offer_modalities", "offer_objectives"];

const keyOf = (row: { question: string; item_id: string | null }) => `${row.question}\u0000${row.item_id ?? ""}`;

function changed<C extends object>(row: C, columns: C): boolean {
  return (Object.keys(columns) as (keyof C)[]).some((key) => row[key] !== columns[key]);
}

/** How one kind of capacity row is read and written, for syncItems. */
interface Store<C extends ItemColumns> {
  rows: (C & { id: string; withdrawn_at: string | null })[];
  codes: { owner: string; scheme: string; code: string }[];
  insert: (id: string, columns: C) => Promise<unknown>;
  update: (id: string, columns: C) => Promise<unknown>;
  replaceCodes: (id: string, codes: Code[]) => Promise<unknown>;
  withdraw: (ids: string[]) => Promise<unknown>;
}

/**
 * Brings an answer's rows of one kind to its last submission: new entries added, edited ones
 * updated, removed ones marked withdrawn; an unchanged row is not written.
 */
async function syncItems<C extends ItemColumns>(store: Store<C>, derived: { columns: C; codes: Code[] }[]): Promise<void> {
  const byKey = new Map(store.rows.map((row) => [keyOf(row), row]));
  for (const item of derived) {
    const row = byKey.get(keyOf(item.columns));
    const id = row?.id ?? newId();
    if (!row) await store.insert(id, item.columns);
    else if (changed(row, item.columns) || row.withdrawn_at !== null) await store.update(id, item.columns);
    if (!sameCodes(store.codes.filter((code) => code.owner === id), item.codes)) await store.replaceCodes(id, item.codes);
  }
  const kept = new Set(derived.map((item) => keyOf(item.columns)));
  const gone = store.rows.filter((row) => row.withdrawn_at === null && !kept.has(keyOf(row))).map((row) => row.id);
  if (gone.length > 0) await store.withdraw(gone);
}

export async function syncNeeds(db: Db, source: SubmittedSource, stamp: string): Promise<void> {
  const added = { consultation_id: source.consultationId, response_id: source.responseId, withdrawn_at: null, created_at: stamp, updated_at: stamp };
  await syncItems(
    {
      rows: await db.selectFrom("capacity_need").selectAll().where("response_id", "=", source.responseId).execute(),
      codes: await db.selectFrom("capacity_need_code").innerJoin("capacity_need", "capacity_need.id", "need_id").select(["need_id as owner", "scheme", "code"]).where("response_id", "=", source.responseId).execute(),
      insert: (id, columns) => db.insertInto("capacity_need").values({ id, ...added, ...columns }).execute(),
      update: (id, columns) => db.updateTable("capacity_need").set({ ...columns, withdrawn_at: null, updated_at: stamp }).where("id", "=", id).execute(),
      replaceCodes: async (id, codes) => {
        await db.deleteFrom("capacity_need_code").where("need_id", "=", id).execute();
        if (codes.length > 0) await db.insertInto("capacity_need_code").values(codes.map((code) => ({ need_id: id, ...code }))).execute();
      },
      withdraw: (ids) => db.updateTable("capacity_need").set({ withdrawn_at: stamp, updated_at: stamp }).where("id", "in", ids).execute(),
    },
    needsIn(source),
  );
}

export async function syncOffers(db: Db, source: SubmittedSource, stamp: string): Promise<void> {
  const added = { consultation_id: source.consultationId, response_id: source.responseId, withdrawn_at: null, created_at: stamp, updated_at: stamp };
  await syncItems(
    {
      rows: await db.selectFrom("capacity_offer").selectAll().where("response_id", "=", source.responseId).execute(),
      codes: await db.selectFrom("capacity_offer_code").innerJoin("capacity_offer", "capacity_offer.id", "offer_id").select(["offer_id as owner", "scheme", "code"]).where("response_id", "=", source.responseId).execute(),
      insert: (id, columns) => db.insertInto("capacity_offer").values({ id, ...added, ...columns }).execute(),
      update: (id, columns) => db.updateTable("capacity_offer").set({ ...columns, withdrawn_at: null, updated_at: stamp }).where("id", "=", id).execute(),
      replaceCodes: async (id, codes) => {
        await db.deleteFrom("capacity_offer_code").where("offer_id", "=", id).execute();
        if (codes.length > 0) await db.insertInto("capacity_offer_code").values(codes.map((code) => ({ offer_id: id, ...code }))).execute();
      },
      withdraw: (ids) => db.updateTable("capacity_offer").set({ withdrawn_at: stamp, updated_at: stamp }).where("id", "in", ids).execute(),
    },
    offersIn(source),
  );
}
