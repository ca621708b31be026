import type { Db } from "#db/connect.ts";
import type { Attribution, CodeScheme } from "#db/schema.ts";
import type { CandidateFacts, CandidateKind, NeedFacts } from "./rules.ts";

/** What a party to a match shows besides the facts it is matched on. */
export interface PartyDetails {
  organisationId: string | null;
  organisationType: string | null;
  organisationName: string | null;
  countryCode: string | null;
  regionM49: string | null;
  language: string | null;
  attribution: Attribution | null;
  /** A need's or an offer's description; a proposal's title (or summary when it has none). */
  text: string | null;
}

export type NeedRow = NeedFacts & PartyDetails & { consultationId: string; position: number };
export type CandidateRow = CandidateFacts & PartyDetails;

type CodeRow = { owner: string; scheme: CodeScheme; code: string };

/** Codes by owner and scheme, read once for a whole meeting. */
function codesByOwner(rows: readonly CodeRow[]): (owner: string, scheme: CodeScheme) => string[] {
  const index = new Map<string, string[]>();
  for (const row of rows) {
    const key = `${row.owner}|${row.scheme}`;
    const list = index.get(key);
    if (list) list.push(row.code);
    else index.set(key, [row.code]);
  }
  return (owner, scheme) => [...new Set(index.get(`${owner}|${scheme}`) ?? [])].sort();
}

type DetailColumns = { organisation_id: string | null; type: string | null; name: string | null; country_code: string | null; region_m49: string | null; language: string | null; attribution: Attribution | null };

function detailsOf(row: DetailColumns, text: string | null): PartyDetails {
  return { organisationId: row.organisation_id, organisationType: row.type, organisationName: row.name, countryCode: row.country_code, regionM49: row.region_m49, language: row.language, attribution: row.attribution, text };
}

/**
 * The needs of a meeting's consultations that their authors have not withdrawn, with their
 * codes: two queries whatever their number.
 */
export async function meetingNeeds(db: Db, meetingId: string, only?: string): Promise<NeedRow[]> {
  const rows = await db
    .selectFrom("capacity_need as need")
    .innerJoin("consultation", "consultation.id", "need.consultation_id")
    .innerJoin("organisation", "organisation.id", "need.organisation_id")
    .where("consultation.meeting_id", "=", meetingId)
    .where("need.withdrawn_at", "is", null)
    .$if(only !== undefined, (query) => query.where("need.id", "=", only ?? ""))
    .select(["need.id", "need.consultation_id", "need.position", "need.organisation_id", "need.region_m49", "need.objective", "need.description", "need.language", "need.attribution", "organisation.type", "organisation.name", "organisation.country_code"])
    .orderBy("need.id")
    .execute();
  const codes = codesByOwner(
    await db
      .selectFrom("capacity_need_code as code")
      .innerJoin("capacity_need as need", "need.id", "code.need_id")
      .innerJoin("consultation", "consultation.id", "need.consultation_id")
      .where("consultation.meeting_id", "=", meetingId)
      .where("need.withdrawn_at", "is", null)
      .$if(only !== undefined, (query) => query.where("need.id", "=", only ?? ""))
      .select(["code.need_id as owner", "code.scheme", "code.code"])
      .execute(),
  );
  return rows.map((row) => ({
    id: row.id,
    consultationId: row.consultation_id,
    position: row.position,
    ...detailsOf(row, row.description),
    organisationId: row.organisation_id,
    objective: row.objective,
    gaps: codes(row.id, "capacity_gap"),
    modalities: codes(row.id, "support_modality"),
  }));
}

