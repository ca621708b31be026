import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { consultationFormOptions } from "#app/consultation-form.server.ts";
import { readTranslationWorkbook } from "#app/features/surveys/translation-workbook.ts";
import { getUploadedSurvey } from "#app/features/surveys/uploads.ts";
import { latestSurveyVersion } from "#app/features/surveys/versions.ts";
import { action as listAction, loader as listLoader } from "#app/routes/surveys._index.tsx";
import { action as surveyAction, loader as surveyLoader } from "#app/routes/surveys.$slug._index.tsx";
import { loader as previewLoader } from "#app/routes/surveys.$slug.preview.tsx";
import { loader as workbookLoader } from "#app/routes/surveys.$slug.workbook.ts";
import { SURVEY_UPLOAD_PATHS } from "#app/web/uploads.server.ts";
import { BASE, context, cookieFor, demoEmail, get, outcome, post, settle } from "#tests/helpers.ts";

/** A survey as a SurveyJS form builder saves it: English only, a date, a ranking. */
function builderSurvey(title: string) {
  return {
    title,
    logoPosition: "right",
    pages: [
      {
        name: "page1",
        elements: [
          { type: "text", name: "since", title: "Since when has your office worked on returns?", inputType: "date", isRequired: true },
          { type: "ranking", name: "priorities", title: "Rank these priorities", choices: ["Data", { value: "training", text: "Training of staff" }, "Funding"] },
        ],
      },
    ],
  };
}

function multipart(path: string, cookie: string, fields: Record<string, string>, file?: { field: string; name: string; type: string; content: BlobPart }): Request {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  if (file) body.append(file.field, new File([file.content], file.name, { type: file.type }));
  return new Request(`${BASE}${path}`, { method: "POST", body, headers: { Cookie: cookie } });
}

async function admin() {
  return cookieFor(demoEmail("admin"));
}

async function uploaded(title = `Returns ${Date.now()}-${Math.random().toString(36).slice(2, 7)}`): Promise<string> {
  const cookie = await admin();
  const result = outcome(await settle(() => listAction({ request: multipart("/surveys", cookie, {}, { field: "file", name: "returns.json", type: "application/json", content: JSON.stringify(builderSurvey(title)) }), context, params: {} })));
  expect(result.status).toBe(302);
  return (result.headers.get("Location") ?? "").replace("/surveys/", "");
}

const surveyPost = async (slug: string, request: Request) => outcome(await settle(() => surveyAction({ request, context, params: { slug } })));
const pageOf = async (slug: string, query = "", language = "en") =>
  outcome(await settle(() => surveyLoader({ request: get(`/surveys/${slug}${query}`, { cookie: `${cookie}; consulta_lang=${language}` }), context, params: { slug } })));
let cookie = "";

interface PageData {
  title: string;
  status: string;
  findings: { level: string; where: string; message: string }[];
  progress: { total: number; complete: number; missing: Record<string, number> };
  rows: { key: string; where: string; what: string; en: string; fr: string; es: string }[];
  blocking: boolean;
  versions: { id: string }[];
}

