import type { Db } from "#db/connect.ts";
import type { FigureFilters } from "#app/features/figures/counters.ts";
import type { Consultation } from "#db/schema.ts";
import { getSurveyVersion } from "#app/features/surveys/versions.ts";
import { localized, type Language } from "#app/i18n/languages.ts";
import { exportFilterParams } from "./filters.ts";
import type { ExportKind, ExportMeta, ExportProfile, ValueMode } from "./source.ts";

/** How a consultation's proposals, needs, offers or figures are exported. */
export interface EntriesExportOptions {
  language: Language;
  profile: ExportProfile;
  values: ValueMode;
  /** The rows kept (proposals, needs and offers; the other sources are not filtered); none when absent. */
  filters?: FigureFilters;
  /** Rows read from the database at a time. */
  pageSize?: number;
  now?: Date;
}

/** The description of a source of a consultation's rows other than its answers, with the filters its options apply. */
export async function sourceMeta(db: Db, consultation: Consultation, kind: ExportKind, options: EntriesExportOptions): Promise<ExportMeta> {
  const version = await getSurveyVersion(db, consultation.survey_version_id);
  if (!version) throw new Error(`survey version ${consultation.survey_version_id} is missing`);
  return {
    kind,
    title: localized(consultation, "title", options.language),
    consultation: consultation.slug,
    survey: { slug: version.slug, version: version.id },
    language: options.language,
    profile: options.profile,
    values: options.values,
    filters: exportFilterParams(options.filters ?? {}),
    madeAt: (options.now ?? new Date()).toISOString(),
  };
}
