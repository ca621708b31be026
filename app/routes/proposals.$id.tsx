import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Detail } from "#app/components/details.tsx";
import { titled } from "#app/components/meta.ts";
import { CodingNotice } from "#app/components/proposals/coding-notice.tsx";
import { MergeSources } from "#app/components/proposals/merge-sources.tsx";
import { KIND_LABELS, SCHEME_LABELS, STATUS_LABELS } from "#app/components/proposals/labels.ts";
import { getDb } from "#app/db.server.ts";
import { can } from "#app/features/auth/permissions.ts";
import { isId } from "#app/features/ids.ts";
import { CODING_SCHEMES, CODING_STATUSES, REASON_MAX_LENGTH, TAG_MAX_LENGTH, type CodingScheme } from "#app/features/proposals/coding-rules.ts";
import { codeLabel, proposalPage } from "#app/features/proposals/page.ts";
import { detectLanguage } from "#app/i18n/detect.ts";
import { formatDateTime } from "#app/i18n/format.ts";
import { translator } from "#app/i18n/i18n.ts";
import type { Language } from "#app/i18n/languages.ts";
import { requirePermission } from "#app/session.server.ts";
import type { CodeScheme, ProposalStatus } from "#db/schema.ts";

const FIELD_LABELS = { summary: "proposal.field.summary", other: "proposal.field.other" } as const;
const USE_LABELS = { attributable: "reading.use.attributable", non_attributable: "reading.use.non_attributable", aggregate_only: "reading.use.aggregate_only" } as const;
const LANGUAGE_LABELS: Record<string, string> = { en: "reading.languageName.en", fr: "reading.languageName.fr", es: "reading.languageName.es" };

/** The page is named by the proposal's title only where the title may be shown. */
export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Consulta" }];
  const t = translator(data.language);
  return titled(data.proposal.title ?? t(data.proposal.quotable ? KIND_LABELS[data.proposal.kind] : "proposal.countOnlyTitle"));
};

function schemeOptions(language: Language) {
  return (Object.keys(CODING_SCHEMES) as CodingScheme[]).map((scheme) => ({
    scheme,
    terms: CODING_SCHEMES[scheme].map((term) => ({ value: term.value, label: term.text[language] })),
  }));
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "response.readAll");
  const language = detectLanguage(request);
  const proposal = isId(params.id) ? await proposalPage(getDb(), params.id, language) : undefined;
  if (!proposal) throw new Response("Not found", { status: 404 });
  return {
    language,
    proposal: {
      ...proposal,
      withdrawnAt: proposal.withdrawnAt ? formatDateTime(proposal.withdrawnAt, language) : null,
      history: proposal.history.map((event) => ({
        ...event,
        when: formatDateTime(event.at, language),
        codeLabel: event.kind === "code-added" || event.kind === "code-removed" ? codeLabel(event.scheme as CodeScheme, event.code, language) : null,
      })),
    },
    coding: can(user, "proposal.code") ? { schemes: schemeOptions(language) } : null,
  };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type PageProposal = Data["proposal"];

/** A form of the coding action for this proposal: back to this page afterwards. */
function CodingForm({ proposalId, intent, children, className }: { proposalId: string; intent: string; children: React.ReactNode; className?: string }) {
  return (
    <Form method="post" action="/proposals/coding" className={className}>
      <input type="hidden" name="proposal" value={proposalId} />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="redirectTo" value={`/proposals/${proposalId}`} />
      {children}
    </Form>
  );
}

/** "Remove" beside a tag or code, named in full for screen readers. */
function RemoveButton({ proposalId, intent, fields, label }: { proposalId: string; intent: string; fields: Record<string, string>; label: string }) {
  const { t } = useTranslation();
  return (
    <CodingForm proposalId={proposalId} intent={intent} className="inline-form">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className="button button--quiet button--small" aria-label={label}>
        {t("proposal.remove")}
      </button>
    </CodingForm>
  );
}

/** One source's codes, each with its scheme; the rapporteurs' with a button to remove it. */
function CodeList({ codes, removeFrom }: { codes: PageProposal["authorCodes"]; removeFrom: string | null }) {
  const { t } = useTranslation();
  if (codes.length === 0) return <p>{t("proposal.noCodes")}</p>;
  return (
    <ul>
      {codes.map((code) => (
        <li key={`${code.scheme}-${code.code}`}>
          {t(SCHEME_LABELS[code.scheme])}: {code.label}{" "}
          {removeFrom ? <RemoveButton proposalId={removeFrom} intent="remove-code" fields={{ scheme: code.scheme, code: code.code }} label={t("proposal.removeCodeNamed", { code: code.label })} /> : null}
        </li>
      ))}
    </ul>
  );
}

