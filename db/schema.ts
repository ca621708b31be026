import type { Insertable, Selectable, Updateable } from "kysely";

/** Timestamps are ISO 8601 strings in UTC (`Date#toISOString`), portable and sortable as text. */
export type Timestamp = string;

export const ROLES = ["admin", "rapporteur", "focal_point", "partner"] as const;
export type Role = (typeof ROLES)[number];

export interface UserTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  preferred_language: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  disabled_at: Timestamp | null;
}

export interface SessionTable {
  /** SHA-256 of the token held in the cookie, hex-encoded: the token itself is never stored. */
  id: string;
  user_id: string;
  expires_at: Timestamp;
  created_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface OrganisationTable {
  id: string;
  type: string;
  /** Partners' names as written by the secretariat; States are named from the country code. */
  name: string | null;
  /** The name folded for comparison (no accents, case or repeated spaces): unique among partners. */
  name_key: string | null;
  acronym: string | null;
  country_code: string | null;
  region_m49: string | null;
  website: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MembershipTable {
  id: string;
  user_id: string;
  organisation_id: string;
  role: Role;
  created_at: Timestamp;
}

export interface InvitationTable {
  id: string;
  token_hash: string;
  email: string;
  name: string | null;
  organisation_id: string;
  role: Role;
  language: string;
  invited_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_user_id: string | null;
  revoked_at: Timestamp | null;
}

export interface EmailOutboxTable {
  id: string;
  kind: string;
  to_address: string;
  subject: string;
  text_body: string;
  /** The invitation the message carries, if any. */
  invitation_id: string | null;
  /**
   * logged: kept here only (no SMTP configured); pending: to be sent; sending; then sent or
   * failed; withdrawn: its invitation was revoked before it was sent.
   */
  status: "logged" | "pending" | "sending" | "sent" | "failed" | "withdrawn";
  /** The last failure; kept while the message waits to be tried again. */
  error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  /** How many times sending was started. */
  attempts: number;
  /** When a pending message that failed before is due again (null: at once). */
  next_attempt_at: Timestamp | null;
  /** When the process now sending it started. */
  claimed_at: Timestamp | null;
}

export interface AuditEventTable {
  id: string;
  created_at: Timestamp;
  actor_user_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  organisation_id: string | null;
  ip: string | null;
  /** JSON object with the details of the event. */
  detail: string | null;
}

/**
 * One password check, for the sign-in limits (docs/decisions/0007): kept for SIGN_IN_RETENTION_DAYS,
 * then purged. Refusals while blocked are folded into one row per address (or account) and minute.
 */
export interface SignInAttemptTable {
  id: string;
  /** The e-mail address tried, normalised; it may be no one's. */
  account: string;
  ip: string | null;
  /**
   * pending: being checked; failed: wrong password; succeeded; mailbox: right password, but the
   * account had to prove its mailbox (counted as a failure); blocked: refused unchecked.
   */
  outcome: "pending" | "failed" | "succeeded" | "mailbox" | "blocked";
  /** How many attempts the row stands for: more than one for a row of refusals. */
  attempts: number;
  created_at: Timestamp;
}

/** A one-time sign-in link sent to an account's mailbox: proof of the mailbox when the password alone is not enough. */
export interface SignInLinkTable {
  id: string;
  user_id: string;
  /** SHA-256 of the token in the link, hex-encoded: the token itself is never stored. */
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  /** The address the sign-in that asked for it came from. */
  ip: string | null;
}

export interface MeetingTable {
  id: string;
  slug: string;
  title_en: string;
  title_fr: string;
  title_es: string;
  theme_en: string;
  theme_fr: string;
  theme_es: string;
  description_en: string;
  description_fr: string;
  description_es: string;
  place_en: string;
  place_fr: string;
  place_es: string;
  starts_on: string;
  ends_on: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SurveyVersionTable {
  /** SHA-256 of the resolved definition: the same content is always the same version. */
  id: string;
  slug: string;
  /** The resolved SurveyJS JSON (taxonomy lists put in), never changed once written. */
  definition: string;
  created_at: Timestamp;
}

/**
 * A survey the secretariat brought in from a SurveyJS form builder: the working copy, translated
 * in the app. Each publication is a survey_version under the same slug (docs/decisions/0038).
 */
export interface UploadedSurveyTable {
  slug: string;
  /** The SurveyJS JSON as uploaded, with the translations given since. */
  definition: string;
  /** The name of the file it came from, as the browser sent it. */
  file_name: string;
  created_by: string;
  created_at: Timestamp;
  updated_by: string;
  updated_at: Timestamp;
}

export const PHASES = ["pre", "post"] as const;
export type Phase = (typeof PHASES)[number];
export const CONSULTATION_KINDS = ["capacity_survey", "call_for_proposals", "follow_up"] as const;
export type ConsultationKind = (typeof CONSULTATION_KINDS)[number];

export interface ConsultationTable {
  id: string;
  meeting_id: string;
  slug: string;
  phase: Phase;
  kind: ConsultationKind;
  /** JSON array of the organisation types that may answer. */
  audience: string;
  survey_slug: string;
  survey_version_id: string;
  title_en: string;
  title_fr: string;
  title_es: string;
  description_en: string;
  description_fr: string;
  description_es: string;
  opens_at: Timestamp;
  closes_at: Timestamp;
  /** Null while the secretariat is still setting it up (status draft). */
  published_at: Timestamp | null;
  opened_early_at: Timestamp | null;
  closed_early_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export const ATTRIBUTIONS = ["attributable", "non_attributable", "aggregate_only"] as const;
export type Attribution = (typeof ATTRIBUTIONS)[number];

/**
 * draft: never submitted; submitted; amending: submitted, then reopened, and an amendment is being
 * drafted (the last submission still counts until the amendment is submitted).
 */
export const RESPONSE_STATUSES = ["draft", "submitted", "amending"] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];

export interface ResponseTable {
  id: string;
  consultation_id: string;
  organisation_id: string;
  survey_version_id: string;
  status: ResponseStatus;
  /** JSON object of the answers, keyed by question name: the working copy (an amendment while amending). */
  data: string;
  /**
   * JSON object of the answers as last submitted: what counts and what rapporteurs read, also
   * while an amendment is drafted (and after closing with one unsubmitted). Null until submitted.
   */
  submitted_data: string | null;
  /** Goes up by one at every save: a save based on an older revision is merged with the ones since (ADR 0011). */
  revision: number;
  current_page: number;
  attribution: Attribution | null;
  /** The language the answer is written in: the answering page's language at its last submission. Null until submitted. */
  language: string | null;
  reference: string | null;
  submitted_at: Timestamp | null;
  submitted_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface ResponseRevisionTable {
  id: string;
  response_id: string;
  revision: number;
  action: "save" | "submit" | "reopen" | "attribution";
  status: ResponseStatus;
  data: string;
  /** JSON array of the question names whose answers changed in this revision. */
  changed_keys: string;
  attribution: Attribution | null;
  user_id: string | null;
  /** 1 when the secretariat entered it on behalf of the organisation. */
  by_proxy: number;
  /** The copy of the answering page that saved it (random, chosen by the browser); null otherwise. */
  client_id: string | null;
  created_at: Timestamp;
}

export const PROPOSAL_KINDS = ["proposal", "commitment", "offer", "merged"] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];
export const PROPOSAL_STATUSES = ["received", "under_review", "retained", "merged", "not_retained"] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
/** The dimensions a proposal, need or offer is coded with. */
export const CODE_SCHEMES = ["gcm_objective", "guiding_principle", "governance_level", "capacity_gap", "support_modality", "stakeholder_type"] as const;
export type CodeScheme = (typeof CODE_SCHEMES)[number];

/**
 * A concrete proposal (docs/decisions/0017): derived from an entry of a submitted answer's
 * repeated panel (a partner's proposal, a State's commitment or offer), or made by a rapporteur
 * merging others. Its coding and status belong to the rapporteurs and survive amendments.
 */
export interface ProposalTable {
  id: string;
  consultation_id: string;
  /** The answer it came from; null for a merged proposal. */
  response_id: string | null;
  /** The stable id of the panel entry it came from (under ITEM_ID_KEY in the answers); null for a merged proposal. */
  item_id: string | null;
  /** The repeated panel (question name) it came from. */
  question: string | null;
  /** Its place in that panel in the last submission. */
  position: number | null;
  kind: ProposalKind;
  organisation_id: string | null;
  stakeholder_type: string | null;
  region_m49: string | null;
  language: string | null;
  title: string | null;
  summary: string;
  partners_named: string | null;
  capacity_built: string | null;
  beneficiaries: string | null;
  resources_needed: string | null;
  resources_offered: string | null;
  indicators: string | null;
  timeline: string | null;
  start_readiness: string | null;
  /** The answer's attribution at its last submission or change of use. */
  attribution: Attribution | null;
  /** 1 when the author agreed to its publication. */
  consent_to_publish: number;
  status: ProposalStatus;
  status_reason: string | null;
  /** The merged proposal it was folded into. */
  merged_into_id: string | null;
  /** While merged: the status and reason it had before, which undoing the merge gives back. */
  status_before_merge: ProposalStatus | null;
  status_reason_before_merge: string | null;
  /** When an amendment removed its entry; its coding is kept. */
  withdrawn_at: Timestamp | null;
  /** Title and summary in Spanish by Apertium, for comparing across languages; null until made, and again once the text changes. */
  pivot_text: string | null;
  translated_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A code given to a proposal by its author (from the answer) or by a rapporteur. */
export interface ProposalCodeTable {
  proposal_id: string;
  scheme: CodeScheme;
  code: string;
  source: "author" | "rapporteur";
  created_at: Timestamp;
  created_by: string | null;
}

/** A rapporteur's free tag on a proposal: trimmed, 1 to 60 characters, unique per proposal whatever its case. */
export interface ProposalTagTable {
  proposal_id: string;
  tag: string;
  created_at: Timestamp;
  created_by: string | null;
}

/** What capacity needs and offers share: one row per panel entry (or answer outside a panel), linked to its answer. */
interface CapacityItemColumns {
  id: string;
  consultation_id: string;
  response_id: string;
  /** The question it came from (a repeated panel, or the answer outside one). */
  question: string;
  /** The stable id of the panel entry; null for an answer outside a panel. */
  item_id: string | null;
  /** Its place in the panel: for needs, the priority (0 is the highest). */
  position: number;
  organisation_id: string;
  stakeholder_type: string;
  region_m49: string | null;
  language: string | null;
  attribution: Attribution | null;
  description: string | null;
  withdrawn_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A capacity need a State stated: one GCM objective, its capacity gaps and support modalities wanted (codes). */
export interface CapacityNeedTable extends CapacityItemColumns {
  objective: string;
  /** 1 (very limited) to 5 (strong), as the State rated it. */
  current_capacity: number | null;
}

/** An offer of support: a State's offer, a partner's offer, a proposal's resources offered; objectives and modalities as codes. */
export type CapacityOfferTable = CapacityItemColumns;

export interface CapacityNeedCodeTable {
  need_id: string;
  scheme: CodeScheme;
  code: string;
}

export interface CapacityOfferCodeTable {
  offer_id: string;
  scheme: CodeScheme;
  code: string;
}

export const MATCH_STATUSES = ["confirmed", "dismissed"] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

/**
 * A rapporteur's decision on a suggested match (docs/decisions/0029): a capacity need and exactly
 * one candidate, an offer or a retained proposal. Undoing a decision deletes its row.
 */
export interface CapacityMatchTable {
  id: string;
  meeting_id: string;
  need_id: string;
  offer_id: string | null;
  proposal_id: string | null;
  status: MatchStatus;
  decided_by: string;
  decided_at: Timestamp;
}

/**
 * One answered choice, rating, matrix cell or ranking position of a submitted answer, as its
 * last submission gives it (docs/decisions/0025): what figures count, derived with the
 * proposals, needs and offers and rebuilt with them.
 */
/** What a figure tally counts (docs/decisions/0033-figure-tallies.md). */
export const TALLY_FIGURES = ["value", "answered", "need", "need_first", "need_code", "text", "submitted"] as const;
export type TallyFigure = (typeof TALLY_FIGURES)[number];

/**
 * The answers of one consultation and one group a filter can select that hold a value, kept in
 * step with the derived rows in the submission's transaction:
 * - `value`: answer_value rows (panel, question, matrix row, value), with the sum of their numbers;
 * - `answered`: the answers (or panel entries) that gave the question a value;
 * - `need`: standing capacity needs by objective (value_code), with the sum of their positions;
 * - `need_first`: those of them in the first place;
 * - `need_code`: needs naming a code (row_key the scheme, value_code the code);
 * - `text`: written answers (free_text_answer rows) by panel, question and part (row_key);
 * - `submitted`: submitted answers (submitted_answer rows).
 */
export interface FigureTallyTable {
  consultation_id: string;
  figure: TallyFigure;
  panel: string;
  question: string;
  row_key: string;
  value_code: string;
  stakeholder_type: string;
  /** '' for answers placed in no area. */
  region_m49: string;
  /** '' for answers given with no attribution. */
  attribution: string;
  answers: number;
  number_sum: number | null;
}

/**
 * What every row derived from an answer for the figures carries of it: the answer, and who gave it
 * for which use (at its last submission), so that the summaries' filters apply alike to all.
 */
export interface AnswerGroupColumns {
  response_id: string;
  consultation_id: string;
  organisation_id: string;
  stakeholder_type: string;
  /** The organisation's M49 area at the last submission, as proposals store it. */
  region_m49: string | null;
  attribution: Attribution | null;
}

export interface AnswerValueTable extends AnswerGroupColumns {
  /** The repeated panel the question belongs to; '' outside a panel. */
  panel: string;
  /** The stable id of the panel entry; '' outside a panel. */
  entry_id: string;
  /** The entry's place in its panel (0 first: for priorities, the highest); null outside a panel. */
  position: number | null;
  question: string;
  /** A matrix's row; '' for any other question. */
  row_key: string;
  /** The choice, the matrix column, the rating as text, `true` or `false`. */
  value_code: string;
  /** A rating's value, or a ranked choice's rank from 1; null for a choice. */
  value_number: number | null;
}

/** A submitted answer with the groups a summary's filters select (ADR 0033), as at its last submission. */
export type SubmittedAnswerTable = AnswerGroupColumns;

/** Whose text a written answer is: the question's own answer, or its "other" choice's text or comment area (`<name>-Comment`). */
export type FreeTextPart = "" | "comment";

/** One written answer of a submitted answer, outside the panels that are proposals (ADR 0036). */
export interface FreeTextAnswerTable extends AnswerGroupColumns {
  /** The language the answer was written in. */
  language: string | null;
  /** The answer's last submission: texts are listed newest first. */
  submitted_at: Timestamp;
  /** The repeated panel the question belongs to; '' outside a panel. */
  panel: string;
  /** The stable id of the panel entry; '' outside a panel. */
  entry_id: string;
  position: number | null;
  question: string;
  part: FreeTextPart;
  /** Trimmed, as written. */
  text: string;
}

/** One row per check that /healthz writes, to prove that the database takes writes. */
export interface HealthCheckTable {
  name: string;
  checked_at: Timestamp;
}

export const JOB_STATUSES = ["pending", "running", "done", "failed"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Background work claimed through the database (docs/decisions/0019). */
export interface JobTable {
  id: string;
  /** Which handler runs it, such as `proposals.translate`. */
  kind: string;
  /** JSON: what the handler needs. */
  payload: string;
  /** Work of the same kind and key is queued once while it is not finished. */
  dedupe_key: string | null;
  /** pending: waiting (maybe after a failure); running: claimed by a process; then done or failed. */
  status: JobStatus;
  /** How many times a process started it. */
  attempts: number;
  /** Not started before this time (a retry waits). */
  run_after: Timestamp;
  /** When the process running it claimed it, or last said it is still at it. */
  claimed_at: Timestamp | null;
  /** JSON: how far it got, as the handler reports it. */
  progress: string | null;
  /** JSON: what it produced, once done. */
  result: string | null;
  /** The last failure. */
  error: string | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
}

/** pending: waiting for its job; running: being written; done: the file is complete; failed: no file. */
export const EXPORT_FILE_STATUSES = ["pending", "running", "done", "failed"] as const;
export type ExportFileStatus = (typeof EXPORT_FILE_STATUSES)[number];

/** An export someone asked for, and the file its background job wrote (docs/decisions/0032). */
export interface ExportFileTable {
  id: string;
  requested_by: string;
  /** What it exports: a consultation's answers, or (later) a whole meeting. */
  consultation_id: string | null;
  meeting_id: string | null;
  /** csv, xlsx, json… (app/features/exports/formats.ts). */
  format: string;
  language: string;
  /** public or rapporteur. */
  profile: string;
  /** labels or codes. */
  value_mode: string;
  /** JSON: the answers' filters, by name. */
  filters: string;
  /** 1 when free text gets Apertium's translation beside it (docs/decisions/0035). */
  machine_translation: number;
  status: ExportFileStatus;
  job_id: string | null;
  /** The query's count, once the job has counted. */
  rows_expected: number | null;
  rows_written: number;
  /** The content hash of the data (app/features/exports/source.ts), once done. */
  sha256: string | null;
  /** The complete file's name in the exports directory; null until it is complete. */
  file_name: string | null;
  /** Why it failed, for the person who asked. */
  error: string | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
}

export const KEY_MESSAGE_STATUSES = ["draft", "agreed"] as const;
export type KeyMessageStatus = (typeof KEY_MESSAGE_STATUSES)[number];

/** A key message of a meeting, written by the rapporteurs (docs/decisions/0020). */
export interface KeyMessageTable {
  id: string;
  meeting_id: string;
  /** Its place in the meeting's list, from 1. */
  position: number;
  title: string;
  /** Paragraphs separated by a blank line; lines beginning with "- " make a list. */
  body: string;
  /** The language it is written in. */
  language: string;
  status: KeyMessageStatus;
  agreed_by: string | null;
  agreed_at: Timestamp | null;
  created_by: string;
  created_at: Timestamp;
  updated_by: string;
  updated_at: Timestamp;
}

/** A source a key message rests on: an answer (or one proposal of it), with or without a quoted passage. */
export interface KeyMessageCitationTable {
  id: string;
  key_message_id: string;
  position: number;
  response_id: string;
  /** The proposal of the answer cited, when the citation is of one proposal. */
  proposal_id: string | null;
  /** Where the quote comes from in the answer: a question name, or `panel[n].question`. */
  question: string | null;
  /** The passage quoted, exactly as in the source; null when the source is only cited or counted. */
  quote: string | null;
  created_by: string;
  created_at: Timestamp;
}

export interface Database {
  user: UserTable;
  session: SessionTable;
  organisation: OrganisationTable;
  membership: MembershipTable;
  invitation: InvitationTable;
  email_outbox: EmailOutboxTable;
  audit_event: AuditEventTable;
  sign_in_attempt: SignInAttemptTable;
  sign_in_link: SignInLinkTable;
  meeting: MeetingTable;
  survey_version: SurveyVersionTable;
  uploaded_survey: UploadedSurveyTable;
  consultation: ConsultationTable;
  response: ResponseTable;
  response_revision: ResponseRevisionTable;
  health_check: HealthCheckTable;
  proposal: ProposalTable;
  proposal_code: ProposalCodeTable;
  proposal_tag: ProposalTagTable;
  capacity_need: CapacityNeedTable;
  capacity_need_code: CapacityNeedCodeTable;
  capacity_offer: CapacityOfferTable;
  capacity_offer_code: CapacityOfferCodeTable;
  capacity_match: CapacityMatchTable;
  answer_value: AnswerValueTable;
  figure_tally: FigureTallyTable;
  free_text_answer: FreeTextAnswerTable;
  submitted_answer: SubmittedAnswerTable;
  job: JobTable;
  export_file: ExportFileTable;
  key_message: KeyMessageTable;
  key_message_citation: KeyMessageCitationTable;
}

export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Session = Selectable<SessionTable>;
export type UploadedSurvey = Selectable<UploadedSurveyTable>;
export type Organisation = Selectable<OrganisationTable>;
export type NewOrganisation = Insertable<OrganisationTable>;
export type Membership = Selectable<MembershipTable>;
export type Invitation = Selectable<InvitationTable>;
export type EmailOutboxMessage = Selectable<EmailOutboxTable>;
export type AuditEvent = Selectable<AuditEventTable>;
export type SignInAttempt = Selectable<SignInAttemptTable>;
export type SignInLink = Selectable<SignInLinkTable>;
export type Meeting = Selectable<MeetingTable>;
export type SurveyVersion = Selectable<SurveyVersionTable>;
export type Consultation = Selectable<ConsultationTable>;
export type ExportFile = Selectable<ExportFileTable>;
export type NewConsultation = Insertable<ConsultationTable>;
export type ResponseRow = Selectable<ResponseTable>;
export type ResponseRevision = Selectable<ResponseRevisionTable>;
export type Proposal = Selectable<ProposalTable>;
export type ProposalCode = Selectable<ProposalCodeTable>;
export type ProposalTag = Selectable<ProposalTagTable>;
export type CapacityNeed = Selectable<CapacityNeedTable>;
export type CapacityOffer = Selectable<CapacityOfferTable>;
export type AnswerValue = Selectable<AnswerValueTable>;
export type FreeTextAnswer = Selectable<FreeTextAnswerTable>;
export type Job = Selectable<JobTable>;
export type KeyMessage = Selectable<KeyMessageTable>;
export type KeyMessageCitation = Selectable<KeyMessageCitationTable>;