describe("the survey pages", () => {
  it("take a form builder's survey from upload to a consultation: check, translate in the table and through the workbook, publish", async () => {
    cookie = await admin();
    const title = `Returns ${Date.now()}`;
    const slug = await uploaded(title);
    expect(slug).toMatch(/^returns-/);

    // The list shows it as a draft with its texts to translate.
    const list = outcome(await listLoader({ request: get("/surveys", { cookie }), context, params: {} })).data as { uploaded: { slug: string; status: string; untranslated: number }[]; builtIn: { value: string }[] };
    expect(list.uploaded.find((survey) => survey.slug === slug)).toMatchObject({ status: "draft", untranslated: 6 });
    expect(list.builtIn.map((survey) => survey.value)).toContain("capacity-needs");

    // The page lists every text; the findings leave missing translations to the table.
    let page = (await pageOf(slug)).data as PageData;
    expect(page).toMatchObject({ title, status: "draft", blocking: true, progress: { total: 6, complete: 0 } });
    // A date and a ranking: the compiled rules check both, so there is nothing else to say.
    expect(page.findings).toEqual([]);
    expect(page.rows.map((row) => [row.where, row.what])).toEqual([
      ["the survey", "title"],
      ["since", "title"],
      ["priorities", "title"],
      ["priorities", "the text of “Data”"],
      ["priorities", "the text of “training”"],
      ["priorities", "the text of “Funding”"],
    ]);
    const french = (await pageOf(slug, "", "fr")).data as PageData;
    expect(french.rows[3]?.what).toBe("le texte de «\u202fData\u202f»");

    // Publishing now is refused, and says why.
    expect(await surveyPost(slug, post(`/surveys/${slug}`, { intent: "publish" }, { cookie }))).toMatchObject({ status: 409, data: { error: "surveys.publish.notReady", count: 6 } });

    // Two texts translated in the table: only what changed is saved.
    const saved = await surveyPost(
      slug,
      post(`/surveys/${slug}`, { intent: "translate", "text:fr:/title": "Retours", "was:fr:/title": "", "text:es:/title": "Retornos", "was:es:/title": "", "text:en:/title": title, "was:en:/title": title }, { cookie }),
    );
    expect(saved).toMatchObject({ status: 200, data: { done: "surveys.translations.saved", count: 1 } });
    page = (await pageOf(slug, "?show=missing")).data as PageData;
    expect(page.rows.map((row) => row.key)).not.toContain("/title");
    expect(page.progress.complete).toBe(1);

    // The workbook: downloaded, filled in by a translator, uploaded back.
    const download = await settle(() => workbookLoader({ request: get(`/surveys/${slug}/workbook`, { cookie }), context, params: { slug } }));
    if (!(download instanceof Response)) throw new Error("no workbook");
    expect(download.headers.get("Content-Disposition")).toBe(`attachment; filename="${slug}-translations.xlsx"`);
    const read = await readTranslationWorkbook(new Uint8Array(await download.arrayBuffer()));
    if (!read.ok) throw new Error(read.reason);
    expect(read.rows).toHaveLength(6);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await settle(() => workbookLoader({ request: get(`/surveys/${slug}/workbook`, { cookie }), context, params: { slug } })) as Response).arrayBuffer());
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error("no sheet");
    sheet.eachRow((row, number) => {
      if (number === 1 || !row.getCell(1).text) return;
      if (!row.getCell(5).text) row.getCell(5).value = `${row.getCell(4).text} (fr)`;
      if (!row.getCell(6).text) row.getCell(6).value = `${row.getCell(4).text} (es)`;
    });
    const filled = await workbook.xlsx.writeBuffer();
    const taken = await surveyPost(slug, multipart(`/surveys/${slug}`, cookie, { intent: "workbook" }, { field: "workbook", name: "translated.xlsx", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", content: filled }));
    expect(taken).toMatchObject({ status: 200, data: { done: "surveys.workbook.read", count: 5 } });
    page = (await pageOf(slug)).data as PageData;
    expect(page).toMatchObject({ blocking: false, progress: { total: 6, complete: 6 } });

    // The preview shows the working copy in the language asked for.
    const preview = outcome(await previewLoader({ request: get(`/surveys/${slug}/preview?in=es`, { cookie }), context, params: { slug } })).data as { surveyLanguage: string; definition: { title: unknown } };
    expect(preview.surveyLanguage).toBe("es");
    expect(preview.definition.title).toEqual({ default: title, fr: "Retours", es: "Retornos" });

    // Published: a version, offered by its title when a consultation is set up.
    expect(await surveyPost(slug, post(`/surveys/${slug}`, { intent: "publish" }, { cookie }))).toMatchObject({ status: 200, data: { done: "surveys.publish.done" } });
    expect(await surveyPost(slug, post(`/surveys/${slug}`, { intent: "publish" }, { cookie }))).toMatchObject({ status: 200, data: { done: "surveys.publish.unchanged" } });
    expect((await latestSurveyVersion(getDb(), slug))?.slug).toBe(slug);
    expect((await consultationFormOptions("fr")).surveys).toContainEqual({ value: slug, label: "Retours" });
    expect(((await pageOf(slug)).data as PageData).status).toBe("published");
  });

  it("refuse bad files and bad workbooks with a plain message, changing nothing", async () => {
    cookie = await admin();
    const upload = (name: string, content: BlobPart, type = "application/json") => settle(() => listAction({ request: multipart("/surveys", cookie, {}, { field: "file", name, type, content }), context, params: {} })).then(outcome);
    expect(await upload("survey.json", "{ not json")).toMatchObject({ status: 400, data: { error: "surveys.file.notJson" } });
    expect(await upload("survey.json", "[]")).toMatchObject({ status: 400, data: { error: "surveys.file.notSurvey" } });
    expect(await upload("survey.json", "")).toMatchObject({ status: 400, data: { error: "surveys.file.none" } });
    expect(await upload("survey.json", `{"pages":[],"x":"${"x".repeat(1_200_000)}"}`)).toMatchObject({ status: 413, data: { error: "surveys.file.tooLarge" } });
    const declared = new Request(`${BASE}/surveys`, { method: "POST", body: "x", headers: { Cookie: cookie, "Content-Type": "multipart/form-data; boundary=x", "Content-Length": "50000000" } });
    expect(outcome(await settle(() => listAction({ request: declared, context, params: {} })))).toMatchObject({ status: 413 });

    const slug = await uploaded();
    const before = (await getUploadedSurvey(getDb(), slug))?.definition;
    const workbook = (content: BlobPart) => surveyPost(slug, multipart(`/surveys/${slug}`, cookie, { intent: "workbook" }, { field: "workbook", name: "t.xlsx", type: "application/octet-stream", content }));
    expect(await workbook("not a workbook")).toMatchObject({ status: 400, data: { error: "surveys.workbook.not-xlsx" } });
    expect(await surveyPost(slug, post(`/surveys/${slug}`, { intent: "translate", "text:fr:/pages/0/name": "x" }, { cookie }))).toMatchObject({ status: 409, data: { error: "surveys.translations.unknown", keys: ["/pages/0/name"] } });
    expect(await surveyPost(slug, post(`/surveys/${slug}`, { intent: "translate", "text:fr:/title": "x".repeat(20_001) }, { cookie }))).toMatchObject({ status: 400, data: { error: "surveys.translations.tooLong" } });
    expect(await surveyPost(slug, multipart(`/surveys/${slug}`, cookie, { intent: "replace" }, { field: "file", name: "next.json", type: "application/json", content: "nope" }))).toMatchObject({ status: 400, data: { error: "surveys.file.notJson" } });
    expect(await surveyPost(slug, post(`/surveys/${slug}`, { intent: "explode" }, { cookie }))).toMatchObject({ status: 400, data: { error: "surveys.unknownAction" } });
    expect((await getUploadedSurvey(getDb(), slug))?.definition).toEqual(before);

    expect(await pageOf("no-such-survey")).toMatchObject({ status: 404 });
    expect(await surveyPost("no-such-survey", post("/surveys/no-such-survey", { intent: "publish" }, { cookie }))).toMatchObject({ status: 404 });
    expect(outcome(await settle(() => workbookLoader({ request: get("/surveys/no-such-survey/workbook", { cookie }), context, params: { slug: "no-such-survey" } })))).toMatchObject({ status: 404 });
  });

  it("replace the file with the form builder's next version, keeping translations of the same English", async () => {
    cookie = await admin();
    const title = `Next ${Date.now()}`;
    const slug = await uploaded(title);
    await surveyPost(slug, post(`/surveys/${slug}`, { intent: "translate", "text:fr:/title": "Suivant", "text:es:/title": "Siguiente" }, { cookie }));
    const next = builderSurvey(title);
    next.pages[0]!.elements.push({ type: "comment", name: "why", title: "Why?" } as never);
    const replaced = await surveyPost(slug, multipart(`/surveys/${slug}`, cookie, { intent: "replace" }, { field: "file", name: "next.json", type: "application/json", content: JSON.stringify(next) }));
    expect(replaced).toMatchObject({ status: 200, data: { done: "surveys.replaced", count: 1 } });
    const page = (await pageOf(slug)).data as PageData & { fileName: string };
    expect(page.fileName).toBe("next.json");
    expect(page.rows.find((row) => row.key === "/title")).toMatchObject({ fr: "Suivant", es: "Siguiente" });
    expect(page.rows.map((row) => row.en)).toContain("Why?");
  });

  it("take files on their two pages only: the list and a survey's page get the larger body limit", () => {
    expect(["/surveys", "/surveys/", "/surveys/readiness", "/surveys/readiness/"].every((path) => SURVEY_UPLOAD_PATHS.test(path))).toBe(true);
    expect(["/surveys/readiness/preview", "/surveys/readiness/workbook", "/consultations", "/surveysx", "/people"].some((path) => SURVEY_UPLOAD_PATHS.test(path))).toBe(false);
  });
});
