import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type AppLoadContext } from "@remix-run/node";
import { getDb } from "./db.server.ts";
import { baseUrl } from "./email-links.server.ts";
import { getEnv } from "./env.server.ts";
import { inviteSchema } from "./features/auth/forms.ts";
import { invite } from "./features/auth/invitations.ts";
import { deliverMessage } from "./features/email/outbox.ts";
import { smtpTransport } from "./features/email/smtp.ts";
import { safeRedirect } from "./features/security/safe-redirect.ts";
import { clientIp, requirePermission } from "./session.server.ts";

/**
 * The invitation form's action, shared by the invitations page and an organisation's page:
 * checks, invites, sends (or keeps in the outbox), then goes back where the form was.
 */
export async function submitInvitation(request: Request, context: AppLoadContext, formData: FormData, fallback: string) {
  const user = await requirePermission(request, "invitation.create");
  const submission = parseWithZod(formData, { schema: inviteSchema });
  if (submission.status !== "success") return data({ kind: "create" as const, ok: false, result: submission.reply() }, { status: 400 });
  const db = getDb();
  const transport = smtpTransport(getEnv());
  const result = await invite(db, user, submission.value, { baseUrl: baseUrl(request), delivers: !!transport, ip: clientIp(context) });
  if (!result.ok) {
    const field = result.reason === "role-not-allowed" ? "role" : result.reason === "already-member" ? "email" : "organisationId";
    const reply = submission.reply({ fieldErrors: { [field]: [`invitations.error.${result.reason}`] } });
    return data({ kind: "create" as const, ok: false, result: reply }, { status: 400 });
  }
  // Sent at once when the mail server answers; otherwise tried again in the background. The
  // invitation is made either way: trouble recording the outcome is logged, not shown as an error.
  if (transport) await deliverMessage(db, transport, result.emailId).catch((error: unknown) => console.error(`E-mail ${result.emailId} could not be delivered:`, error));
  return redirect(safeRedirect(formData.get("redirectTo"), fallback));
}
