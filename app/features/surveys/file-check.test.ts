import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempFolder } from "#tests/temp.ts";
import { checkSurveyFile, surveyFileCommand, type SurveyFinding } from "./file-check.ts";

const tx = (en: string) => ({ default: en, fr: `${en} (fr)`, es: `${en} (es)` });

/** A survey as a form builder writes it, translated: layout properties, names as the builder gave them. */
const READY = {
  title: tx("Satisfaction"),
  logoPosition: "right",
  widthMode: "static",
  completeText: tx("Send"),
  pages: [
    {
      name: "page1",
      elements: [
        { type: "rating", name: "question1", title: tx("How likely are you to recommend us?"), rateMin: 0, rateMax: 10, isRequired: true, width: "50%" },
        { type: "checkbox", name: "Liked most", title: tx("What did you like?"), choices: [{ value: "speed", text: tx("Speed") }, { value: 2, text: tx("Price") }] },
        { type: "paneldynamic", name: "visits", title: tx("Visits"), templateElements: [{ type: "text", name: "where", title: tx("Where?") }] },
      ],
    },
  ],
};

const errors = (findings: SurveyFinding[]) => findings.filter((finding) => finding.level === "error").map((finding) => `${finding.where}: ${finding.message}`);

describe("checkSurveyFile", () => {
  it("accepts a translated survey as a form builder writes it: layout properties, and names SurveyJS allows", () => {
    expect(checkSurveyFile(READY)).toEqual([]);
  });

  it("says what stands in the way, question by question, in plain words", () => {
    const survey = {
      ...READY,
      pages: [
        {
          name: "page1",
          elements: [
            ...READY.pages[0]!.elements,
            { type: "file", name: "cv", title: tx("Your CV") },
            { type: "signaturepad", name: "signature", title: tx("Sign") },
            { type: "dropdown", name: "country", title: tx("Country"), choicesByUrl: { url: "https://example.org/countries" } },
            { type: "checkbox", name: "areas", title: tx("Areas"), choices: [{ value: "x", text: tx("X") }], hasOther: true, otherText: tx("Other"), showCommentArea: true, commentText: tx("Notes") },
            { type: "comment", name: "question1-Comment", title: tx("Why?") },
            { type: "text", name: "question1", title: tx("Again") },
            { type: "text", title: tx("No name") },
            { type: "planet", name: "orbit", title: tx("Orbit") },
            { type: "paneldynamic", name: "more", title: tx("More"), templateElements: [{ type: "text", name: "a", title: tx("A") }, { type: "comment", name: "a", title: tx("A again") }] },
          ],
        },
      ],
    };
    expect(errors(checkSurveyFile(survey))).toEqual([
      "cv: file questions upload files, which Consulta does not store: ask for a link in a text question instead",
      "signature: signatures are images, which Consulta does not store",
      "areas: with both an “Other” choice and a comment box, SurveyJS keeps the text of the other answer among the chosen values, where it cannot be told from a choice: keep one of the two",
      'question1-Comment: the name ends in “-Comment”, which SurveyJS uses for the comment of the question “question1”',
      "(no name): the question has no name: answers are stored under it",
      'orbit: “planet” is not a SurveyJS question type',
      "more › a: the name is used twice in the same repeated panel: one answer would overwrite the other",
      "question1: the name is used twice: one answer would overwrite the other",
      "country: choicesByUrl makes every respondent's browser call another site for the choices: list the choices in the survey instead",
    ]);
  });

  it("refuses a survey that keeps the text of “Other” answers among the chosen values", () => {
    expect(errors(checkSurveyFile({ ...READY, storeOthersAsComment: false }))).toEqual([
      "survey: storeOthersAsComment set to false makes SurveyJS keep the text of “Other” answers among the chosen values, where it cannot be told from a choice: remove it",
    ]);
  });

  it("wants every text a respondent reads in English, French and Spanish; with missing translations allowed, says so as warnings", () => {
    const survey = {
      title: "Satisfaction",
      pages: [{ name: "p", title: { default: "First", fr: "Première" }, elements: [{ type: "radiogroup", name: "q", title: tx("Q"), choices: ["Yes", { value: "n", text: { en: "No", fr: "Non", es: "No" } }, 3] }] }],
    };
    const missing = ["survey: title has no French or Spanish text", "page p: title has no Spanish text", 'q: the text of “Yes” has no French or Spanish text'];
    expect(errors(checkSurveyFile(survey))).toEqual(missing);
    const allowed = checkSurveyFile(survey, { allowMissingTranslations: true });
    expect(errors(allowed)).toEqual([]);
    expect(allowed.map((finding) => `${finding.where}: ${finding.message}`)).toEqual(missing);
  });

  it("uses survey-core for what the compiled rules do not cover, and says so", () => {
    const survey = { ...READY, pages: [{ name: "p", elements: [{ type: "text", name: "email", title: tx("E-mail"), inputType: "email", validators: [{ type: "regex", regex: "^[^@\\s]+@[^@\\s]+$", text: tx("An e-mail address, please") }] }] }] };
    const findings = checkSurveyFile(survey);
    expect(errors(findings)).toEqual([]);
    expect(findings).toEqual([{ level: "warning", where: "survey", message: "answers are checked by SurveyJS itself, more slowly, because the server's compiled rules do not cover page p › email: validators" }]);
  });

  it("names a question the same way in every finding: by its name, inside a repeated panel after the panel's", () => {
    const survey = {
      pages: [
        {
          name: "p",
          elements: [
            { type: "panel", name: "box", title: tx("Box"), elements: [{ type: "text", name: "why", title: "Why" }, { type: "file", name: "cv", title: tx("CV") }] },
            { type: "paneldynamic", name: "visits", title: tx("Visits"), templateElements: [{ type: "text", name: "where", title: "Where" }, { type: "signaturepad", name: "sign", title: tx("Sign") }] },
          ],
        },
      ],
    };
    expect(errors(checkSurveyFile(survey))).toEqual([
      "cv: file questions upload files, which Consulta does not store: ask for a link in a text question instead",
      "visits › sign: signatures are images, which Consulta does not store",
      "why: title has no French or Spanish text",
      "visits › where: title has no French or Spanish text",
    ]);
  });

  it("refuses what is not a survey, and a survey without questions", () => {
    expect(errors(checkSurveyFile([1, 2]))).toEqual(["survey: the file is not a SurveyJS survey: it must hold one JSON object"]);
    expect(errors(checkSurveyFile({ title: tx("Empty"), pages: [] }))).toEqual(["survey: it has no question"]);
  });
});

