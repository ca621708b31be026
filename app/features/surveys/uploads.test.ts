import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { createConsultation } from "#app/features/consultations/consultations.ts";
import { newId } from "#app/features/ids.ts";
import { CLOSES, OPENS, capacityConsultationInput } from "#tests/consultations.ts";
import { currentUserFor, demoEmail } from "#tests/helpers.ts";
import { latestSurveyVersion } from "./versions.ts";
import { translatableTexts } from "./translations.ts";
import { getUploadedSurvey, listUploadedSurveys, lockedKeys, parseSurveyFile, publishSurvey, publishedUploadChoices, replaceSurveyFile, saveTranslations, slugFrom, uploadSurvey } from "./uploads.ts";

/** A survey as a form builder writes it: English only. */
function builderSurvey(title: string, extra: object[] = []) {
  return {
    title,
    pages: [
      {
        name: "page1",
        elements: [
          { type: "radiogroup", name: "Role", title: "Your role", choices: ["Official", "Researcher"] },
          { type: "text", name: "start", title: "When did you start?", inputType: "date" },
          ...extra,
        ],
      },
    ],
  };
}

/** Every text of a survey given in French and Spanish, as a translator would. */
const translateAll = (definition: unknown) => translatableTexts(definition).map((text) => ({ key: text.key, fr: `${text.en} (fr)`, es: `${text.en} (es)` }));

async function actor() {
  return { user: await currentUserFor(demoEmail("admin")), ip: "127.0.0.1" };
}

async function upload(title: string, extra: object[] = []) {
  const result = await uploadSurvey(getDb(), await actor(), { name: "survey.json", text: JSON.stringify(builderSurvey(title, extra)) });
  if (!result.ok) throw new Error(`upload refused: ${result.reason}`);
  return result.slug;
}

async function translateAndPublish(slug: string) {
  const db = getDb();
  const survey = await getUploadedSurvey(db, slug);
  const saved = await saveTranslations(db, await actor(), slug, translateAll(survey?.definition));
  if (!saved.ok) throw new Error("translations refused");
  return publishSurvey(db, await actor(), slug);
}

describe("reading a survey file", () => {
  it("takes a SurveyJS survey, with or without pages, and a byte-order mark", () => {
    expect(parseSurveyFile(`\uFEFF${JSON.stringify(builderSurvey("A"))}`).ok).toBe(true);
    expect(parseSurveyFile(JSON.stringify({ elements: [{ type: "text", name: "q" }] })).ok).toBe(true);
  });

  it("says why a file cannot be taken", () => {
    expect(parseSurveyFile("  ")).toEqual({ ok: false, reason: "empty" });
    expect(parseSurveyFile("{ title: 'x' }")).toMatchObject({ ok: false, reason: "not-json" });
    expect(parseSurveyFile("[1, 2]")).toEqual({ ok: false, reason: "not-a-survey" });
    expect(parseSurveyFile(JSON.stringify({ title: "no questions" }))).toEqual({ ok: false, reason: "not-a-survey" });
    expect(parseSurveyFile(JSON.stringify({ pages: [], padding: "x".repeat(1_000_001) }))).toEqual({ ok: false, reason: "too-large" });
  });

  it("makes slugs of titles in any language", () => {
    expect(slugFrom("Évaluation des besoins : 2018 !")).toBe("evaluation-des-besoins-2018");
    expect(slugFrom("2018 survey")).toBe("survey-2018-survey");
    expect(slugFrom("移民")).toBe("survey");
  });
});

describe("the keys an answer is stored under", () => {
  it("are question names, and the rows, columns and boxes inside tables and multiple texts", () => {
    const definition = {
      pages: [
        {
          name: "p",
          elements: [
            { type: "text", name: "name" },
            { type: "matrixdropdown", name: "readiness", columns: [{ name: "level" }, { name: "lead", cellType: "text" }], rows: ["borders", "labour"] },
            { type: "multipletext", name: "contact", items: [{ name: "phone" }, { name: "email" }] },
            { type: "paneldynamic", name: "visits", templateElements: [{ type: "matrixdynamic", name: "days", columns: [{ name: "day" }] }] },
          ],
        },
      ],
    };
    expect(lockedKeys(definition)).toEqual(["contact", "contact.email", "contact.phone", "name", "readiness", "readiness.borders", "readiness.labour", "readiness.lead", "readiness.level", "visits", "visits.days", "visits.days.day"]);
  });
});

