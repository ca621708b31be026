import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { ORGANISATION_TYPES } from "#app/features/organisations/types.ts";
import { GCM_OBJECTIVES, STAKEHOLDER_TYPES } from "#app/features/taxonomy/taxonomy.ts";
import { tempFolder } from "#tests/temp.ts";
import { checkSurveyDefinition } from "./check.ts";
import { listSurveySlugs, readSurveyFile, regionTerms, resolveTaxonomies } from "./definitions.ts";
import { validateAnswers } from "./validate.ts";
import { getSurveyVersion, latestSurveyVersion, registerSurveyVersions } from "./versions.ts";

const tx = (en: string) => ({ default: en, fr: `${en} (fr)`, es: `${en} (es)` });

function survey(elements: unknown[]) {
  return { title: tx("Survey"), pages: [{ name: "one", elements }] };
}

describe("the survey files", () => {
  it("are the three surveys of the Dialogue, and every one passes the checks", () => {
    expect(listSurveySlugs()).toEqual(["capacity-needs", "follow-up", "partnership-proposals"]);
    for (const slug of listSurveySlugs()) expect(checkSurveyDefinition(slug, readSurveyFile(slug))).toEqual([]);
  });

  it("share the comparable priorities panel before and after the meeting", () => {
    const panel = (slug: string) => {
      const resolved = resolveTaxonomies(readSurveyFile(slug)) as { pages: { elements: { name: string; templateElements?: { name: string; type: string }[] }[] }[] };
      const found = resolved.pages.flatMap((page) => page.elements).find((element) => element.name === "priority_objectives");
      return found?.templateElements?.filter((element) => ["objective", "current_capacity", "capacity_gaps", "support_modalities"].includes(element.name)).map((element) => `${element.name}:${element.type}`);
    };
    expect(panel("capacity-needs")).toEqual(["objective:dropdown", "current_capacity:rating", "capacity_gaps:checkbox", "support_modalities:checkbox"]);
    expect(panel("follow-up")).toEqual(panel("capacity-needs"));
  });

  it("take their shared lists from the taxonomy", () => {
    const resolved = JSON.stringify(resolveTaxonomies(readSurveyFile("capacity-needs")));
    for (const objective of GCM_OBJECTIVES) expect(resolved).toContain(JSON.stringify(objective.text.es));
  });
});

describe("checkSurveyDefinition", () => {
  it.each([
    ["an untranslated title", survey([{ type: "text", name: "a", title: "Name" }]), "is not translated"],
    ["a missing language", survey([{ type: "text", name: "a", title: { default: "Name", fr: "Nom" } }]), "has no text in es"],
    ["a repeated name", survey([{ type: "text", name: "a", title: tx("A") }, { type: "comment", name: "a", title: tx("B") }]), 'the name "a" is used twice'],
    ["a generated name", survey([{ type: "text", name: "question1 ", title: tx("A") }]), "needs a snake_case name"],
    ["a type the server cannot check", survey([{ type: "signaturepad", name: "sig", title: tx("Sign") }]), "which the server cannot check"],
    ["an unknown taxonomy", survey([{ type: "checkbox", name: "c", title: tx("C"), choices: { $taxonomy: "planets" } }]), 'unknown taxonomy "planets"'],
    [
      "a hand-copied taxonomy list",
      survey([{ type: "checkbox", name: "c", title: tx("C"), choices: GCM_OBJECTIVES.slice(0, 3).map((term) => ({ value: term.value, text: tx(term.text.en) })) }]),
      'copies the "gcm-objectives" list',
    ],
    ["plain string choices", survey([{ type: "radiogroup", name: "r", title: tx("R"), choices: ["a", "b"] }]), 'must be { "value"'],
    ["a rule the server does not compile", survey([{ type: "text", name: "a", title: tx("A"), defaultValueExpression: "today()" }]), "a: defaultValueExpression: the server's compiled rules"],
  ])("finds %s", (_label, definition, message) => {
    expect(checkSurveyDefinition("test", definition).join("\n")).toContain(message);
  });

  it("passes a well-formed definition", () => {
    expect(checkSurveyDefinition("test", survey([{ type: "checkbox", name: "c", title: tx("C"), choices: { $taxonomy: "capacity-gaps" } }]))).toEqual([]);
  });

  it("takes layout as it comes, and wants its wording in three languages like any text", () => {
    const laidOut = { ...survey([{ type: "text", name: "a", title: tx("A"), width: "50%", errorLocation: "bottom" }]), logoPosition: "right", widthMode: "static" };
    expect(checkSurveyDefinition("test", laidOut)).toEqual([]);
    expect(checkSurveyDefinition("test", { ...laidOut, completeText: tx("Send") })).toEqual([]);
    expect(checkSurveyDefinition("test", { ...laidOut, completeText: "Send" }).join("\n")).toContain("test.completeText is not translated");
  });
});

