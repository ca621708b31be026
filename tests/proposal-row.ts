import type { Insertable } from "kysely";
import { NO_ENTRY_DETAILS } from "../app/features/proposals/rows.ts";
import type { Attribution, ProposalStatus, ProposalTable } from "../db/schema.ts";

/** A proposal of the `proposals` panel as the tests and benches write it straight into the table. */
export interface ProposalRowInput {
  id: string;
  consultationId: string;
  language: "en" | "fr" | "es";
  title: string;
  summary: string;
  /** Its Spanish text as the translation job stores it, translated at `at`. */
  pivotText?: string | null;
  organisationId?: string | null;
  partners?: string | null;
  /** Null as a merged proposal has it; attributable when not given. */
  attribution?: Attribution | null;
  status?: ProposalStatus;
  statusReason?: string | null;
  withdrawn?: boolean;
  responseId?: string | null;
  /** When it was made (and withdrawn, if it is). */
  at: string;
}

/** The whole row of such a proposal, an NGO's, with every entry detail empty. */
export function proposalRow(input: ProposalRowInput): Insertable<ProposalTable> {
  return {
    id: input.id,
    consultation_id: input.consultationId,
    response_id: input.responseId ?? null,
    item_id: null,
    question: "proposals",
    position: 0,
    kind: "proposal",
    organisation_id: input.organisationId ?? null,
    stakeholder_type: "ngo",
    region_m49: null,
    language: input.language,
    title: input.title,
    summary: input.summary,
    partners_named: input.partners ?? null,
    ...NO_ENTRY_DETAILS,
    attribution: input.attribution === undefined ? "attributable" : input.attribution,
    consent_to_publish: 0,
    status: input.status ?? "received",
    status_reason: input.statusReason ?? null,
    merged_into_id: null,
    withdrawn_at: input.withdrawn ? input.at : null,
    pivot_text: input.pivotText ?? null,
    translated_at: input.pivotText ? input.at : null,
    created_at: input.at,
    updated_at: input.at,
  };
}
