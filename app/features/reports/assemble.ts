import { exportFilterParams } from "#app/features/exports/filters.ts";
import type { Db } from "#db/connect.ts";
import type { Consultation, Meeting, ProposalStatus } from "#db/schema.ts";
import type { BarDatum } from "#app/components/charts/index.ts";
import { formatValue } from "#app/components/charts/numbers.ts";
import { audienceOf } from "#app/features/consultations/consultations.ts";
import type { ExportProfile } from "#app/features/exports/source.ts";
import { needsConsent, profileAdmits } from "#app/features/exports/profiles.ts";
import {
  counterText,
  groupParticipation,
  needsByCode,
  needsByObjective,
  participationCells,
  participationOf,
  proposalsByStatus,
  withinFilters,
  type CounterName,
  type FigureFilters,
  type ParticipationCell,
} from "#app/features/figures/counters.ts";
import { confirmedMatches, namesBothSides } from "#app/features/matching/matching.ts";
import { listKeyMessages, type KeyMessageView } from "#app/features/messages/key-messages.ts";
import { forThePublic } from "#app/features/messages/public.ts";
import { regionName } from "#app/features/organisations/countries.ts";
import { organisationName } from "#app/features/organisations/organisations.ts";
import { quotable } from "#app/features/proposals/attribution.ts";
import { PROPOSAL_LISTING_COLUMNS } from "#app/features/proposals/listing.ts";
import { CAPACITY_GAPS, GCM_OBJECTIVES, SUPPORT_MODALITIES, type Term } from "#app/features/taxonomy/taxonomy.ts";
import { translator } from "#app/i18n/i18n.ts";
import { localized, type Language } from "#app/i18n/languages.ts";
import type { ReportConsultation, ReportCounter, ReportFigure, ReportInput, ReportOmissions, ReportProposal, ReportScope } from "./report-input.ts";

/** What a report covers: a whole meeting (its published consultations) or one consultation. */
export type ReportSubject = { meetingId: string } | { consultationId: string };

export interface ReportOptions {
  language: Language;
  profile: ExportProfile;
  filters?: FigureFilters;
  now?: Date;
}

/** Rows per `in (…)` list, well under every database's limit on bound parameters. */
const CHUNK = 500;

function termLabel(terms: readonly Term[], code: string, language: Language): string {
  return terms.find((term) => term.value === code)?.text[language] ?? code;
}

async function subjectOf(db: Db, subject: ReportSubject): Promise<{ meeting: Meeting; consultations: Consultation[]; single: Consultation | null } | null> {
  if ("consultationId" in subject) {
    const single = await db.selectFrom("consultation").selectAll().where("id", "=", subject.consultationId).executeTakeFirst();
    const meeting = single && (await db.selectFrom("meeting").selectAll().where("id", "=", single.meeting_id).executeTakeFirst());
    return single && meeting ? { meeting, consultations: [single], single } : null;
  }
  const meeting = await db.selectFrom("meeting").selectAll().where("id", "=", subject.meetingId).executeTakeFirst();
  if (!meeting) return null;
  const consultations = await db.selectFrom("consultation").selectAll().where("meeting_id", "=", meeting.id).where("published_at", "is not", null).orderBy("opens_at").orderBy("id").execute();
  return { meeting, consultations, single: null };
}

function scopeOf(meeting: Meeting, single: Consultation | null, language: Language): ReportScope {
  const title = localized(meeting, "title", language);
  return {
    kind: single ? "consultation" : "meeting",
    title: single ? localized(single, "title", language) : title,
    meeting: title,
    theme: localized(meeting, "theme", language),
    place: localized(meeting, "place", language),
    startsOn: meeting.starts_on,
    endsOn: meeting.ends_on,
    description: localized(meeting, "description", language),
  };
}

function consultationOf(consultation: Consultation, language: Language): ReportConsultation {
  const t = translator(language);
  return {
    title: localized(consultation, "title", language),
    survey: consultation.survey_slug,
    opensAt: consultation.opens_at,
    closesAt: consultation.closes_at,
    audience: audienceOf(consultation).map((type) => t(`organisationType.${type}`)),
  };
}

