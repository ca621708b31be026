import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageTitle } from "#app/components/meta.ts";
import { Table } from "#app/components/table.tsx";
import { getDb } from "#app/db.server.ts";
import { signInActivity } from "#app/features/auth/sign-in-activity.ts";
import { SIGN_IN_LIMITS } from "#app/features/auth/throttle.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { formatDateTime } from "#app/i18n/format.ts";
import { requirePermission } from "#app/session.server.ts";

export const meta = pageTitle("signInActivity.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "signInActivity.read");
  const language = detectLanguage(request);
  const activity = await signInActivity(getDb());
  return {
    limits: { hours: SIGN_IN_LIMITS.mailboxWindowHours, mailbox: SIGN_IN_LIMITS.mailboxAfterFailures, free: SIGN_IN_LIMITS.pairFree, refused: SIGN_IN_LIMITS.pairRefused },
    accounts: activity.accounts.map((row) => ({ ...row, last: formatDateTime(row.lastAt, language) })),
    addresses: activity.addresses.map((row) => ({ ...row, last: formatDateTime(row.lastAt, language) })),
  };
}

export default function SignInActivity() {
  const { limits, accounts, addresses } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div>
      <h1>{t("signInActivity.title")}</h1>
      <p>{t("signInActivity.intro", { hours: limits.hours, free: limits.free, refused: limits.refused, mailbox: limits.mailbox })}</p>
      <h2>{t("signInActivity.accounts")}</h2>
      {accounts.length === 0 ? (
        <p>{t("signInActivity.none")}</p>
      ) : (
        <Table
          rows={accounts}
          rowKey={(row) => row.account}
          columns={[
            {
              header: t("signInActivity.account"),
              cell: (row) => (
                <>
                  {row.account}
                  {row.known ? null : <div className="muted">{t("signInActivity.unknownAccount")}</div>}
                </>
              ),
            },
            { header: t("signInActivity.failures"), cell: (row) => row.failures, numeric: true },
            { header: t("signInActivity.refused"), cell: (row) => row.refused, numeric: true },
            { header: t("signInActivity.addresses"), cell: (row) => row.addresses, numeric: true },
            { header: t("signInActivity.last"), cell: (row) => row.last },
            {
              header: t("signInActivity.state"),
              cell: (row) => (row.mailboxProof ? <span className="badge badge--failed">{t("signInActivity.mailboxProof")}</span> : t("signInActivity.passwordSignsIn")),
            },
          ]}
        />
      )}
      <h2>{t("signInActivity.addressesTitle")}</h2>
      {addresses.length === 0 ? (
        <p>{t("signInActivity.none")}</p>
      ) : (
        <Table
          rows={addresses}
          rowKey={(row) => row.ip}
          columns={[
            { header: t("signInActivity.address"), cell: (row) => row.ip },
            { header: t("signInActivity.failures"), cell: (row) => row.failures, numeric: true },
            { header: t("signInActivity.refused"), cell: (row) => row.refused, numeric: true },
            { header: t("signInActivity.accountsTried"), cell: (row) => row.accounts, numeric: true },
            { header: t("signInActivity.last"), cell: (row) => row.last },
          ]}
        />
      )}
    </div>
  );
}
