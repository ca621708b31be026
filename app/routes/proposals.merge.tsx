import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageTitle } from "#app/components/meta.ts";
import { getDb } from "#app/db.server.ts";
import { isId } from "#app/features/ids.ts";
import { MERGED_SUMMARY_MAX_LENGTH, MERGED_TITLE_MAX_LENGTH } from "#app/features/proposals/merge-limits.ts";
import { mergeDraft, mergeProposals, undoMerge, type MergeDraft, type MergeRefusal, type MergeTextProblem, type UndoResult } from "#app/features/proposals/merge.ts";
import { safeRedirect } from "#app/features/security/safe-redirect.ts";
import { languageName } from "#app/i18n/format.ts";
import { isLanguage, LANGUAGES } from "#app/i18n/languages.ts";
import { readFormData } from "#app/request.server.ts";
import { clientIp, requirePermission } from "#app/session.server.ts";

export const meta = pageTitle("duplicates.merge.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "proposal.code");
  return null;
}

const REFUSALS: Record<MergeRefusal["reason"], string> = {
  "too-few": "duplicates.error.tooFew",
  "not-found": "duplicates.error.notFound",
  withdrawn: "duplicates.error.withdrawn",
  "already-merged": "duplicates.error.alreadyMerged",
  "other-meeting": "duplicates.error.otherMeeting",
  invalid: "duplicates.error.invalid",
};

const UNDO_REFUSALS: Record<Exclude<UndoResult, { ok: true }>["reason"], string> = {
  "not-found": "duplicates.error.undoNotFound",
  "not-merged": "duplicates.error.notMerged",
  "merged-further": "duplicates.error.mergedFurther",
};

const PROBLEMS: Record<MergeTextProblem["problem"], string> = {
  empty: "duplicates.error.empty",
  "too-long": "duplicates.error.tooLong",
  "unsafe-characters": "form.invalidCharacters",
};

interface Outcome {
  error: string | null;
  draft: MergeDraft | null;
  problems: MergeTextProblem[];
  back: string;
}

/** Where "back" leads: a path of the rapporteurs' workspace, never elsewhere. */
function backTo(value: FormDataEntryValue | null): string {
  const target = safeRedirect(typeof value === "string" ? value : null, "/proposals");
  return target.startsWith("/proposals") ? target : "/proposals";
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "proposal.code");
  const form = await readFormData(request);
  const db = getDb();
  const back = backTo(form.get("redirectTo"));
  const ctx = { ip: clientIp(context) };
  const answer = (outcome: Partial<Outcome>, status: number) => data<Outcome>({ error: null, draft: null, problems: [], back, ...outcome }, { status });
  if (form.get("intent") === "undo") {
    const merged = form.get("merged");
    const result = isId(merged) ? await undoMerge(db, user, merged, ctx) : ({ ok: false, reason: "not-found" } as const);
    if (!result.ok) return answer({ error: UNDO_REFUSALS[result.reason] }, result.reason === "not-found" ? 404 : 409);
    return redirect(`/proposals/${result.sources[0] ?? ""}`);
  }
  const given = form.getAll("proposal");
  if (given.some((id) => !isId(id))) return answer({ error: REFUSALS["not-found"] }, 400);
  const ids = given as string[];
  const draft = await mergeDraft(db, ids);
  // Chosen on a list: the rapporteur writes the merged proposal's title and summary first.
  if (!form.has("title") && !form.has("summary")) return answer({ draft, error: ids.length < 2 ? REFUSALS["too-few"] : null }, ids.length < 2 ? 400 : 200);
  const title = String(form.get("title") ?? "");
  const summary = String(form.get("summary") ?? "");
  const language = form.get("language");
  const result = await mergeProposals(db, user, { proposalIds: ids, title, summary, language: isLanguage(language) ? language : undefined }, ctx);
  if (result.ok) return redirect(`/proposals/${result.id}`);
  return answer({ error: REFUSALS[result.reason], draft: { ...draft, title, summary }, problems: result.reason === "invalid" ? result.problems : [] }, 400);
}

function FieldError({ id, problem }: { id: string; problem: MergeTextProblem | undefined }) {
  const { t } = useTranslation();
  if (!problem) return null;
  return (
    <p className="field__errors" id={id}>
      {t(PROBLEMS[problem.problem])}
    </p>
  );
}

function MergeForm({ draft, problems, back }: { draft: MergeDraft; problems: MergeTextProblem[]; back: string }) {
  const { t, i18n } = useTranslation();
  const problem = (field: MergeTextProblem["field"]) => problems.find((p) => p.field === field);
  const uiLanguage = isLanguage(i18n.language) ? i18n.language : "en";
  return (
    <Form method="post" action="/proposals/merge" className="card stack">
      <input type="hidden" name="redirectTo" value={back} />
      <h2>{t("duplicates.merge.chosen", { count: draft.chosen.length })}</h2>
      <ul>
        {draft.chosen.map((proposal) => (
          <li key={proposal.id}>
            <input type="hidden" name="proposal" value={proposal.id} />
            <Link to={`/proposals/${proposal.id}`}>{proposal.quotable ? proposal.title || t("duplicates.untitled") : t("duplicates.countOnly")}</Link>
          </li>
        ))}
      </ul>
      <p className="field__help">{t("duplicates.merge.help")}</p>
      <div className="field">
        <label htmlFor="merge-title">{t("duplicates.merge.field.title")}</label>
        <input id="merge-title" name="title" type="text" required maxLength={MERGED_TITLE_MAX_LENGTH} defaultValue={draft.title} aria-invalid={problem("title") ? true : undefined} aria-describedby={problem("title") ? "merge-title-error" : undefined} />
        <FieldError id="merge-title-error" problem={problem("title")} />
      </div>
      <div className="field">
        <label htmlFor="merge-summary">{t("duplicates.merge.field.summary")}</label>
        <textarea id="merge-summary" name="summary" rows={8} required maxLength={MERGED_SUMMARY_MAX_LENGTH} defaultValue={draft.summary} aria-invalid={problem("summary") ? true : undefined} aria-describedby={problem("summary") ? "merge-summary-error" : undefined} />
        <FieldError id="merge-summary-error" problem={problem("summary")} />
      </div>
      <div className="field">
        <label htmlFor="merge-language">{t("duplicates.merge.field.language")}</label>
        <select id="merge-language" name="language" defaultValue={draft.language ?? uiLanguage}>
          {LANGUAGES.map((language) => (
            <option key={language} value={language}>
              {languageName(language, uiLanguage)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button">
        {t("duplicates.merge.submit")}
      </button>
    </Form>
  );
}

export default function MergeProposals() {
  const outcome = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <h1>{t("duplicates.merge.title")}</h1>
      {outcome?.error ? (
        <p role="alert" className="notice notice--error">
          {t(outcome.error)}
        </p>
      ) : null}
      {outcome?.draft && outcome.draft.chosen.length >= 2 ? <MergeForm draft={outcome.draft} problems={outcome.problems} back={outcome.back} /> : <p>{t("duplicates.merge.how")}</p>}
      <p>
        <Link to={outcome?.back ?? "/proposals"}>{t("duplicates.merge.back")}</Link>
      </p>
    </div>
  );
}