describe("npm run surveys:check -- --file", () => {
  const run = (content: string, allowMissingTranslations = false) => {
    const path = join(tempFolder("survey-file-"), "survey.json");
    writeFileSync(path, content);
    const lines: string[] = [];
    const code = surveyFileCommand(path, { allowMissingTranslations }, { log: (line) => lines.push(line) });
    return { code, lines: lines.map((line) => line.replace(path, "<file>")) };
  };

  it("exits 0 for a survey that can be used, 1 otherwise, with one line per finding", () => {
    expect(run(JSON.stringify(READY))).toEqual({ code: 0, lines: ["ok   <file>: 0 errors, 0 warnings"] });
    const untranslated = JSON.stringify({ pages: [{ name: "p", elements: [{ type: "text", name: "q", title: "Name" }] }] });
    expect(run(untranslated)).toEqual({ code: 1, lines: ["FAIL <file>: 1 error, 0 warnings", "     error   q: title has no French or Spanish text"] });
    expect(run(untranslated, true)).toEqual({ code: 0, lines: ["ok   <file>: 0 errors, 1 warning", "     warning q: title has no French or Spanish text"] });
  });

  it("says when the file is not JSON", () => {
    const { code, lines } = run("{ not json");
    expect(code).toBe(1);
    expect(lines[0]).toMatch(/^FAIL <file>: it is not JSON \(/);
  });
});
