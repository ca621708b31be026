import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, SelectField, TextField, useZodForm } from "#app/components/forms.tsx";
import { getDb } from "#app/db.server.ts";
import { countryOptions, isCountryCode, regionOfCountry } from "#app/features/organisations/countries.ts";
import { partnerSchema } from "#app/features/organisations/forms.ts";
import { createPartnerOrganisation } from "#app/features/organisations/organisations.ts";
import { PARTNER_TYPES } from "#app/features/organisations/types.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { clientIp, requirePermission } from "#app/session.server.ts";
import { readFormData } from "#app/request.server.ts";
import { pageTitle } from "#app/components/meta.ts";

export const meta = pageTitle("organisations.newTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "organisation.create");
  return { countries: countryOptions(detectLanguage(request)) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "organisation.create");
  const submission = parseWithZod(await readFormData(request), { schema: partnerSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { countryCode } = submission.value;
  if (countryCode && !isCountryCode(countryCode)) {
    return data(submission.reply({ fieldErrors: { countryCode: ["form.unknownCountry"] } }), { status: 400 });
  }
  const result = await createPartnerOrganisation(
    getDb(),
    user,
    { ...submission.value, regionM49: countryCode ? regionOfCountry(countryCode) : undefined },
    { ip: clientIp(context) },
  );
  if (!result.ok) return data(submission.reply({ fieldErrors: { name: ["organisations.duplicateName"] } }), { status: 409 });
  return redirect(`/organisations/${result.id}`);
}

export default function NewOrganisation() {
  const { countries } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useZodForm({ id: "new-partner", schema: partnerSchema, lastResult });
  return (
    <div className="narrow">
      <h1>{t("organisations.newTitle")}</h1>
      <p>{t("organisations.newIntro")}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <ErrorSummary
          formErrors={form.errors}
          fields={[
            [fields.type, t("organisations.type")],
            [fields.name, t("organisations.name")],
            [fields.acronym, t("organisations.acronym")],
            [fields.countryCode, t("organisations.country")],
            [fields.website, t("organisations.website")],
          ]}
        />
        <SelectField
          field={fields.type}
          label={t("organisations.type")}
          placeholder={t("form.choose")}
          options={PARTNER_TYPES.map((type) => ({ value: type, label: t(`organisationType.${type}`) }))}
          required
        />
        <TextField field={fields.name} label={t("organisations.name")} required />
        <TextField field={fields.acronym} label={t("organisations.acronym")} />
        <SelectField field={fields.countryCode} label={t("organisations.country")} placeholder={t("organisations.noCountry")} options={countries} />
        <TextField field={fields.website} label={t("organisations.website")} type="url" help={t("organisations.websiteHelp")} />
        <button type="submit" className="button">
          {t("organisations.create")}
        </button>
      </Form>
    </div>
  );
}
