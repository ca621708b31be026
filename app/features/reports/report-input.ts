import type { BarDatum, ChartUnit } from "#app/components/charts/index.ts";
import type { CounterName } from "#app/features/figures/counters.ts";
import type { ExportProfile, MachineTranslationReport } from "#app/features/exports/source.ts";
import type { ConfirmedMatch } from "#app/features/matching/matching.ts";
import type { KeyMessageView } from "#app/features/messages/key-messages.ts";
import type { Language } from "#app/i18n/languages.ts";

/**
 * Everything the consolidated report says, already read from the database, labelled in the
 * report's language and filtered by its profile (docs/decisions/0031-docx-report.md). The DOCX
 * writer only lays it out, so that a section (such as the confirmed matches) is one more field
 * here, one more reader in `assemble.ts` and one more entry in the writer's list of sections.
 */
export interface ReportInput {
  language: Language;
  profile: ExportProfile;
  /** ISO instant. */
  madeAt: string;
  /** The figure filters applied, by name, with their values as given. */
  filters: Record<string, string>;
  scope: ReportScope;
  consultations: ReportConsultation[];
  /** The participation counters, with their definitions. */
  participation: ReportCounter[];
  figures: ReportFigure[];
  messages: KeyMessageView[];
  /** The meeting's confirmed matches of needs with offers and proposals (for the public, those naming both sides). */
  matches: ConfirmedMatch[];
  annex: ReportProposal[];
  omitted: ReportOmissions;
  /** Present when a machine translation of the annex was asked for (docs/decisions/0035). */
  machineTranslation?: MachineTranslationReport;
}

export const REPORT_SCOPES = ["meeting", "consultation"] as const;

export interface ReportScope {
  kind: (typeof REPORT_SCOPES)[number];
  /** The meeting's title, or the consultation's. */
  title: string;
  meeting: string;
  theme: string;
  place: string;
  /** ISO dates of the meeting. */
  startsOn: string;
  endsOn: string;
  description: string;
}

export interface ReportConsultation {
  title: string;
  survey: string;
  /** ISO instants. */
  opensAt: string;
  closesAt: string;
  /** Stakeholder types addressed, as labels. */
  audience: string[];
}

export interface ReportCounter {
  name: CounterName;
  label: string;
  definition: string;
  /** Formatted in the report's language. */
  value: string;
}

/** The report's figures, in their order; each has its title and category header in the catalogues. */
export const REPORT_FIGURES = ["responseRate", "priorities", "capacityGaps", "supportModalities", "proposals"] as const;

/** A figure drawn as a bar chart, with its numbers as a table beside it. */
export interface ReportFigure {
  id: (typeof REPORT_FIGURES)[number];
  title: string;
  /** The counter's definition: the image's description (alt text) and the sentence under it. */
  description: string;
  unit: ChartUnit;
  categoryHeader: string;
  valueHeader: string;
  data: BarDatum[];
}

/** The annex's fields, in their order: its columns for the content hash, and its labels. */
export const ANNEX_KEYS = ["consultation", "kind", "title", "summary", "organisation", "stakeholderType", "region", "language", "objectives"] as const;

/** A retained proposal as the profile lets it out; text exactly as written. */
export interface ReportProposal {
  id: string;
  consultation: string;
  kind: string;
  title: string | null;
  summary: string;
  /** Null where its author asked not to be named (or for a text the rapporteurs merged). */
  organisation: string | null;
  stakeholderType: string | null;
  region: string | null;
  /** The language it was written in (a code), null when unknown. */
  language: string | null;
  objectives: string[];
  /** Apertium's translation into the report's language, when asked for and made; never stands in for the original. */
  machineTranslation?: { title: string | null; summary: string };
}

/** Why a retained proposal is left out of the annex. */
export const OMISSIONS = ["merged", "withdrawn", "countOnly", "notConsented", "notAttributable"] as const;

/** Retained proposals left out of the annex, by reason. */
export type ReportOmissions = Record<(typeof OMISSIONS)[number], number>;