describe("uploaded surveys", () => {
  it("get a slug of their own: never one of a built-in survey or of another upload", async () => {
    const db = getDb();
    const refused = await uploadSurvey(db, await actor(), { name: "x.json", text: "not json" });
    expect(refused).toMatchObject({ ok: false, reason: "not-json" });
    expect(await upload("Capacity needs")).toBe("capacity-needs-2");
    const title = `Training ${newId().slice(0, 8)}`;
    const first = await upload(title);
    expect(await upload(title)).toBe(`${first}-2`);
    const untitled = await uploadSurvey(db, await actor(), { name: "Évaluation finale.json", text: JSON.stringify({ pages: [{ name: "p", elements: [{ type: "text", name: "q" }] }] }) });
    expect(untitled).toMatchObject({ ok: true, slug: expect.stringMatching(/^evaluation-finale/) as unknown });
  });

  it("are published only when every text has its three languages, then offered to consultations by title", async () => {
    const db = getDb();
    const slug = await upload(`Satisfaction ${newId().slice(0, 8)}`);
    const early = await publishSurvey(db, await actor(), slug);
    expect(early).toMatchObject({ ok: false, reason: "not-ready" });
    expect(early.ok === false && early.reason === "not-ready" && early.findings.map((finding) => finding.message)).toContain("title has no French or Spanish text");
    expect(await latestSurveyVersion(db, slug)).toBeUndefined();
    expect((await listUploadedSurveys(db, "en")).find((survey) => survey.slug === slug)).toMatchObject({ status: "draft", untranslated: 5, versions: 0 });

    const published = await translateAndPublish(slug);
    expect(published).toMatchObject({ ok: true, created: true });
    expect((await latestSurveyVersion(db, slug))?.id).toBe(published.ok && published.versionId);
    expect(await publishSurvey(db, await actor(), slug)).toMatchObject({ ok: true, created: false });
    expect((await listUploadedSurveys(db, "fr")).find((survey) => survey.slug === slug)).toMatchObject({ status: "published", untranslated: 0, versions: 1 });
    const choices = await publishedUploadChoices(db, "fr");
    expect(choices.find((choice) => choice.value === slug)?.label).toMatch(/^Satisfaction .* \(fr\)$/);

    await saveTranslations(db, await actor(), slug, [{ key: "/title", es: "Satisfacción" }]);
    expect((await listUploadedSurveys(db, "es")).find((survey) => survey.slug === slug)).toMatchObject({ status: "changed", title: "Satisfacción" });
    // The consultation form still offers the published title until the change is published.
    expect((await publishedUploadChoices(db, "es")).find((choice) => choice.value === slug)?.label).toMatch(/\(es\)$/);
  });

  it("refuse a translation of a text the survey does not have, changing nothing", async () => {
    const db = getDb();
    const slug = await upload(`Keys ${newId().slice(0, 8)}`);
    const before = await getUploadedSurvey(db, slug);
    expect(await saveTranslations(db, await actor(), slug, [{ key: "/title", fr: "Clés" }, { key: "/pages/0/name", fr: "x" }])).toEqual({ ok: false, reason: "unknown-texts", keys: ["/pages/0/name"] });
    expect((await getUploadedSurvey(db, slug))?.definition).toEqual(before?.definition);
    expect(await saveTranslations(db, await actor(), "no-such-survey", [])).toEqual({ ok: false, reason: "not-found" });
  });

  it("keep their translations when the form builder's next file replaces them, wherever the English is the same", async () => {
    const db = getDb();
    const title = `Replace ${newId().slice(0, 8)}`;
    const slug = await upload(title);
    await translateAndPublish(slug);
    const next = builderSurvey(title, [{ type: "comment", name: "why", title: "Why?" }]);
    const replaced = await replaceSurveyFile(db, await actor(), slug, { name: "v2.json", text: JSON.stringify(next) });
    expect(replaced).toEqual({ ok: true, kept: 5 });
    const texts = translatableTexts((await getUploadedSurvey(db, slug))?.definition);
    expect(texts.filter((text) => !text.fr || !text.es).map((text) => text.en)).toEqual(["Why?"]);
    expect(await replaceSurveyFile(db, await actor(), slug, { name: "v3.json", text: "{" })).toMatchObject({ ok: false, reason: "not-json" });
    expect((await getUploadedSurvey(db, slug))?.file_name).toBe("v2.json");
  });

  it("keep every answer key of a version a consultation uses: a new version adds, never removes or renames", async () => {
    const db = getDb();
    const title = `Locked ${newId().slice(0, 8)}`;
    const slug = await upload(title);
    const first = await translateAndPublish(slug);
    if (!first.ok) throw new Error("not published");
    const meeting = await db.selectFrom("meeting").select("id").orderBy("created_at").executeTakeFirstOrThrow();
    const input = { ...capacityConsultationInput({ meetingId: meeting.id, surveyVersionId: first.versionId, slug: `uses-${slug}`, opensAt: OPENS, closesAt: CLOSES }), surveySlug: slug };
    const consultationId = await createConsultation(db, null, input, { ip: null });

    const renamed = builderSurvey(title);
    renamed.pages[0]!.elements[1] = { type: "text", name: "started", title: "When did you start?", inputType: "date" };
    await replaceSurveyFile(db, await actor(), slug, { name: "renamed.json", text: JSON.stringify(renamed) });
    expect(await translateAndPublish(slug)).toEqual({ ok: false, reason: "keys-removed", keys: ["start"] });

    await replaceSurveyFile(db, await actor(), slug, { name: "more.json", text: JSON.stringify(builderSurvey(title, [{ type: "comment", name: "why", title: "Why?" }])) });
    const second = await translateAndPublish(slug);
    expect(second).toMatchObject({ ok: true, created: true });
    expect((await latestSurveyVersion(db, slug))?.id).toBe(second.ok && second.versionId);
    // The consultation keeps the version it was opened with.
    expect((await db.selectFrom("consultation").select("survey_version_id").where("id", "=", consultationId).executeTakeFirstOrThrow()).survey_version_id).toBe(first.versionId);
  });
});
