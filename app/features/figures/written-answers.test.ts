import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import type { Consultation } from "#db/schema.ts";
import { DURING, capacityConsultation } from "#tests/consultations.ts";
import { fixtureAnswer, fixtureOrganisation, priorities } from "#tests/figures.ts";
import { readSummary } from "./summary.ts";
import { TEXTS_PER_QUESTION, type WrittenQuestionAnswers } from "./written-answers.ts";

/*
 * Written answers listed by hand. One capacity-needs consultation addressed to two stakeholder
 * types of the test's own; every answer also names its coordinating institution.
 *
 *   org    type  region (continent)   use                submitted   additional_comments            other
 *   O1     a     011 (Africa)         attributable       +0 h        SCRIPT                         review tools "Own survey"; gap details "Gap one"
 *   O2     a     015 (Africa)         count only         +1 h        "Secret comment"
 *   O3     b     155 (Europe)         non-attributable   +2 h        "Unnamed comment"
 *   O4-O8  b     155 (Europe)         attributable       +3-7 h      "Comment 4" ... "Comment 8"
 */
const A_TYPE = "written_a";
const B_TYPE = "written_b";
const SCRIPT = `Thanks <script>alert("x")</script><img src=x onerror=alert(1)>`;
const hours = (n: number) => new Date(DURING.getTime() + n * 60 * 60 * 1000);

let consultation: Consultation;

beforeAll(async () => {
  const created = await capacityConsultation();
  await getDb().updateTable("consultation").set({ audience: JSON.stringify([A_TYPE, B_TYPE]) }).where("id", "=", created.id).execute();
  consultation = await getDb().selectFrom("consultation").selectAll().where("id", "=", created.id).executeTakeFirstOrThrow();
  const o1 = await fixtureOrganisation(A_TYPE, "011", "O1 <b>bold</b>");
  await fixtureAnswer(consultation, o1, { additional_comments: SCRIPT, review_tools: ["other"], review_tools_other: "Own survey", priority_objectives: priorities(["gcm-01", 2, ["financing"]]).map((entry) => ({ ...entry, gap_details: "Gap one" })) }, "attributable", "submitted", hours(0));
  await fixtureAnswer(consultation, await fixtureOrganisation(A_TYPE, "015", "O2"), { additional_comments: "Secret comment" }, "aggregate_only", "submitted", hours(1));
  await fixtureAnswer(consultation, await fixtureOrganisation(B_TYPE, "155", "O3"), { additional_comments: "Unnamed comment" }, "non_attributable", "submitted", hours(2));
  for (let n = 4; n <= 8; n++) await fixtureAnswer(consultation, await fixtureOrganisation(B_TYPE, "155", `O${n}`), { additional_comments: `Comment ${n}` }, "attributable", "submitted", hours(n - 1));
});

async function written(filters: Parameters<typeof readSummary>[2] = {}, language: "en" | "fr" = "en"): Promise<WrittenQuestionAnswers[]> {
  const summary = await readSummary(getDb(), [consultation], filters, language);
  expect(summary.writtenAnswers.length).toBeLessThanOrEqual(1);
  return summary.writtenAnswers.flatMap((group) => group.questions);
}

const named = (questions: WrittenQuestionAnswers[], suffix: string) => {
  const found = questions.find((question) => question.id.endsWith(suffix));
  if (!found) throw new Error(`question ${suffix}`);
  return found;
};

describe("a summary's written answers, against the hand-made fixture", () => {
  it("lists each answered question under its label in the page's language, in the survey's order, newest first, a limited number with the rest counted", async () => {
    const questions = await written({}, "fr");
    expect(questions.map((question) => question.id.split("-").slice(-3).join("-"))).toEqual(["-coordinating_institution-", "priority_objectives-gap_details-", "-review_tools_other-", "-additional_comments-"]);
    const comments = named(questions, "-additional_comments-");
    expect(comments.title).toBe("Observations complémentaires");
    expect(comments).toMatchObject({ total: 7, countOnly: 1, panelTitle: null });
    expect(comments.shown).toHaveLength(TEXTS_PER_QUESTION);
    expect(comments.shown.map((answer) => [answer.text, answer.organisation, answer.language, answer.consultation])).toEqual([8, 7, 6, 5, 4].map((n) => [`Comment ${n}`, `O${n}`, "en", "Besoins en capacités"]));
    expect(named(questions, "-gap_details-")).toMatchObject({ total: 1, countOnly: 0, panelTitle: expect.any(String), shown: [{ text: "Gap one", organisation: "O1 <b>bold</b>" }] });
    expect(named(questions, "-coordinating_institution-")).toMatchObject({ total: 7, countOnly: 1 });
  });

  it("honours attribution: a count-only answer's text only counted, a non-attributable one without its organisation, script payloads kept as text", async () => {
    const questions = await written({ stakeholderType: A_TYPE });
    const comments = named(questions, "-additional_comments-");
    expect(comments).toMatchObject({ total: 1, countOnly: 1 });
    expect(comments.shown).toEqual([expect.objectContaining({ text: SCRIPT, organisation: "O1 <b>bold</b>" })]);
    expect(JSON.stringify(questions)).not.toContain("Secret comment");

    const unnamed = named(await written({ attribution: "non_attributable" }), "-additional_comments-");
    expect(unnamed).toMatchObject({ total: 1, countOnly: 0, shown: [{ text: "Unnamed comment", organisation: null }] });
  });

  it("applies the region, type and attribution filters, and leaves out questions nobody answered in the view", async () => {
    const africa = await written({ region: "002" });
    expect(named(africa, "-additional_comments-")).toMatchObject({ total: 1, countOnly: 1 });
    expect(named(africa, "-review_tools_other-").shown.map((answer) => answer.text)).toEqual(["Own survey"]);

    const europe = await written({ region: "150", attribution: "attributable" });
    expect(europe.some((question) => question.id.endsWith("-review_tools_other-") || question.id.endsWith("-gap_details-"))).toBe(false);
    expect(named(europe, "-additional_comments-")).toMatchObject({ total: 5, countOnly: 0 });

    const typeB = await written({ stakeholderType: B_TYPE, attribution: "aggregate_only" });
    expect(typeB).toEqual([]);
  });

  it("gives none for no consultation", async () => {
    expect((await readSummary(getDb(), [], {}, "en")).writtenAnswers).toEqual([]);
  });
});
