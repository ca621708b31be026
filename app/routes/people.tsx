import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Detail } from "#app/components/details.tsx";
import { Table } from "#app/components/table.tsx";
import { getDb } from "#app/db.server.ts";
import { applyAccountChange, checkAccountChange, type AccountChange, type AccountRefusal } from "#app/features/auth/accounts.ts";
import { can } from "#app/features/auth/permissions.ts";
import { listPeople } from "#app/features/auth/people.ts";
import { isId } from "#app/features/ids.ts";
import { organisationName } from "#app/features/organisations/organisations.ts";
import { rolesFor } from "#app/features/organisations/types.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { formatDateTime } from "#app/i18n/format.ts";
import { readFormData } from "#app/request.server.ts";
import { clientIp, requirePermission } from "#app/session.server.ts";
import { pageTitle } from "#app/components/meta.ts";
import { ROLES, type Role } from "#db/schema.ts";

export const meta = pageTitle("people.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "people.list");
  const language = detectLanguage(request);
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 100);
  const people = await listPeople(getDb(), { q });
  return {
    q,
    manage: can(user, "people.manage"),
    people: people.map((person) => ({
      ...person,
      self: person.id === user.id,
      lastSignIn: person.lastSignInAt ? formatDateTime(person.lastSignInAt, language) : null,
      memberships: person.memberships.map((m) => ({ membershipId: m.id, id: m.organisationId, role: m.role, roles: rolesFor(m.organisation.type), name: organisationName(m.organisation, language) })),
    })),
  };
}

/** The change a form asks for, or null when the form is not one the page sends. */
function changeOf(form: FormData): AccountChange | null {
  const intent = form.get("intent");
  const userId = form.get("userId");
  const membershipId = form.get("membershipId");
  const role = form.get("role");
  if ((intent === "deactivate" || intent === "reactivate") && isId(userId)) return { kind: intent, userId };
  if (intent === "role" && isId(membershipId) && (ROLES as readonly unknown[]).includes(role)) return { kind: "role", membershipId, role: role as Role };
  return null;
}

type Outcome = { done: string | null; error: string | null; confirm: Confirmation | null };

interface Confirmation {
  change: AccountChange;
  name: string;
  email: string;
  organisation: string | null;
  currentRole: Role | null;
}

function answer(outcome: Partial<Outcome>, status = 200) {
  return data<Outcome>({ done: null, error: null, confirm: null, ...outcome }, { status });
}

function refused(reason: AccountRefusal) {
  return answer({ error: `peopleManage.error.${reason}` }, reason === "not-found" ? 404 : 409);
}

const DONE = { deactivate: "peopleManage.done.deactivated", reactivate: "peopleManage.done.reactivated", role: "peopleManage.done.roleChanged" } as const;
const TITLE = { deactivate: "peopleManage.deactivateTitle", reactivate: "peopleManage.reactivateTitle", role: "peopleManage.roleTitle" } as const;
const CONSEQUENCE = { deactivate: "peopleManage.deactivateBody", reactivate: "peopleManage.reactivateBody" } as const;