/** The offers of a meeting's consultations still standing, with their objectives and modalities. */
async function meetingOffers(db: Db, meetingId: string, only?: string): Promise<CandidateRow[]> {
  const rows = await db
    .selectFrom("capacity_offer as offer")
    .innerJoin("consultation", "consultation.id", "offer.consultation_id")
    .innerJoin("organisation", "organisation.id", "offer.organisation_id")
    .where("consultation.meeting_id", "=", meetingId)
    .where("offer.withdrawn_at", "is", null)
    .$if(only !== undefined, (query) => query.where("offer.id", "=", only ?? ""))
    .select(["offer.id", "offer.organisation_id", "offer.region_m49", "offer.description", "offer.language", "offer.attribution", "organisation.type", "organisation.name", "organisation.country_code"])
    .execute();
  const codes = codesByOwner(
    await db
      .selectFrom("capacity_offer_code as code")
      .innerJoin("capacity_offer as offer", "offer.id", "code.offer_id")
      .innerJoin("consultation", "consultation.id", "offer.consultation_id")
      .where("consultation.meeting_id", "=", meetingId)
      .where("offer.withdrawn_at", "is", null)
      .$if(only !== undefined, (query) => query.where("offer.id", "=", only ?? ""))
      .select(["code.offer_id as owner", "code.scheme", "code.code"])
      .execute(),
  );
  return rows.map((row) => ({
    kind: "offer",
    id: row.id,
    ...detailsOf(row, row.description),
    objectives: codes(row.id, "gcm_objective"),
    gaps: [],
    modalities: codes(row.id, "support_modality"),
  }));
}

/**
 * The retained proposals of a meeting's consultations (not withdrawn, not merged away), with the
 * codes their authors and the rapporteurs gave them.
 */
async function retainedProposals(db: Db, meetingId: string, only?: string): Promise<CandidateRow[]> {
  const rows = await db
    .selectFrom("proposal")
    .innerJoin("consultation", "consultation.id", "proposal.consultation_id")
    .leftJoin("organisation", "organisation.id", "proposal.organisation_id")
    .where("consultation.meeting_id", "=", meetingId)
    .where("proposal.status", "=", "retained")
    .where("proposal.withdrawn_at", "is", null)
    .where("proposal.merged_into_id", "is", null)
    .$if(only !== undefined, (query) => query.where("proposal.id", "=", only ?? ""))
    .select(["proposal.id", "proposal.organisation_id", "proposal.region_m49", "proposal.title", "proposal.summary", "proposal.language", "proposal.attribution", "organisation.type", "organisation.name", "organisation.country_code"])
    .execute();
  const codes = codesByOwner(
    await db
      .selectFrom("proposal_code as code")
      .innerJoin("proposal", "proposal.id", "code.proposal_id")
      .innerJoin("consultation", "consultation.id", "proposal.consultation_id")
      .where("consultation.meeting_id", "=", meetingId)
      .where("proposal.status", "=", "retained")
      .where("proposal.withdrawn_at", "is", null)
      .where("proposal.merged_into_id", "is", null)
      .$if(only !== undefined, (query) => query.where("proposal.id", "=", only ?? ""))
      .where("code.scheme", "in", ["gcm_objective", "capacity_gap", "support_modality"])
      .select(["code.proposal_id as owner", "code.scheme", "code.code"])
      .execute(),
  );
  return rows.map((row) => ({
    kind: "proposal",
    id: row.id,
    ...detailsOf(row, row.title ?? row.summary),
    objectives: codes(row.id, "gcm_objective"),
    gaps: codes(row.id, "capacity_gap"),
    modalities: codes(row.id, "support_modality"),
  }));
}

/** Every candidate of a meeting: its offers, then its retained proposals. */
export async function meetingCandidates(db: Db, meetingId: string): Promise<CandidateRow[]> {
  return [...(await meetingOffers(db, meetingId)), ...(await retainedProposals(db, meetingId))];
}

/** One candidate of a meeting, if it is one: an offer still standing or a retained proposal. */
export async function meetingCandidate(db: Db, meetingId: string, kind: CandidateKind, id: string): Promise<CandidateRow | undefined> {
  const rows = kind === "offer" ? await meetingOffers(db, meetingId, id) : await retainedProposals(db, meetingId, id);
  return rows[0];
}

export interface DecisionRow {
  id: string;
  needId: string;
  kind: CandidateKind;
  candidateId: string;
  status: "confirmed" | "dismissed";
  decidedAt: string;
}

/** The rapporteurs' decisions on a meeting's matches. */
export async function meetingDecisions(db: Db, meetingId: string): Promise<DecisionRow[]> {
  const rows = await db.selectFrom("capacity_match").select(["id", "need_id", "offer_id", "proposal_id", "status", "decided_at"]).where("meeting_id", "=", meetingId).orderBy("id").execute();
  return rows.map((row) => ({
    id: row.id,
    needId: row.need_id,
    kind: row.offer_id !== null ? "offer" : "proposal",
    candidateId: row.offer_id ?? row.proposal_id ?? "",
    status: row.status,
    decidedAt: row.decided_at,
  }));
}