function counter(name: CounterName, value: string, language: Language): ReportCounter {
  return { name, value, ...counterText(name, language) };
}

function participationCounters(cells: readonly ParticipationCell[], language: Language): ReportCounter[] {
  const counts = participationOf(cells);
  return [
    counter("audience", formatValue(counts.audience, language, "count"), language),
    counter("submitted", formatValue(counts.submitted, language, "count"), language),
    counter("responseRate", counts.rate === null ? "–" : formatValue(counts.rate, language, "percent"), language),
  ];
}

async function figuresOf(db: Db, consultations: readonly Consultation[], filters: FigureFilters, cells: readonly ParticipationCell[], language: Language): Promise<ReportFigure[]> {
  const t = translator(language);
  const figure = (id: ReportFigure["id"], name: CounterName, unit: ReportFigure["unit"], data: BarDatum[]): ReportFigure => {
    const text = counterText(name, language);
    return { id, title: t(`report.figure.${id}`), description: text.definition, unit, categoryHeader: t(`report.figureCategory.${id}`), valueHeader: text.label, data };
  };
  const byType = groupParticipation(cells, "stakeholder_type");
  const [objectives, gaps, modalities, statuses] = await Promise.all([
    needsByObjective(db, consultations, filters),
    needsByCode(db, consultations, "capacity_gap", filters),
    needsByCode(db, consultations, "support_modality", filters),
    proposalsByStatus(db, consultations, filters),
  ]);
  return [
    figure(
      "responseRate",
      "responseRate",
      "percent",
      byType.flatMap(({ key, counts }) => (key === null || counts.rate === null ? [] : [{ key, label: t(`organisationType.${key}`), value: counts.rate }])),
    ),
    figure("priorities", "priorityNeeds", "count", objectives.map((row) => ({ key: row.objective, label: termLabel(GCM_OBJECTIVES, row.objective, language), value: row.needs }))),
    figure("capacityGaps", "needsByCode", "count", gaps.map((row) => ({ key: row.code, label: termLabel(CAPACITY_GAPS, row.code, language), value: row.needs }))),
    figure("supportModalities", "needsByCode", "count", modalities.map((row) => ({ key: row.code, label: termLabel(SUPPORT_MODALITIES, row.code, language), value: row.needs }))),
    figure(
      "proposals",
      "proposalsByStatus",
      "count",
      (Object.entries(statuses) as [ProposalStatus, number][]).map(([status, value]) => ({ key: status, label: t(`proposal.status.${status}`), value })),
    ),
  ];
}

/** The meeting's key messages (only agreed ones for the public); for one consultation, those that cite its answers. */
async function messagesOf(db: Db, meeting: Meeting, single: Consultation | null, options: ReportOptions): Promise<KeyMessageView[]> {
  const forPublic = options.profile === "public";
  let messages = await listKeyMessages(db, meeting.id, { language: options.language, agreedOnly: forPublic });
  if (single) {
    const citing = await db
      .selectFrom("key_message_citation")
      .innerJoin("response", "response.id", "key_message_citation.response_id")
      .where("response.consultation_id", "=", single.id)
      .select("key_message_citation.key_message_id")
      .distinct()
      .execute();
    const ids = new Set(citing.map((row) => row.key_message_id));
    messages = messages.filter((message) => ids.has(message.id));
  }
  return forPublic ? messages.map(forThePublic) : messages;
}

async function authorObjectives(db: Db, ids: readonly string[]): Promise<Map<string, string[]>> {
  const byProposal = new Map<string, string[]>();
  for (let start = 0; start < ids.length; start += CHUNK) {
    const rows = await db
      .selectFrom("proposal_code")
      .select(["proposal_id", "code"])
      .where("proposal_id", "in", ids.slice(start, start + CHUNK))
      .where("scheme", "=", "gcm_objective")
      .where("source", "=", "author")
      .orderBy("code")
      .execute();
    for (const row of rows) byProposal.set(row.proposal_id, [...(byProposal.get(row.proposal_id) ?? []), row.code]);
  }
  return byProposal;
}

