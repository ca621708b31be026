import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, NewPasswordFields, TextField, useZodForm } from "#app/components/forms.tsx";
import { getDb } from "#app/db.server.ts";
import { sessionCookie } from "#app/features/auth/cookie.ts";
import { existingAccountSchema, newAccountSchema } from "#app/features/auth/forms.ts";
import { acceptInvitation, findInvitation } from "#app/features/auth/invitations.ts";
import { answerRefusal } from "#app/features/auth/refusals.ts";
import { organisationName } from "#app/features/organisations/organisations.ts";
import { detectLanguage, languageCookie } from "#app/i18n/detect.ts";
import { isLanguage } from "#app/i18n/languages.ts";
import { clientIp, cookieOptions } from "#app/session.server.ts";
import { readFormData } from "#app/request.server.ts";
import { passRetryAfter } from "#app/retry-after.server.ts";
import { pageTitle } from "#app/components/meta.ts";

export const meta = pageTitle("invite.title");

export const headers = passRetryAfter;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const language = detectLanguage(request);
  const found = await findInvitation(getDb(), params.token ?? "");
  if (found.status !== "pending") return data({ status: found.status, invitation: null }, { status: found.status === "unknown" ? 404 : 410 });
  return {
    status: found.status,
    invitation: {
      email: found.invitation.email,
      name: found.invitation.name,
      role: found.invitation.role,
      organisation: organisationName(found.organisation, language),
      existingUser: found.existingUser,
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = getDb();
  const found = await findInvitation(db, params.token ?? "");
  const formData = await readFormData(request);
  const schema = found.status === "pending" && found.existingUser ? existingAccountSchema : newAccountSchema;
  const submission = parseWithZod(formData, { schema });
  if (found.status !== "pending") return data(submission.reply({ formErrors: [`invite.status.${found.status}`] }), { status: 410 });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password", "confirmPassword"] }), { status: 400 });
  const result = await acceptInvitation(db, {
    token: params.token ?? "",
    name: "name" in submission.value ? submission.value.name : undefined,
    password: submission.value.password,
    ip: clientIp(context),
    userAgent: request.headers.get("User-Agent"),
  });
  if (!result.ok) {
    const hidden = { hideFields: ["password", "confirmPassword"] };
    if (result.reason === "throttled" || result.reason === "busy") {
      const refusal = answerRefusal(result);
      return data(submission.reply({ formErrors: [refusal.message], ...hidden }), { status: refusal.status, headers: refusal.headers });
    }
    const message = result.reason === "wrong-password" ? "invite.wrongPassword" : result.reason === "name-required" ? "form.required" : `invite.status.${result.reason}`;
    return data(submission.reply({ formErrors: [message], ...hidden }), { status: 400 });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", sessionCookie(result.token, new Date(result.session.expires_at), cookieOptions(request)));
  const language = found.invitation.language;
  if (isLanguage(language)) headers.append("Set-Cookie", languageCookie(language, cookieOptions(request).secure));
  return redirect(`/organisations/${result.organisationId}?welcome=1`, { headers });
}

export default function AcceptInvitation() {
  const { status, invitation } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  if (!invitation) {
    return (
      <div className="narrow">
        <h1>{t("invite.title")}</h1>
        <p role="alert" className="notice notice--error">
          {t(`invite.status.${status}`)}
        </p>
        <p>
          <Link to="/sign-in">{t("nav.signIn")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>{t("invite.title")}</h1>
      <p>{t("invite.intro", { organisation: invitation.organisation, role: t(`role.${invitation.role}`) })}</p>
      <p>
        {t("invite.account")} <strong>{invitation.email}</strong>
      </p>
      {invitation.existingUser ? <ConfirmAccountForm /> : <NewAccountForm defaultName={invitation.name ?? ""} />}
    </div>
  );
}

function NewAccountForm({ defaultName }: { defaultName: string }) {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useZodForm({ id: "accept-invitation", schema: newAccountSchema, lastResult, defaultValue: { name: defaultName } });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <ErrorSummary
        formErrors={form.errors}
        fields={[
          [fields.name, t("invite.name")],
          [fields.password, t("invite.password")],
          [fields.confirmPassword, t("invite.confirmPassword")],
        ]}
      />
      <TextField field={fields.name} label={t("invite.name")} autoComplete="name" required />
      <NewPasswordFields password={fields.password} confirm={fields.confirmPassword} label={t("invite.password")} confirmLabel={t("invite.confirmPassword")} />
      <button type="submit" className="button">
        {t("invite.submit")}
      </button>
    </Form>
  );
}

/** Someone who already has an account confirms with its password to join one more organisation. */
function ConfirmAccountForm() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useZodForm({ id: "accept-invitation", schema: existingAccountSchema, lastResult });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <ErrorSummary formErrors={form.errors} fields={[[fields.password, t("invite.currentPassword")]]} />
      <p>{t("invite.existingAccount")}</p>
      <TextField field={fields.password} label={t("invite.currentPassword")} type="password" autoComplete="current-password" required />
      <button type="submit" className="button">
        {t("invite.submit")}
      </button>
    </Form>
  );
}