/**
 * Deactivating, reactivating and changing a role take two posts: the first shows what will
 * change and asks to confirm; the second, with `confirmed=yes`, makes the change.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "people.manage");
  const form = await readFormData(request);
  const change = changeOf(form);
  if (!change) return answer({ error: "peopleManage.error.invalid" }, 400);
  const db = getDb();
  if (form.get("confirmed") !== "yes") {
    const check = await checkAccountChange(db, user, change);
    if (!check.ok) return refused(check.reason);
    const { subject } = check;
    const organisation = subject.membership ? organisationName(subject.membership.organisation, detectLanguage(request)) : null;
    return answer({ confirm: { change, name: subject.name, email: subject.email, organisation, currentRole: subject.membership?.role ?? null } });
  }
  const result = await applyAccountChange(db, user, change, { ip: clientIp(context) });
  if (!result.ok) return refused(result.reason);
  return answer({ done: DONE[change.kind] });
}

export default function People() {
  const { people, q, manage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div>
      <div className="page-head">
        <h1>{t("people.title")}</h1>
        <Link to="/invitations" className="button">
          {t("people.invite")}
        </Link>
      </div>
      {actionData?.done ? (
        <p role="status" className="notice notice--success">
          {t(actionData.done)}
        </p>
      ) : null}
      {actionData?.error ? (
        <p role="alert" className="notice notice--error">
          {t(actionData.error)}
        </p>
      ) : null}
      {actionData?.confirm ? <ConfirmChange confirmation={actionData.confirm} /> : null}
      <Form method="get" className="filters" role="search" aria-label={t("people.title")}>
        <div className="field">
          <label htmlFor="q">{t("people.search")}</label>
          <input id="q" name="q" type="search" defaultValue={q} maxLength={100} />
        </div>
        <button type="submit" className="button button--quiet">
          {t("organisations.apply")}
        </button>
      </Form>
      <p role="status">{t("people.count", { count: people.length })}</p>
      <Table
        rows={people}
        rowKey={(person) => person.id}
        columns={[
          { header: t("people.name"), cell: (person) => person.name },
          { header: t("people.email"), cell: (person) => person.email },
          {
            header: t("people.organisations"),
            cell: (person) => (
              <ul className="plain">
                {person.memberships.map((m) => (
                  <li key={m.membershipId}>
                    <Link to={`/organisations/${m.id}`}>{m.name}</Link> – {t(`role.${m.role}`)}
                    {manage && !person.self && m.roles.length > 1 ? <RoleForm membershipId={m.membershipId} organisation={m.name} role={m.role} roles={m.roles} /> : null}
                  </li>
                ))}
              </ul>
            ),
          },
          { header: t("people.lastSignIn"), cell: (person) => person.lastSignIn ?? t("people.never") },
          {
            header: t("peopleManage.account"),
            cell: (person) => (
              <>
                <span className={`badge ${person.disabled ? "badge--revoked" : "badge--accepted"}`}>{t(person.disabled ? "peopleManage.deactivated" : "peopleManage.active")}</span>
                {manage && !person.self ? (
                  <Form method="post" className="actions">
                    <input type="hidden" name="userId" value={person.id} />
                    <button type="submit" name="intent" value={person.disabled ? "reactivate" : "deactivate"} className="button button--quiet button--small">
                      {t(person.disabled ? "peopleManage.reactivate" : "peopleManage.deactivate")}
                      <span className="visually-hidden"> {person.name}</span>
                    </button>
                  </Form>
                ) : null}
              </>
            ),
          },
        ]}
      />
    </div>
  );
}

function RoleForm({ membershipId, organisation, role, roles }: { membershipId: string; organisation: string; role: Role; roles: readonly Role[] }) {
  const { t } = useTranslation();
  const id = `role-${membershipId}`;
  return (
    <Form method="post" className="actions">
      <input type="hidden" name="membershipId" value={membershipId} />
      <label htmlFor={id} className="visually-hidden">
        {t("peopleManage.newRole", { organisation })}
      </label>
      <select id={id} name="role" defaultValue={role}>
        {roles.map((option) => (
          <option key={option} value={option}>
            {t(`role.${option}`)}
          </option>
        ))}
      </select>
      <button type="submit" name="intent" value="role" className="button button--quiet button--small">
        {t("peopleManage.changeRole")}
      </button>
    </Form>
  );
}

/** The second step: who and what will change, and a second button that makes the change. */
function ConfirmChange({ confirmation }: { confirmation: Confirmation }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [confirmation]);
  const { change } = confirmation;
  return (
    <section aria-labelledby="confirm-title" className="notice">
      <h2 id="confirm-title" tabIndex={-1} ref={heading}>
        {t(TITLE[change.kind])}
      </h2>
      <dl className="facts">
        <Detail term={t("people.name")}>{confirmation.name}</Detail>
        <Detail term={t("people.email")}>{confirmation.email}</Detail>
        {change.kind === "role" ? (
          <>
            <Detail term={t("peopleManage.organisation")}>{confirmation.organisation}</Detail>
            <Detail term={t("peopleManage.currentRole")}>{confirmation.currentRole ? t(`role.${confirmation.currentRole}`) : null}</Detail>
            <Detail term={t("people.role")}>{t(`role.${change.role}`)}</Detail>
          </>
        ) : null}
      </dl>
      {change.kind !== "role" ? <p>{t(CONSEQUENCE[change.kind])}</p> : null}
      <Form method="post" className="actions">
        <input type="hidden" name="intent" value={change.kind} />
        {change.kind === "role" ? (
          <>
            <input type="hidden" name="membershipId" value={change.membershipId} />
            <input type="hidden" name="role" value={change.role} />
          </>
        ) : (
          <input type="hidden" name="userId" value={change.userId} />
        )}
        <input type="hidden" name="confirmed" value="yes" />
        <button type="submit" className="button">
          {t("peopleManage.confirm")}
        </button>
        <Link to="/people" className="button button--quiet">
          {t("peopleManage.cancel")}
        </Link>
      </Form>
    </section>
  );
}
