import type { Db } from "#db/connect.ts";
import type { Attribution, CodeScheme, ProposalKind, ProposalStatus } from "#db/schema.ts";
import { organisationName } from "#app/features/organisations/organisations.ts";
import { regionName } from "#app/features/organisations/countries.ts";
import { labelOf, questionNamed, surveyModel, type ModelQuestions } from "#app/features/surveys/survey-model.ts";
import { getSurveyVersion } from "#app/features/surveys/versions.ts";
import { STAKEHOLDER_TYPES, type Term } from "#app/features/taxonomy/taxonomy.ts";
import { localized, type Language } from "#app/i18n/languages.ts";
import { isCodingScheme, tagsOf } from "./coding.ts";
import { CODING_SCHEMES } from "./coding-rules.ts";
import { proposalHistory, type ProposalEvent } from "./history.ts";
import { mergeContext, type MergeContext } from "./merge.ts";
import { getProposal, type ProposalView } from "./proposals.ts";

/** The columns of a proposal that hold its author's text, in the order its form asks them. */
const TEXT_FIELDS = ["summary", "partners_named", "capacity_built", "beneficiaries", "resources_needed", "resources_offered", "indicators", "timeline", "start_readiness"] as const;
type TextField = (typeof TEXT_FIELDS)[number];

/** Where a column's question may be named otherwise in a panel (derivation reads the same). */
const QUESTION_NAMES: Partial<Record<TextField, string[]>> = { summary: ["summary", "action", "description"] };

export interface ProposalField {
  name: TextField;
  /** The question's title in the reader's language; null when the survey does not have it (a merged proposal). */
  label: string | null;
  /** The answer, with a choice shown by its label. */
  value: string;
}

export interface LabelledCode {
  scheme: CodeScheme;
  code: string;
  label: string;
}

/**
 * A proposal as its page shows it to rapporteurs and the secretariat. Attribution is applied
 * here, not in the page: a count-only proposal carries no text at all (no title, no field, no
 * organisation), a non-attributable one no organisation.
 */
export interface ProposalPage {
  id: string;
  kind: ProposalKind;
  consultation: { id: string; title: string };
  attribution: Attribution | null;
  /** False for a count-only answer's proposal: title and fields are then null and empty. */
  quotable: boolean;
  language: string | null;
  title: string | null;
  fields: ProposalField[];
  /** The organisation's name, only where it may be named. */
  organisation: string | null;
  stakeholderType: string | null;
  region: string | null;
  status: ProposalStatus;
  statusReason: string | null;
  withdrawnAt: string | null;
  /** The answer in the answer reader; null for a merged proposal. */
  answerHref: string | null;
  authorCodes: LabelledCode[];
  rapporteurCodes: LabelledCode[];
  tags: string[];
  /** Its part in merges: its sources, or what it was merged into. */
  merge: MergeContext | null;
  history: ProposalEvent[];
}

function termsOf(scheme: CodeScheme): readonly Term[] {
  if (isCodingScheme(scheme)) return CODING_SCHEMES[scheme];
  return scheme === "stakeholder_type" ? STAKEHOLDER_TYPES : [];
}

/** A taxonomy code's label in a language; the code itself if the taxonomy no longer has it. */
export function codeLabel(scheme: CodeScheme, code: string, language: Language): string {
  return termsOf(scheme).find((term) => term.value === code)?.text[language] ?? code;
}

async function panelQuestions(db: Db, proposal: ProposalView): Promise<ModelQuestions | null> {
  if (!proposal.response_id || !proposal.question) return null;
  const response = await db.selectFrom("response").select("survey_version_id").where("id", "=", proposal.response_id).executeTakeFirst();
  const version = response ? await getSurveyVersion(db, response.survey_version_id) : undefined;
  if (!version) return null;
  return questionNamed(surveyModel(version).questions, proposal.question)?.panels?.questions ?? null;
}

/** The author's answers of a proposal, labelled with the questions of the survey version answered. */
async function fieldsOf(db: Db, proposal: ProposalView, language: Language): Promise<ProposalField[]> {
  const questions = await panelQuestions(db, proposal);
  return TEXT_FIELDS.flatMap((name) => {
    const value = proposal[name];
    if (value === null || value === "") return [];
    const question = questions ? (QUESTION_NAMES[name] ?? [name]).map((candidate) => questionNamed(questions, candidate)).find((found) => found !== undefined) : undefined;
    return [{ name, label: question?.titles[language] ?? null, value: (question && labelOf(question.choices, value, language)) ?? value }];
  });
}

async function nameOf(db: Db, organisationId: string | null, language: Language): Promise<string | null> {
  if (!organisationId) return null;
  const organisation = await db.selectFrom("organisation").select(["type", "name", "country_code"]).where("id", "=", organisationId).executeTakeFirst();
  return organisation ? organisationName(organisation, language) : null;
}

/** Everything the proposal page shows, in the reader's language; undefined for an unknown proposal. */
export async function proposalPage(db: Db, id: string, language: Language): Promise<ProposalPage | undefined> {
  const proposal = await getProposal(db, id);
  if (!proposal) return undefined;
  const consultation = await db.selectFrom("consultation").select(["id", "title_en", "title_fr", "title_es"]).where("id", "=", proposal.consultation_id).executeTakeFirstOrThrow();
  const labelled = (source: "author" | "rapporteur") =>
    proposal.codes.filter((code) => code.source === source).map(({ scheme, code }) => ({ scheme, code, label: codeLabel(scheme, code, language) }));
  const [fields, organisation, tags, merge, history] = await Promise.all([
    proposal.quotable ? fieldsOf(db, proposal, language) : Promise.resolve([]),
    proposal.quotable ? nameOf(db, proposal.organisation_id, language) : Promise.resolve(null),
    tagsOf(db, id),
    mergeContext(db, id),
    proposalHistory(db, id),
  ]);
  return {
    id,
    kind: proposal.kind,
    consultation: { id: consultation.id, title: localized(consultation, "title", language) },
    attribution: proposal.attribution,
    quotable: proposal.quotable,
    language: proposal.language,
    title: proposal.quotable ? proposal.title : null,
    fields,
    organisation,
    stakeholderType: proposal.stakeholder_type,
    region: proposal.region_m49 ? regionName(proposal.region_m49, language) : null,
    status: proposal.status,
    statusReason: proposal.status_reason,
    withdrawnAt: proposal.withdrawn_at,
    answerHref: proposal.source ? `/consultations/${consultation.id}/responses/${proposal.source.responseId}` : null,
    authorCodes: labelled("author"),
    rapporteurCodes: labelled("rapporteur"),
    tags,
    merge,
    history: history ?? [],
  };
}