describe("taxonomy", () => {
  it("names the same stakeholder types as the organisations", () => {
    expect(STAKEHOLDER_TYPES.map((term) => term.value).sort()).toEqual(ORGANISATION_TYPES.filter((type) => type !== "secretariat").sort());
  });

  it("lists the UN M49 continents and subregions in three languages", () => {
    const regions = regionTerms();
    expect(regions.find((term) => term.value === "m49-002")?.text).toEqual({ en: "Africa", fr: "Afrique", es: "África" });
    expect(regions.length).toBeGreaterThan(25);
  });
});

describe("survey versions", () => {
  it("registers each file once by content, adds a version when it changes, and keeps the old one", async () => {
    const db = getDb();
    const dir = tempFolder("consulta-surveys-");
    const file = join(dir, "pilot.json");
    writeFileSync(file, JSON.stringify(survey([{ type: "text", name: "a", title: tx("A") }])));
    const first = await registerSurveyVersions(db, { dir, now: new Date("2026-01-01T00:00:00Z") });
    const again = await registerSurveyVersions(db, { dir, now: new Date("2026-01-02T00:00:00Z") });
    expect(first[0]?.created).toBe(true);
    expect(again).toEqual([{ slug: "pilot", versionId: first[0]?.versionId, created: false }]);

    writeFileSync(file, JSON.stringify(survey([{ type: "text", name: "a", title: tx("A") }, { type: "text", name: "b", title: tx("B") }])));
    const changed = await registerSurveyVersions(db, { dir, now: new Date("2026-01-03T00:00:00Z") });
    expect(changed[0]?.created).toBe(true);
    expect(changed[0]?.versionId).not.toBe(first[0]?.versionId);
    expect((await latestSurveyVersion(db, "pilot"))?.id).toBe(changed[0]?.versionId);

    const old = await getSurveyVersion(db, first[0]?.versionId ?? "");
    expect(old).toBeDefined();
    // An answer to the new question is unknown to the old version: each response is checked against its own.
    expect(validateAnswers(old as { id: string; definition: object }, { b: "x" }, { mode: "draft", language: "en" }).ok).toBe(false);
  });

  it("reads a version from the database once: versions never change", async () => {
    let queries = 0;
    const db = getDb().withPlugin({
      transformQuery: ({ node }) => {
        queries += 1;
        return node;
      },
      transformResult: async ({ result }) => result,
    });
    const id = (await latestSurveyVersion(db, "capacity-needs"))?.id ?? "";
    queries = 0;
    const first = await getSurveyVersion(db, id);
    const second = await getSurveyVersion(db, id);
    expect(first).toMatchObject({ id, slug: "capacity-needs" });
    expect(second).toBe(first);
    expect(queries).toBe(1);
    expect(await getSurveyVersion(db, "no-such-version")).toBeUndefined();
    expect(await getSurveyVersion(db, "no-such-version")).toBeUndefined();
    // A version not found may yet be registered: not remembered.
    expect(queries).toBe(3);
  });
});

describe("answersForDisplay", () => {
  it("shows answers with their labels in the reader's language, page by page", async () => {
    const { answersForDisplay } = await import("./display.ts");
    const definition = resolveTaxonomies(readSurveyFile("capacity-needs")) as object;
    const sections = answersForDisplay(
      definition,
      { coordinating_institution: "SRE", wog_mechanism: "none", priority_objectives: [{ objective: "gcm-05", current_capacity: 2, capacity_gaps: ["financing"] }] },
      "es",
    );
    const all = JSON.stringify(sections);
    expect(all).toContain("SRE");
    expect(all).toContain("Vías de migración regular");
    expect(all).toContain("Financiación");
    expect(sections.every((section) => section.items.length > 0)).toBe(true);
  });
});

describe("stable answer keys", () => {
  it("every survey's keys are recorded in the lock file", async () => {
    const { checkStableNames } = await import("./check.ts");
    const { readFileSync } = await import("node:fs");
    const lock = JSON.parse(readFileSync("surveys/answer-keys.lock.json", "utf8")) as Record<string, string[]>;
    for (const slug of listSurveySlugs()) expect(checkStableNames(slug, readSurveyFile(slug), lock[slug])).toEqual([]);
  });

  it("a removed or renamed key is refused, a new one must be recorded", async () => {
    const { answerKeys, checkStableNames } = await import("./check.ts");
    const before = survey([{ type: "text", name: "a", title: tx("A") }, { type: "paneldynamic", name: "p", title: tx("P"), templateElements: [{ type: "text", name: "x", title: tx("X") }] }]);
    expect(answerKeys(before)).toEqual(["a", "p", "p.x"]);
    const after = survey([{ type: "text", name: "b", title: tx("A") }]);
    const problems = checkStableNames("s", after, answerKeys(before)).join("\n");
    expect(problems).toContain('"a" was removed or renamed');
    expect(problems).toContain('"p.x" was removed or renamed');
    expect(problems).toContain('"b" is new');
  });
});
