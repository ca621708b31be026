import { translator } from "#app/i18n/i18n.ts";
import { neutraliseFormula } from "./cells.ts";
import { filtersNote } from "./filters.ts";
import type { ExportOutcome, ExportSource } from "./source.ts";

/**
 * The notes every file carries, as label and value in the export's language: when it was made,
 * of what, the profile and filters, the rows and their hash, and what was left out. CSV puts them
 * after the rows, XLSX on a sheet of their own, JSON under `notes` with the same facts.
 */
export function noteLines(source: ExportSource, outcome: ExportOutcome): [string, string][] {
  const { meta, omitted } = source;
  const t = translator(meta.language);
  const lines: [string, string][] = [
    [t("exportFile.notes.title"), meta.title],
    [t("exportFile.notes.madeAt"), meta.madeAt],
    ...(meta.meeting ? [[t("exportFile.notes.meeting"), meta.meeting] satisfies [string, string]] : []),
    [t("exportFile.notes.consultation"), meta.consultation],
    [t("exportFile.notes.survey"), meta.survey.slug],
    [t("exportFile.notes.surveyVersion"), meta.survey.version],
    [t("exportFile.notes.language"), meta.language],
    [t("exportFile.notes.profile"), t(meta.profile === "public" ? "exportFile.profile.public" : "exportFile.profile.rapporteur")],
    [t("exportFile.notes.values"), t(meta.values === "labels" ? "exportFile.values.labels" : "exportFile.values.codes")],
    [t("exportFile.notes.filters"), filtersNote(meta.filters, meta.language)],
    [t("exportFile.notes.rows"), String(outcome.rows)],
    [t("exportFile.notes.sha256"), outcome.sha256],
    [t("exportFile.notes.countOnly"), String(omitted.countOnly)],
    [t("exportFile.notes.notAttributable"), String(omitted.notAttributable)],
    [t("exportFile.notes.notConsented"), String(omitted.notConsented)],
    [t("exportFile.notes.withdrawn"), String(omitted.withdrawn)],
    [t("exportFile.notes.merged"), String(omitted.merged)],
    ...translationLines(source, t),
    [t("exportFile.notes.hashRule"), ""],
    [t("exportFile.notes.formulas"), ""],
  ];
  return lines.map(([label, value]) => [neutraliseFormula(label), neutraliseFormula(value)]);
}

/** What a machine translation did, when one was asked for: never a gap the reader cannot see. */
function translationLines(source: ExportSource, t: ReturnType<typeof translator>): [string, string][] {
  const report = source.machineTranslation;
  if (!report) return [];
  return [
    [t("exportFile.notes.machineTranslation"), String(report.translated)],
    [t("exportFile.notes.untranslated"), String(report.untranslated)],
    ...report.problems.map((problem): [string, string] => [t("exportFile.notes.translationProblem"), problem]),
    [t("exportFile.notes.unknownLanguage"), String(report.unknownLanguage)],
  ];
}
