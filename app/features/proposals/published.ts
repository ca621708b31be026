import type { Db } from "#db/connect.ts";
import type { ProposalKind } from "#db/schema.ts";
import { oneOf, paging } from "#app/features/lists/paging.ts";
import { regionName } from "#app/features/organisations/countries.ts";
import { organisationName } from "#app/features/organisations/organisations.ts";
import { GCM_OBJECTIVES } from "#app/features/taxonomy/taxonomy.ts";
import { isLanguage, localized, type Language } from "#app/i18n/languages.ts";
import { quotation } from "./attribution.ts";
import { PROPOSAL_LISTING_COLUMNS } from "./listing.ts";

/** Proposals on one page of the public meeting page: a crowd's page stays small with thousands published. */
export const PUBLISHED_PAGE_SIZE = 20;

const OBJECTIVE_CODES = GCM_OBJECTIVES.map((term) => term.value);

/** Which published proposals are asked for: one GCM objective or all, and a page. */
export interface PublishedView {
  objective?: string;
  page?: number;
}

/** A proposal as anyone may read it: its own text in its language, who wrote it only where allowed. */
export interface PublishedProposal {
  id: string;
  kind: Exclude<ProposalKind, "merged">;
  title: string | null;
  summary: string;
  /** The language it was written in; its text is shown in it. */
  language: Language | null;
  /** The organisation's name where its author allowed it; null otherwise. */
  organisation: string | null;
  stakeholderType: string | null;
  region: string | null;
  /** Its author's GCM objectives, as labels in the reader's language. */
  objectives: string[];
}

/** The published proposals of one consultation, on the page asked for. */
export interface PublishedGroup {
  consultationId: string;
  consultation: string;
  proposals: PublishedProposal[];
}

export interface PublishedProposals {
  /** The objective filtered by, when a known one was asked for. */
  objective: string | null;
  /** The objectives published proposals give, with how many give each, for the filter. */
  objectives: { value: string; label: string; count: number }[];
  total: number;
  page: number;
  pageCount: number;
  groups: PublishedGroup[];
}

function objectiveLabel(code: string, language: Language): string {
  return GCM_OBJECTIVES.find((term) => term.value === code)?.text[language] ?? code;
}

/**
 * The proposals of a meeting's consultations that anyone may read (docs/decisions/0024): those
 * whose author consented to their publication, from an answer that may be quoted (never a count-
 * only one), not withdrawn. A merged proposal is the rapporteurs' text, which no author consented
 * to: it is left out, while a consented source stays published once merged.
 */
function publishedRows(db: Db, meetingId: string) {
  return db
    .selectFrom("proposal")
    .innerJoin("consultation", "consultation.id", "proposal.consultation_id")
    .where("consultation.meeting_id", "=", meetingId)
    .where("consultation.published_at", "is not", null)
    .where("proposal.consent_to_publish", "=", 1)
    .where("proposal.withdrawn_at", "is", null)
    .where("proposal.kind", "!=", "merged")
    .where("proposal.attribution", "in", ["attributable", "non_attributable"]);
}

/** The published proposals of a meeting, one page of them, grouped by consultation, labelled in the reader's language. */
export async function publishedProposals(db: Db, meetingId: string, language: Language, view: PublishedView = {}): Promise<PublishedProposals> {
  const objective = oneOf(OBJECTIVE_CODES, view.objective ?? null) ?? null;
  const filtered = objective
    ? publishedRows(db, meetingId).where((eb) =>
        eb.exists(
          eb
            .selectFrom("proposal_code")
            .select("proposal_code.proposal_id")
            .whereRef("proposal_code.proposal_id", "=", "proposal.id")
            .where("proposal_code.scheme", "=", "gcm_objective")
            .where("proposal_code.source", "=", "author")
            .where("proposal_code.code", "=", objective),
        ),
      )
    : publishedRows(db, meetingId);
  const [{ total }, facets] = await Promise.all([
    filtered.select((eb) => eb.fn.countAll<number | string>().as("total")).executeTakeFirstOrThrow(),
    publishedRows(db, meetingId)
      .innerJoin("proposal_code", "proposal_code.proposal_id", "proposal.id")
      .where("proposal_code.scheme", "=", "gcm_objective")
      .where("proposal_code.source", "=", "author")
      .select((eb) => ["proposal_code.code", eb.fn.countAll<number | string>().as("count")])
      .groupBy("proposal_code.code")
      .execute(),
  ]);
  const count = Number(total);
  const { page, pageCount, offset } = paging(count, view.page ?? 1, PUBLISHED_PAGE_SIZE);
  const rows = await filtered
    .innerJoin("organisation", "organisation.id", "proposal.organisation_id")
    .select([...PROPOSAL_LISTING_COLUMNS, "proposal.organisation_id", "consultation.id as consultation_id"])
    .orderBy("consultation.opens_at")
    .orderBy("consultation.id")
    .orderBy("proposal.created_at")
    .orderBy("proposal.id")
    .limit(PUBLISHED_PAGE_SIZE)
    .offset(offset)
    .execute();
  const codes = rows.length
    ? await db
        .selectFrom("proposal_code")
        .select(["proposal_id", "code"])
        .where("proposal_id", "in", rows.map((row) => row.id))
        .where("scheme", "=", "gcm_objective")
        .where("source", "=", "author")
        .execute()
    : [];
  const groups: PublishedGroup[] = [];
  for (const row of rows) {
    const quoted = quotation(row);
    if (!quoted || row.kind === "merged") continue;
    const proposal: PublishedProposal = {
      id: row.id,
      kind: row.kind,
      title: quoted.title,
      summary: quoted.summary,
      language: isLanguage(row.language) ? row.language : null,
      organisation: quoted.organisationId ? organisationName(row, language) : null,
      stakeholderType: row.stakeholder_type,
      region: row.region_m49 ? regionName(row.region_m49, language) : null,
      objectives: OBJECTIVE_CODES.filter((code) => codes.some((given) => given.proposal_id === row.id && given.code === code)).map((code) => objectiveLabel(code, language)),
    };
    const last = groups.at(-1);
    if (last?.consultationId === row.consultation_id) last.proposals.push(proposal);
    else groups.push({ consultationId: row.consultation_id, consultation: localized(row, "title", language), proposals: [proposal] });
  }
  return {
    objective,
    objectives: OBJECTIVE_CODES.flatMap((value) => {
      const facet = facets.find((row) => row.code === value);
      return facet ? [{ value, label: objectiveLabel(value, language), count: Number(facet.count) }] : [];
    }),
    total: count,
    page,
    pageCount,
    groups,
  };
}
