import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, useZodForm, TextField } from "#app/components/forms.tsx";
import { getDb } from "#app/db.server.ts";
import { sessionCookie } from "#app/features/auth/cookie.ts";
import { signInSchema } from "#app/features/auth/forms.ts";
import { answerRefusal } from "#app/features/auth/refusals.ts";
import { signIn } from "#app/features/auth/sign-in.ts";
import { SIGN_IN_LINK_MINUTES } from "#app/features/auth/sign-in-links.ts";
import { deliverInBackground, linkContext } from "#app/email-links.server.ts";
import { safeRedirect } from "#app/features/security/safe-redirect.ts";
import { detectLanguage, languageCookie } from "#app/i18n/detect.ts";
import { isLanguage } from "#app/i18n/languages.ts";
import { clientIp, cookieOptions, getUser } from "#app/session.server.ts";
import { readFormData } from "#app/request.server.ts";
import { passRetryAfter } from "#app/retry-after.server.ts";
import { pageTitle } from "#app/components/meta.ts";

export const meta = pageTitle("signIn.title");

export const headers = passRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: signInSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const db = getDb();
  const link = linkContext(request, detectLanguage(request));
  const result = await signIn(db, {
    email,
    password,
    ip: clientIp(context),
    userAgent: request.headers.get("User-Agent"),
    link,
  });
  if (!result.ok && result.reason === "mailbox") {
    // Sent after the answer, which must not take longer when the password was right.
    if (result.emailId) deliverInBackground(db, result.emailId);
    return data({ ...submission.reply({ hideFields: ["password"] }), linkSentMinutes: SIGN_IN_LINK_MINUTES }, { status: 202 });
  }
  if (!result.ok) {
    if (result.reason === "invalid") return data(submission.reply({ formErrors: ["signIn.invalid"], hideFields: ["password"] }), { status: 400 });
    const refusal = answerRefusal(result);
    return data(submission.reply({ formErrors: [refusal.message], hideFields: ["password"] }), { status: refusal.status, headers: refusal.headers });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", sessionCookie(result.token, new Date(result.session.expires_at), cookieOptions(request)));
  // The person's chosen language follows them to every device they sign in on.
  if (isLanguage(result.preferredLanguage)) headers.append("Set-Cookie", languageCookie(result.preferredLanguage, cookieOptions(request).secure));
  return redirect(safeRedirect(redirectTo), { headers });
}

export default function SignIn() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useZodForm({ id: "sign-in", schema: signInSchema, lastResult });
  return (
    <div className="narrow">
      <h1>{t("signIn.title")}</h1>
      <p>{t("signIn.intro")}</p>
      {lastResult && "linkSentMinutes" in lastResult ? (
        <p role="status" className="notice notice--success">
          {t("signIn.linkSent", { minutes: lastResult.linkSentMinutes })}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="stack">
        <ErrorSummary
          formErrors={form.errors}
          fields={[[fields.email, t("signIn.email")], [fields.password, t("signIn.password")]]}
        />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        <TextField field={fields.email} label={t("signIn.email")} type="email" autoComplete="username" required />
        <TextField field={fields.password} label={t("signIn.password")} type="password" autoComplete="current-password" required />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("signIn.submit")}
        </button>
      </Form>
    </div>
  );
}