function Codes({ proposal, editable }: { proposal: PageProposal; editable: boolean }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="codes-title" className="stack">
      <h2 id="codes-title">{t("proposal.codes")}</h2>
      <h3>{t("proposal.authorCodes")}</h3>
      <CodeList codes={proposal.authorCodes} removeFrom={null} />
      <h3>{t("proposal.rapporteurCodes")}</h3>
      <CodeList codes={proposal.rapporteurCodes} removeFrom={editable ? proposal.id : null} />
    </section>
  );
}

function Tags({ proposal, editable }: { proposal: PageProposal; editable: boolean }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="tags-title" className="stack">
      <h2 id="tags-title">{t("proposal.tags")}</h2>
      {proposal.tags.length === 0 ? (
        <p>{t("proposal.noTags")}</p>
      ) : (
        <ul>
          {proposal.tags.map((tag) => (
            <li key={tag}>
              {tag}{" "}
              {editable ? <RemoveButton proposalId={proposal.id} intent="remove-tag" fields={{ tag }} label={t("proposal.removeTagNamed", { tag })} /> : null}
            </li>
          ))}
        </ul>
      )}
      {editable ? (
        <CodingForm proposalId={proposal.id} intent="add-tag" className="stack">
          <div className="field">
            <label htmlFor="new-tag">{t("proposal.newTag")}</label>
            <p id="new-tag-help" className="field__help">
              {t("proposal.tagHelp", { count: TAG_MAX_LENGTH })}
            </p>
            <input id="new-tag" name="tag" type="text" required maxLength={TAG_MAX_LENGTH} aria-describedby="new-tag-help" />
          </div>
          <p>
            <button type="submit" className="button">
              {t("proposal.addTag")}
            </button>
          </p>
        </CodingForm>
      ) : null}
    </section>
  );
}

function CodingForms({ proposal, schemes }: { proposal: PageProposal; schemes: NonNullable<Data["coding"]>["schemes"] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="coding-title" className="stack">
      <h2 id="coding-title">{t("proposal.coding")}</h2>
      {proposal.status === "merged" ? (
        <p>{t("proposal.mergedStatusHelp")}</p>
      ) : (
        <CodingForm proposalId={proposal.id} intent="status" className="stack card">
          <h3>{t("proposal.setStatus")}</h3>
          <div className="field">
            <label htmlFor="status">{t("proposal.status.label")}</label>
            <select id="status" name="status" defaultValue={proposal.status}>
              {CODING_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(STATUS_LABELS[status])}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="reason">{t("proposal.reason")}</label>
            <p id="reason-help" className="field__help">
              {t("proposal.reasonHelp", { count: REASON_MAX_LENGTH })}
            </p>
            <textarea id="reason" name="reason" rows={3} maxLength={REASON_MAX_LENGTH} defaultValue={proposal.statusReason ?? ""} aria-describedby="reason-help" />
          </div>
          <p>
            <button type="submit" className="button">
              {t("proposal.saveStatus")}
            </button>
          </p>
        </CodingForm>
      )}
      <div className="stack card">
        <h3>{t("proposal.addCode")}</h3>
        {schemes.map(({ scheme, terms }) => (
          <CodingForm key={scheme} proposalId={proposal.id} intent="add-code" className="inline-form">
            <input type="hidden" name="scheme" value={scheme} />
            <label htmlFor={`code-${scheme}`}>{t(SCHEME_LABELS[scheme])}</label>{" "}
            <select id={`code-${scheme}`} name="code">
              {terms.map((term) => (
                <option key={term.value} value={term.value}>
                  {term.label}
                </option>
              ))}
            </select>{" "}
            <button type="submit" className="button button--quiet button--small" aria-label={t("proposal.addCodeOf", { scheme: t(SCHEME_LABELS[scheme]) })}>
              {t("proposal.add")}
            </button>
          </CodingForm>
        ))}
      </div>
    </section>
  );
}

