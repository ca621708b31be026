import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type AppLoadContext } from "@remix-run/node";
import { isUniqueViolation } from "#db/connect.ts";
import { getDb } from "./db.server.ts";
import { createConsultation, slugTaken, updateConsultation } from "./features/consultations/consultations.ts";
import { consultationSchema } from "./features/consultations/forms.ts";
import { listMeetings } from "./features/meetings/meetings.ts";
import { surveyChoices } from "./features/surveys/definitions.ts";
import { publishedUploadChoices } from "./features/surveys/uploads.ts";
import { latestSurveyVersion } from "./features/surveys/versions.ts";
import { genevaLocalToIso } from "./i18n/time-zone.ts";
import { localized, type Language } from "./i18n/languages.ts";
import { readFormData } from "./request.server.ts";
import { clientIp, requirePermission } from "./session.server.ts";

/** The choices the consultation form offers: meetings, and surveys (built-in and published uploads) by their titles. */
export async function consultationFormOptions(language: Language) {
  const db = getDb();
  const meetings = await listMeetings(db);
  const collator = new Intl.Collator(language);
  return {
    meetings: meetings.map((meeting) => ({ value: meeting.id, label: localized(meeting, "title", language) })),
    surveys: [...surveyChoices(language), ...(await publishedUploadChoices(db, language))].sort((a, b) => collator.compare(a.label, b.label)),
  };
}

/** Creates (no id) or updates a consultation from the posted form; the secretariat only. */
export async function submitConsultationForm(request: Request, context: AppLoadContext, id?: string) {
  const user = await requirePermission(request, "consultation.manage");
  const submission = parseWithZod(await readFormData(request), { schema: consultationSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const form = submission.value;
  const db = getDb();
  const opensAt = genevaLocalToIso(form.opensAt);
  const closesAt = genevaLocalToIso(form.closesAt);
  if (!opensAt || !closesAt) return data(submission.reply({ fieldErrors: { [opensAt ? "closesAt" : "opensAt"]: ["form.impossibleDateTime"] } }), { status: 400 });
  const version = await latestSurveyVersion(db, form.surveySlug);
  if (!version) return data(submission.reply({ fieldErrors: { surveySlug: ["form.invalidChoice"] } }), { status: 400 });
  const meetings = await listMeetings(db);
  if (!meetings.some((meeting) => meeting.id === form.meetingId)) return data(submission.reply({ fieldErrors: { meetingId: ["form.invalidChoice"] } }), { status: 400 });
  const input = {
    meetingId: form.meetingId,
    slug: form.slug,
    phase: form.phase,
    kind: form.kind,
    audience: form.audience,
    surveySlug: form.surveySlug,
    surveyVersionId: version.id,
    title: { en: form.title_en, fr: form.title_fr, es: form.title_es },
    description: { en: form.description_en, fr: form.description_fr, es: form.description_es },
    opensAt,
    closesAt,
    publish: !!form.publish,
  };
  if (!id) {
    const taken = () => data(submission.reply({ fieldErrors: { slug: ["consultations.form.slugTaken"] } }), { status: 409 });
    if (await slugTaken(db, form.slug)) return taken();
    try {
      return redirect(`/consultations/${await createConsultation(db, user, input, { ip: clientIp(context) })}`);
    } catch (error) {
      if (isUniqueViolation(error)) return taken();
      throw error;
    }
  }
  const result = await updateConsultation(db, user, id, input, { ip: clientIp(context) });
  if (result.ok) return redirect(`/consultations/${id}`);
  if (result.reason === "not-found") throw new Response("Not found", { status: 404 });
  const errors: Record<typeof result.reason, Record<string, string[]>> = {
    "slug-taken": { slug: ["consultations.form.slugTaken"] },
    "survey-locked": { surveySlug: ["consultations.form.surveyLocked"] },
    "audience-locked": { audience: ["consultations.form.audienceLocked"] },
  };
  return data(submission.reply({ fieldErrors: errors[result.reason] }), { status: 409 });
}
