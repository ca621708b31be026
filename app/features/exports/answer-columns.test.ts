import { describe, expect, it } from "vitest";
import { compileSurveyModel } from "#app/features/surveys/survey-model.ts";
import { EVERY_FEATURE } from "#tests/survey-answers.ts";
import { answerColumns } from "./answer-columns.ts";

const columns = answerColumns(compileSurveyModel(EVERY_FEATURE));
const keys = columns.map((item) => item.column.key);
const cells = (answers: Record<string, unknown>, mode: "labels" | "codes", language: "en" | "fr" | "es" = "en") =>
  Object.fromEntries(columns.map((item) => [item.column.key, item.cell(answers, mode, language)]));

describe("the columns of a survey's answers", () => {
  it("gives every answer key a column: matrices by row, repeated panels by entry, other and comment texts beside their question", () => {
    expect(keys).toEqual([
      "name",
      "mode",
      "mode-Comment",
      "tools",
      "extras",
      "extras-Comment",
      "agree",
      "fields",
      "level",
      "order",
      "top",
      "grid.r1",
      "grid.r2",
      "why",
      "score",
      ...[1, 2, 3].flatMap((entry) => [`items.${entry}.code`, `items.${entry}.note`, `items.${entry}.tags`, `items.${entry}.size`]),
      "optional.1.what",
      "optional.2.what",
    ]);
    expect(new Set(keys).size).toBe(keys.length);
    const byKey = (key: string) => columns.find((item) => item.column.key === key)?.column;
    expect(byKey("grid.r2")).toMatchObject({ type: "code", question: "grid", headers: { en: "Grid: r2", fr: "Grid (fr)\u202f: r2 (fr)", es: "Grid (es): r2 (es)" } });
    expect(byKey("grid.r2")?.codes.map((code) => code.value)).toEqual(["c1", "c2"]);
    expect(byKey("items.3.tags")).toMatchObject({ type: "code", multiple: true, question: "items", headers: { en: "Items, entry 3: Tags" } });
    expect(byKey("score")).toMatchObject({ type: "number" });
    expect(byKey("why")).toMatchObject({ type: "text" });
    expect(byKey("mode-Comment")?.headers.en).toBe("Mode: text written");
  });

  it("reads each cell as a code or a label in the language chosen; nothing for what was not answered", () => {
    const answers = {
      name: "Ana",
      mode: "other",
      "mode-Comment": "my own",
      tools: ["x", "z"],
      agree: false,
      grid: { r1: "c2" },
      score: 3,
      items: [{ code: "k2", note: "=cmd", tags: ["t1"] }, "not an entry", { code: "k1" }],
    };
    expect(cells(answers, "codes")).toMatchObject({ mode: "other", "mode-Comment": "my own", tools: "x; z", agree: "false", "grid.r1": "c2", "grid.r2": null, score: 3, "items.1.code": "k2", "items.1.note": "'=cmd", "items.2.code": "k1", "items.3.code": null });
    expect(cells(answers, "labels", "fr")).toMatchObject({ tools: "x (fr); z (fr)", "grid.r1": "c2 (fr)", "items.1.tags": "t1 (fr)", agree: "Non" });
    expect(cells({}, "labels")).toEqual(Object.fromEntries(keys.map((key) => [key, null])));
  });

  it("reads each row's panel entries and labels of its own, row after row; a value the question does not offer as written", () => {
    const first = { items: [{ code: "k1", tags: ["t1"] }, { code: "k2" }] };
    const second = { items: [{ code: "k2", tags: ["unknown"] }] };
    expect(cells(first, "labels", "es")).toMatchObject({ "items.1.code": "k1 (es)", "items.1.tags": "t1 (es)", "items.2.code": "k2 (es)" });
    expect(cells(second, "labels", "es")).toMatchObject({ "items.1.code": "k2 (es)", "items.1.tags": "unknown", "items.2.code": null });
    expect(cells({}, "labels", "es")).toMatchObject({ "items.1.code": null });
    expect(cells(first, "codes")).toMatchObject({ "items.1.code": "k1", "items.2.code": "k2" });
  });
});
