import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageTitle } from "#app/components/meta.ts";
import { getDb } from "#app/db.server.ts";
import { applyCoding, parseCodingChange, parseProposalIds } from "#app/features/proposals/coding.ts";
import { MAX_PROPOSALS_PER_CHANGE, REASON_MAX_LENGTH, TAG_MAX_LENGTH, type CodingProblem } from "#app/features/proposals/coding-rules.ts";
import { readFormData } from "#app/request.server.ts";
import { clientIp, requirePermission } from "#app/session.server.ts";
import { codingReturn, withCodedCount } from "#app/web/proposal-coding.server.ts";

export const meta = pageTitle("coding.title");

const PROBLEM_MESSAGES: Record<CodingProblem, string> = {
  "no-proposal": "coding.problem.noProposal",
  "too-many": "coding.problem.tooMany",
  "unknown-proposal": "coding.problem.unknownProposal",
  "unknown-intent": "coding.problem.unknownIntent",
  "unknown-status": "coding.problem.unknownStatus",
  "merged-status": "coding.problem.mergedStatus",
  "reason-required": "coding.problem.reasonRequired",
  "reason-too-long": "coding.problem.reasonTooLong",
  "reason-unsafe": "coding.problem.reasonUnsafe",
  "tag-empty": "coding.problem.tagEmpty",
  "tag-too-long": "coding.problem.tagTooLong",
  "tag-unsafe": "coding.problem.tagUnsafe",
  "unknown-scheme": "coding.problem.unknownScheme",
  "unknown-code": "coding.problem.unknownCode",
  "merged-proposal": "coding.problem.mergedProposal",
};

/**
 * Codes one or many proposals (the proposal page's forms, the inbox's bulk actions): back to
 * the page the form came from with how many changed, or a 400 page naming what was wrong.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "proposal.code");
  const form = await readFormData(request);
  const back = codingReturn(form.get("redirectTo"));
  const refuse = (problem: CodingProblem) => data({ problem, back }, { status: 400 });
  const ids = parseProposalIds(form.getAll("proposal"));
  if (!ids.ok) return refuse(ids.problem);
  const change = parseCodingChange(Object.fromEntries(["intent", "status", "reason", "tag", "scheme", "code"].map((name) => [name, form.get(name)])));
  if (!change.ok) return refuse(change.problem);
  const result = await applyCoding(getDb(), user, ids.value, change.value, { ip: clientIp(context) });
  if (!result.ok) return refuse(result.problem);
  return redirect(withCodedCount(back, result.changed));
}

/** The limit a refusal names, for those that name one. */
const LIMITS: Partial<Record<CodingProblem, number>> = { "too-many": MAX_PROPOSALS_PER_CHANGE, "reason-too-long": REASON_MAX_LENGTH, "tag-too-long": TAG_MAX_LENGTH };

/** Shown only when a change is refused (or the address is opened): what was wrong, and the way back. */
export default function CodingRefused() {
  const refused = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <h1>{t("coding.title")}</h1>
      {refused ? (
        <div className="notice notice--error" role="alert">
          <p>{t(PROBLEM_MESSAGES[refused.problem], { count: LIMITS[refused.problem] ?? 0 })}</p>
          <p>{t("coding.nothingChanged")}</p>
        </div>
      ) : (
        <p>{t("coding.howTo")}</p>
      )}
      <p>
        <Link to={refused?.back ?? "/proposals"}>{t("coding.back")}</Link>
      </p>
    </div>
  );
}