function HistoryEntry({ event }: { event: PageProposal["history"][number] }) {
  const { t } = useTranslation();
  switch (event.kind) {
    case "submitted":
      return <>{t("proposal.history.submitted")}</>;
    case "amended":
      return <>{t("proposal.history.amended")}</>;
    case "withdrawn":
      return <>{t("proposal.history.withdrawn")}</>;
    case "status":
      return (
        <>
          {t("proposal.history.status", { before: t(STATUS_LABELS[event.before.status as ProposalStatus] ?? event.before.status), after: t(STATUS_LABELS[event.after.status as ProposalStatus] ?? event.after.status) })}
          {event.after.reason ? <> {t("proposal.history.reason", { reason: event.after.reason })}</> : null}
        </>
      );
    case "tag-added":
      return <>{t("proposal.history.tagAdded", { tag: event.tag })}</>;
    case "tag-removed":
      return <>{t("proposal.history.tagRemoved", { tag: event.tag })}</>;
    case "code-added":
      return <>{t("proposal.history.codeAdded", { scheme: t(SCHEME_LABELS[event.scheme as CodeScheme] ?? event.scheme), code: event.codeLabel ?? event.code })}</>;
    case "code-removed":
      return <>{t("proposal.history.codeRemoved", { scheme: t(SCHEME_LABELS[event.scheme as CodeScheme] ?? event.scheme), code: event.codeLabel ?? event.code })}</>;
    case "merged-into":
      return <>{t("proposal.history.mergedInto")}</>;
    case "unmerged":
      return <>{t("proposal.history.unmerged")}</>;
    case "merge-made":
      return <>{t("proposal.history.mergeMade")}</>;
    case "other":
      return <>{t("proposal.history.other", { action: event.action })}</>;
  }
}

export default function ProposalPageView() {
  const { proposal, coding } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const heading = proposal.title ?? t(proposal.quotable ? KIND_LABELS[proposal.kind] : "proposal.countOnlyTitle");
  return (
    <div>
      <p className="breadcrumb">
        <Link to="/proposals">{t("proposal.inbox")}</Link> › {proposal.consultation.title}
      </p>
      <CodingNotice />
      <h1 lang={proposal.title ? (proposal.language ?? undefined) : undefined}>{heading}</h1>
      {!proposal.quotable ? (
        <div className="notice notice--error" role="note" aria-labelledby="count-only-title">
          <h2 id="count-only-title" className="notice__title">
            {t("reading.use.aggregate_only")}
          </h2>
          <p>{t("proposal.countOnly")}</p>
          {proposal.answerHref ? <Link to={proposal.answerHref}>{t("proposal.readAnswer")}</Link> : null}
        </div>
      ) : null}
      {proposal.withdrawnAt ? (
        <p className="notice" role="note">
          {t("proposal.withdrawn", { date: proposal.withdrawnAt })}
        </p>
      ) : null}
      <dl className="facts">
        <Detail term={t("proposal.kindLabel")}>{t(KIND_LABELS[proposal.kind])}</Detail>
        {proposal.organisation ? <Detail term={t("reading.organisation")}>{proposal.organisation}</Detail> : null}
        {proposal.attribution === "non_attributable" ? <Detail term={t("reading.organisation")}>{t("proposal.notNamed")}</Detail> : null}
        {proposal.stakeholderType ? <Detail term={t("organisations.type")}>{t(`organisationType.${proposal.stakeholderType}`)}</Detail> : null}
        {proposal.region ? <Detail term={t("organisations.region")}>{proposal.region}</Detail> : null}
        <Detail term={t("reading.language")}>{proposal.language ? t(LANGUAGE_LABELS[proposal.language] ?? proposal.language) : "—"}</Detail>
        <Detail term={t("reading.attribution")}>{proposal.attribution ? t(USE_LABELS[proposal.attribution]) : "—"}</Detail>
        <Detail term={t("proposal.status.label")}>
          {t(STATUS_LABELS[proposal.status])}
          {proposal.statusReason ? <> ({proposal.statusReason})</> : null}
        </Detail>
      </dl>
      <ul className="actions plain">
        {proposal.answerHref && proposal.quotable ? (
          <li>
            <Link to={proposal.answerHref}>{t("proposal.readAnswer")}</Link>
          </li>
        ) : null}
        <li>
          <Link to={`/proposals/${proposal.id}/similar`}>{t("proposal.similar")}</Link>
        </li>
      </ul>
      {proposal.merge ? <MergeSources context={{ ...proposal.merge, canUndo: proposal.merge.canUndo && coding !== null }} /> : null}
      {proposal.fields.length > 0 ? (
        <section aria-labelledby="text-title">
          <h2 id="text-title">{t("proposal.text")}</h2>
          <dl className="answers">
            {proposal.fields.map((field) => (
              <Detail key={field.name} term={field.label ?? t(field.name === "summary" ? FIELD_LABELS.summary : FIELD_LABELS.other)}>
                <span lang={proposal.language ?? undefined}>
                  {field.value}
                </span>
              </Detail>
            ))}
          </dl>
        </section>
      ) : null}
      <Codes proposal={proposal} editable={coding !== null} />
      <Tags proposal={proposal} editable={coding !== null} />
      {coding ? <CodingForms proposal={proposal} schemes={coding.schemes} /> : null}
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("proposal.history.title")}</h2>
        <ol className="plain stack">
          {proposal.history.map((event, index) => (
            <li key={`${event.at}-${index}`}>
              <strong>{event.when}</strong>
              {event.actor ? <> · {event.actor}</> : null} · <HistoryEntry event={event} />
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
