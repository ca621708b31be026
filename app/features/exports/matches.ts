import type { Db } from "#db/connect.ts";
import type { Consultation } from "#db/schema.ts";
import type { CurrentUser } from "#app/features/auth/current-user.ts";
import { can } from "#app/features/auth/permissions.ts";
import { confirmedMatches, namesBothSides, type ConfirmedMatch, type PartyView } from "#app/features/matching/matching.ts";
import { MATCH_REASONS } from "#app/features/matching/rules.ts";
import { GCM_OBJECTIVES } from "#app/features/taxonomy/taxonomy.ts";
import { translator } from "#app/i18n/i18n.ts";
import { codedCell, codedCells, labelledCodes, ownColumn, termCodes } from "./columns.ts";
import { sourceMeta, type EntriesExportOptions } from "./entry-sources.ts";
import { noneOmitted, textCell, type ExportCell, type ExportSource, type OmittedCounts } from "./source.ts";

const CANDIDATE_KINDS = ["offer", "proposal"] as const;

/**
 * Whether a confirmed match may be in a file of a profile, and if not, why it is counted out:
 * the public sees a match only when both sides may be quoted with their name; rapporteurs see
 * every match, named and quoted as `confirmedMatches` allows (count-only text withheld,
 * non-attributable organisations unnamed).
 */
function leftOut(match: ConfirmedMatch, profile: EntriesExportOptions["profile"]): keyof OmittedCounts | null {
  if (profile === "rapporteur" || namesBothSides(match)) return null;
  const sides: PartyView[] = [match.need, match.candidate];
  return sides.some((side) => side.attribution === "aggregate_only") ? "countOnly" : "notAttributable";
}

/**
 * The confirmed matches of the consultation's meeting (ADR 0029) as an export source: the need,
 * the offer or retained proposal that answers it, the GCM objective, the score and its reasons,
 * and when it was confirmed. Matches join needs and offers across the meeting's consultations,
 * so every consultation's file holds its meeting's matches. Null for someone who may not read
 * every answer.
 */
export async function matchesExport(db: Db, user: CurrentUser, consultation: Consultation, options: EntriesExportOptions): Promise<ExportSource | null> {
  if (!can(user, "response.readAll")) return null;
  const { language, profile, values } = options;
  const objective = ownColumn("objective", "exportFile.column.objective", "code", termCodes(GCM_OBJECTIVES));
  const kind = ownColumn("candidate_kind", "exportFile.column.candidateKind", "code", labelledCodes(CANDIDATE_KINDS, (value, each) => translator(each)(`matching.kind.${value}`)));
  const reasons = ownColumn("reasons", "exportFile.column.reasons", "code", labelledCodes(MATCH_REASONS, (value, each) => translator(each)(`matching.reason.${value}`)), true);
  const columns = [
    ownColumn("reference", "exportFile.column.reference", "text"),
    objective,
    ownColumn("need_organisation", "exportFile.column.needOrganisation", "text"),
    ownColumn("need_region", "exportFile.column.needRegion", "text"),
    ownColumn("need", "exportFile.column.need", "text"),
    kind,
    ownColumn("candidate_organisation", "exportFile.column.candidateOrganisation", "text"),
    ownColumn("candidate_region", "exportFile.column.candidateRegion", "text"),
    ownColumn("candidate", "exportFile.column.candidate", "text"),
    ownColumn("score", "exportFile.column.score", "number"),
    reasons,
    ownColumn("confirmed_at", "exportFile.column.confirmedAt", "date"),
  ];
  const omitted = noneOmitted();
  const kept: ConfirmedMatch[] = [];
  for (const match of await confirmedMatches(db, consultation.meeting_id, language)) {
    const reason = leftOut(match, profile);
    if (reason) omitted[reason] += 1;
    else kept.push(match);
  }
  async function* rows(): AsyncIterable<ExportCell[]> {
    for (const match of kept) {
      yield [
        textCell(match.id),
        codedCell(objective, match.objective.code || null, values, language),
        textCell(match.need.organisation),
        textCell(match.need.region),
        textCell(match.need.text),
        codedCell(kind, match.candidate.kind === "need" ? null : match.candidate.kind, values, language),
        textCell(match.candidate.organisation),
        textCell(match.candidate.region),
        textCell(match.candidate.text),
        match.score,
        codedCells(reasons, match.reasons.map((reason) => reason.code), values, language),
        match.decidedAt,
      ];
    }
  }
  return { meta: await sourceMeta(db, consultation, "matches", { ...options, filters: {} }), columns, expectedRows: kept.length, rows, omitted };
}
