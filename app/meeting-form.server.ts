import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type AppLoadContext } from "@remix-run/node";
import { getDb } from "./db.server.ts";
import { meetingSchema } from "./features/meetings/forms.ts";
import { saveMeeting } from "./features/meetings/meetings.ts";
import { readFormData } from "./request.server.ts";
import { clientIp, requirePermission } from "./session.server.ts";

/** Creates (no id) or updates a meeting from the posted form; the secretariat only. */
export async function submitMeetingForm(request: Request, context: AppLoadContext, id?: string) {
  const user = await requirePermission(request, "meeting.manage");
  const submission = parseWithZod(await readFormData(request), { schema: meetingSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await saveMeeting(getDb(), user, submission.value, { id, ip: clientIp(context) });
  if (result.ok) return redirect("/");
  if (result.reason === "not-found") throw new Response("Not found", { status: 404 });
  return data(submission.reply({ fieldErrors: { slug: ["meetings.slugTaken"] } }), { status: 409 });
}
