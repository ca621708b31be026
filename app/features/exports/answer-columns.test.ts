import { describe, expect, it } from "vitest";
import { compileSurveyModel } from "#app/features/surveys/survey-model.ts";
import { EVERY_FEATURE, choices, tx } from "#tests/survey-answers.ts";
import { TABLE_ROWS_EXPORTED, answerColumns } from "./answer-columns.ts";

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

describe("the columns of tables, multiple texts, rankings and 'other' texts", () => {
  const model = compileSurveyModel({
    pages: [
      {
        name: "p",
        elements: [
          {
            type: "matrixdropdown",
            name: "plan",
            title: tx("Plan"),
            rows: choices("y1", "y2"),
            choices: choices("hi", "lo"),
            columns: [
              { name: "level", title: tx("Level") },
              { name: "funded", title: tx("Funded"), cellType: "boolean" },
              { name: "areas", title: tx("Areas"), cellType: "checkbox", choices: choices("a1", "a2"), showOtherItem: true },
            ],
          },
          { type: "matrixdynamic", name: "staff", title: tx("Staff"), maxRowCount: 2, columns: [{ name: "who", title: tx("Who"), cellType: "text" }, { name: "days", title: tx("Days"), cellType: "rating", rateMax: 3 }] },
          { type: "matrixdynamic", name: "open", title: tx("Open"), columns: [{ name: "note", cellType: "text" }] },
          { type: "multipletext", name: "contact", title: tx("Contact"), items: [{ name: "person", title: tx("Person") }, { name: "mail", title: tx("E-mail"), inputType: "email" }] },
          { type: "ranking", name: "order", title: tx("Order"), choices: choices("o1", "o2", "o3") },
          { type: "radiogroup", name: "mode", title: tx("Mode"), choices: choices("m1"), showOtherItem: true },
        ],
      },
    ],
  });
  const partColumns = answerColumns(model);
  const byKey = (key: string) => partColumns.find((item) => item.column.key === key);
  const read = (answers: Record<string, unknown>, mode: "labels" | "codes", language: "en" | "fr" | "es") =>
    Object.fromEntries(partColumns.map((item) => [item.column.key, item.cell(answers, mode, language)]));

  it("gives a matrix dropdown a column per row and column, a dynamic matrix a column per row number and column, a multiple text a column per box", () => {
    const keys = partColumns.map((item) => item.column.key);
    expect(keys.filter((key) => key.startsWith("plan."))).toEqual(["y1", "y2"].flatMap((row) => [`plan.${row}.level`, `plan.${row}.funded`, `plan.${row}.areas`, `plan.${row}.areas-Comment`]));
    expect(keys.filter((key) => key.startsWith("staff."))).toEqual(["staff.1.who", "staff.1.days", "staff.2.who", "staff.2.days"]);
    // A table that allows more rows than are given columns keeps the rest in one more column.
    expect(keys.filter((key) => key.startsWith("open."))).toHaveLength(TABLE_ROWS_EXPORTED + 1);
    expect(byKey("open.more")?.column).toMatchObject({ type: "text", headers: { en: "Open: rows after row 100 (JSON)", fr: "Open (fr) : lignes après la ligne 100 (JSON)", es: "Open (es): filas después de la fila 100 (JSON)" } });
    expect(keys.filter((key) => key.startsWith("staff.")).includes("staff.more")).toBe(false);
    expect(keys.filter((key) => key.startsWith("contact."))).toEqual(["contact.person", "contact.mail"]);
    expect(keys).toContain("order");
    expect(keys).toContain("mode-Comment");
    expect(new Set(keys).size).toBe(keys.length);
    expect(byKey("plan.y2.level")?.column).toMatchObject({ type: "code", question: "plan", headers: { en: "Plan: y2: Level", fr: "Plan (fr)\u202f: y2 (fr)\u202f: Level (fr)", es: "Plan (es): y2 (es): Level (es)" } });
    expect(byKey("plan.y2.level")?.column.codes.map((code) => code.value)).toEqual(["hi", "lo"]);
    expect(byKey("plan.y1.areas")?.column).toMatchObject({ multiple: true });
    expect(byKey("staff.2.who")?.column).toMatchObject({ type: "text", question: "staff", headers: { en: "Staff, row 2: Who", fr: "Staff (fr), ligne 2\u202f: Who (fr)", es: "Staff (es), fila 2: Who (es)" } });
    expect(byKey("staff.1.days")?.column).toMatchObject({ type: "number" });
    expect(byKey("contact.mail")?.column).toMatchObject({ type: "text", question: "contact", headers: { en: "Contact: E-mail", fr: "Contact (fr)\u202f: E-mail (fr)", es: "Contact (es): E-mail (es)" } });
  });

  it("reads each cell as a code or a label in the language chosen, a ranking in its order in one cell, the 'other' text beside its choice", () => {
    const answers = {
      plan: { y1: { level: "lo", funded: true, areas: ["a2", "other"], "areas-Comment": "Ports" }, y2: "not a row" },
      staff: [{ who: "Ana", days: 2 }, "not a row", { who: "=cmd" }],
      contact: { person: "Ana", mail: "ana@example.org" },
      order: ["o3", "o1", "o2"],
      mode: "other",
      "mode-Comment": "By post",
    };
    expect(read(answers, "codes", "en")).toMatchObject({
      "plan.y1.level": "lo",
      "plan.y1.funded": "true",
      "plan.y1.areas": "a2; other",
      "plan.y1.areas-Comment": "Ports",
      "plan.y2.level": null,
      "staff.1.who": "Ana",
      "staff.1.days": 2,
      "staff.2.who": null,
      "contact.person": "Ana",
      "contact.mail": "ana@example.org",
      order: "o3; o1; o2",
      mode: "other",
      "mode-Comment": "By post",
    });
    expect(read(answers, "labels", "fr")).toMatchObject({ "plan.y1.level": "lo (fr)", "plan.y1.funded": "Oui", "plan.y1.areas": "a2 (fr); Autre (préciser)", order: "o3 (fr); o1 (fr); o2 (fr)" });
    expect(read(answers, "labels", "es")).toMatchObject({ "plan.y1.level": "lo (es)", "plan.y1.funded": "Sí", order: "o3 (es); o1 (es); o2 (es)" });
    // Rows after the hundredth, in their column: no answer is left out of an export.
    const long = Array.from({ length: TABLE_ROWS_EXPORTED + 2 }, (_, index) => ({ note: `Note ${index + 1}` }));
    expect(read({ open: long }, "codes", "en")).toMatchObject({ "open.100.note": "Note 100", "open.more": JSON.stringify([{ note: "Note 101" }, { note: "Note 102" }]) });
    expect(read({ open: long.slice(0, 3) }, "codes", "en")["open.more"]).toBeNull();
    expect(read({}, "labels", "es")).toEqual(Object.fromEntries(partColumns.map((item) => [item.column.key, null])));
  });
});
