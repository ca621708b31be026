import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, NewPasswordFields, TextField, useZodForm } from "#app/components/forms.tsx";
import { getDb } from "#app/db.server.ts";
import { sessionCookie } from "#app/features/auth/cookie.ts";
import { changePasswordSchema } from "#app/features/auth/forms.ts";
import { changePassword } from "#app/features/auth/passwords-change.ts";
import { answerRefusal } from "#app/features/auth/refusals.ts";
import { membershipsOf, organisationName } from "#app/features/organisations/organisations.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { clientIp, cookieOptions, requirePermission } from "#app/session.server.ts";
import { readFormData } from "#app/request.server.ts";
import { passRetryAfter } from "#app/retry-after.server.ts";
import { pageTitle } from "#app/components/meta.ts";
import { Detail } from "#app/components/details.tsx";

export const meta = pageTitle("account.title");

export const headers = passRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "account.manage");
  const language = detectLanguage(request);
  const memberships = await membershipsOf(getDb(), user.id);
  return {
    changed: new URL(request.url).searchParams.has("changed"),
    name: user.name,
    email: user.email,
    memberships: memberships.map((m) => ({ id: m.organisationId, name: organisationName(m.organisation, language), role: m.role })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "account.manage");
  const submission = parseWithZod(await readFormData(request), { schema: changePasswordSchema });
  const hidden = { hideFields: ["currentPassword", "password", "confirmPassword"] };
  if (submission.status !== "success") return data({ result: submission.reply(hidden) }, { status: 400 });
  const result = await changePassword(getDb(), {
    userId: user.id,
    currentPassword: submission.value.currentPassword,
    newPassword: submission.value.password,
    ip: clientIp(context),
    userAgent: request.headers.get("User-Agent"),
  });
  if (!result.ok) {
    const refusal = result.reason === "wrong-password" ? { status: 400, message: "account.wrongPassword", headers: undefined } : answerRefusal(result);
    return data({ result: submission.reply({ ...hidden, fieldErrors: { currentPassword: [refusal.message] } }) }, { status: refusal.status, headers: refusal.headers });
  }
  // A redirect, not a page: rendered in this response, the page's loaders would read the cookie of
  // the session that just ended and, without JavaScript, send the person to sign in.
  return redirect("/account?changed=1", {
    headers: { "Set-Cookie": sessionCookie(result.token, new Date(result.session.expires_at), cookieOptions(request)) },
  });
}

export default function Account() {
  const { name, email, memberships, changed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useZodForm({ id: "change-password", schema: changePasswordSchema, lastResult: actionData?.result });
  return (
    <div className="narrow">
      <h1>{t("account.title")}</h1>
      <dl className="facts">
        <Detail term={t("account.name")}>{name}</Detail>
        <Detail term={t("account.email")}>{email}</Detail>
        <Detail term={t("account.organisations")}>
          <ul className="plain">
            {memberships.map((membership) => (
              <li key={membership.id}>
                {membership.name} – {t(`role.${membership.role}`)}
              </li>
            ))}
          </ul>
        </Detail>
      </dl>
      <h2>{t("account.changePassword")}</h2>
      {changed && !actionData ? (
        <p role="status" className="notice notice--success">
          {t("account.passwordChanged")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="stack">
        <ErrorSummary
          formErrors={form.errors}
          fields={[
            [fields.currentPassword, t("account.currentPassword")],
            [fields.password, t("account.newPassword")],
            [fields.confirmPassword, t("account.confirmPassword")],
          ]}
        />
        <TextField field={fields.currentPassword} label={t("account.currentPassword")} type="password" autoComplete="current-password" required />
        <NewPasswordFields password={fields.password} confirm={fields.confirmPassword} label={t("account.newPassword")} confirmLabel={t("account.confirmPassword")} />
        <p className="muted">{t("account.signsOutElsewhere")}</p>
        <button type="submit" className="button">
          {t("account.submit")}
        </button>
      </Form>
    </div>
  );
}