/**
 * The retained proposals the profile lets out, and those left out by reason: merged into a
 * rapporteurs' text, withdrawn by an amendment, count only, and for the public, not consented
 * to or not to be quoted with the name (ADR 0027's profiles).
 */
async function annexOf(db: Db, consultations: readonly Consultation[], filters: FigureFilters, options: ReportOptions): Promise<{ annex: ReportProposal[]; omitted: ReportOmissions }> {
  const omitted: ReportOmissions = { merged: 0, withdrawn: 0, countOnly: 0, notConsented: 0, notAttributable: 0 };
  if (consultations.length === 0) return { annex: [], omitted };
  const { language, profile } = options;
  const t = translator(language);
  const rows = await db
    .selectFrom("proposal")
    .where(withinFilters("proposal", consultations, filters))
    .where("proposal.status", "in", ["retained", "merged"])
    .innerJoin("consultation", "consultation.id", "proposal.consultation_id")
    .leftJoin("organisation", "organisation.id", "proposal.organisation_id")
    .select([...PROPOSAL_LISTING_COLUMNS, "proposal.status", "proposal.consent_to_publish", "proposal.withdrawn_at"])
    .orderBy("consultation.opens_at")
    .orderBy("consultation.id")
    .orderBy("proposal.created_at")
    .orderBy("proposal.id")
    .execute();
  const kept = rows.filter((row) => {
    const reason: keyof ReportOmissions | null =
      row.status === "merged"
        ? "merged"
        : row.withdrawn_at !== null
          ? "withdrawn"
          : !quotable(row)
            ? "countOnly"
            : needsConsent(profile) && row.consent_to_publish !== 1
              ? "notConsented"
              : !profileAdmits(profile, row.attribution)
                ? "notAttributable"
                : null;
    if (reason) omitted[reason] += 1;
    return reason === null;
  });
  const objectives = await authorObjectives(
    db,
    kept.map((row) => row.id),
  );
  const annex = kept.map((row) => ({
    id: row.id,
    consultation: localized(row, "title", language),
    kind: t(`proposal.kind.${row.kind}`),
    title: row.title,
    summary: row.summary,
    organisation: row.attribution === "attributable" && row.type !== null ? organisationName({ type: row.type, name: row.name, country_code: row.country_code }, language) : null,
    stakeholderType: row.stakeholder_type ? t(`organisationType.${row.stakeholder_type}`) : null,
    region: row.region_m49 ? regionName(row.region_m49, language) : null,
    language: row.language,
    objectives: (objectives.get(row.id) ?? []).map((code) => termLabel(GCM_OBJECTIVES, code, language)),
  }));
  return { annex, omitted };
}

/** Reads everything a report says from the database; null when the meeting or consultation does not exist. */
export async function reportInput(db: Db, subject: ReportSubject, options: ReportOptions): Promise<ReportInput | null> {
  const found = await subjectOf(db, subject);
  if (!found) return null;
  const { meeting, consultations, single } = found;
  const filters = options.filters ?? {};
  const { language } = options;
  // Participation is read once, for its counters and its figure by stakeholder type.
  const cells = await participationCells(db, consultations, filters);
  const [figures, messages, matches, { annex, omitted }] = await Promise.all([
    figuresOf(db, consultations, filters, cells, language),
    messagesOf(db, meeting, single, options),
    confirmedMatches(db, meeting.id, language),
    annexOf(db, consultations, filters, options),
  ]);
  return {
    language,
    profile: options.profile,
    madeAt: (options.now ?? new Date()).toISOString(),
    filters: exportFilterParams(filters),
    scope: scopeOf(meeting, single, language),
    consultations: consultations.map((consultation) => consultationOf(consultation, language)),
    participation: participationCounters(cells, language),
    figures,
    messages,
    matches: options.profile === "public" ? matches.filter(namesBothSides) : matches,
    annex,
    omitted,
  };
}
