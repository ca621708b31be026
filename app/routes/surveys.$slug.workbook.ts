import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "#app/db.server.ts";
import { surveyTitle } from "#app/features/surveys/definitions.ts";
import { writeTranslationWorkbook } from "#app/features/surveys/translation-workbook.ts";
import { getUploadedSurvey } from "#app/features/surveys/uploads.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { requirePermission } from "#app/session.server.ts";
import { translationRows } from "#app/web/survey-pages.server.ts";

/** The translation table as an Excel workbook, for a translator who works outside the app. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "survey.manage");
  const language = detectLanguage(request);
  const slug = params.slug ?? "";
  const survey = await getUploadedSurvey(getDb(), slug);
  if (!survey) throw new Response("Not found", { status: 404 });
  const workbook = await writeTranslationWorkbook(translationRows(survey.definition, language), { surveyTitle: surveyTitle(survey.definition, slug, language), language });
  return new Response(new Uint8Array(workbook), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${slug}-translations.xlsx"`,
      "Cache-Control": "private, no-store",
    },
  });
}
