import { describe, expect, it } from "vitest";
import { IDM_2018_SECOND_SESSION } from "#db/demo-meeting.ts";
import { answersForDisplay } from "./display.ts";
import { checkSurveyDefinition } from "./check.ts";
import { listSurveySlugs, readSurveyFile, resolveTaxonomies, surveyChoices } from "./definitions.ts";
import { fillPlaceholders, placeholderValues, placeholdersIn } from "./placeholders.ts";

const MEETING = { ...IDM_2018_SECOND_SESSION, title_en: "Regional Dialogue 2031", title_fr: "Dialogue régional 2031", title_es: "Diálogo Regional 2031", starts_on: "2031-03-10", ends_on: "2031-03-11" };
const CONSULTATION = { closes_at: "2031-02-28T16:00:00.000Z", closed_early_at: null };
const tx = (text: string) => ({ default: text, fr: text, es: text });

describe("survey placeholders", () => {
  it("give the consultation's meeting, dates and closing time in the reader's language", () => {
    const fr = placeholderValues(MEETING, CONSULTATION, "fr");
    expect(fr.meeting_title).toBe("Dialogue régional 2031");
    expect(fr.meeting_dates).toMatch(/^10.*11 mars 2031$/);
    expect(fr.closes_at).toContain("28 févr. 2031");
    expect(fr.closes_at).toContain("17:00");
    expect(placeholderValues(MEETING, CONSULTATION, "es").meeting_dates).toMatch(/10.*11 de marzo de 2031/);
    expect(placeholderValues(MEETING, { ...CONSULTATION, closed_early_at: "2031-02-01T09:00:00.000Z" }, "en").closes_at).toContain("Feb 1, 2031");
  });

  it("show an unreadable stored date as stored rather than failing", () => {
    expect(placeholderValues({ ...MEETING, starts_on: "2019-13-01" }, CONSULTATION, "en").meeting_dates).toBe("2019-13-01 – 2031-03-11");
  });

  it("fill texts shown outside SurveyJS, leaving SurveyJS's own variables and piped answers alone", () => {
    expect(fillPlaceholders("{meeting_title}, entry {panelIndex}, {can_offer}", { meeting_title: "IDM" })).toBe("IDM, entry {panelIndex}, {can_offer}");
    expect(placeholdersIn("{meeting_title} and {panel.title}")).toEqual(["meeting_title", "panel.title"]);
  });

  it("are used by every survey's introduction instead of a meeting written into it", () => {
    for (const slug of listSurveySlugs()) {
      const description = (readSurveyFile(slug) as { description: Record<string, string> }).description;
      for (const text of Object.values(description)) {
        expect(text, slug).toContain("{meeting_title}");
        expect(text, slug).toContain("{closes_at}");
        expect(text, slug).not.toMatch(/Geneva|Genève|Ginebra|October|octobre|octubre/);
      }
    }
  });

  it("fill the survey's texts on the receipt", () => {
    const definition = { pages: [{ name: "p", title: tx("About {meeting_title}"), elements: [{ type: "text", name: "a", title: tx("Before {closes_at}?") }] }] };
    const values = placeholderValues(MEETING, CONSULTATION, "es");
    const [section] = answersForDisplay(definition, { a: "sí" }, "es", values);
    expect(section?.title).toBe("About Diálogo Regional 2031");
    expect(section?.items[0]?.title).toBe(`Before ${values.closes_at}?`);
  });
});

describe("surveys:check and placeholders", () => {
  const survey = (elements: unknown[], extra: Record<string, unknown> = {}) => ({ title: tx("T"), ...extra, pages: [{ name: "p", elements }] });

  it("accepts the consultation's placeholders, SurveyJS's variables and the survey's questions", () => {
    const definition = survey(
      [
        { type: "boolean", name: "b", title: { default: "Answered by {closes_at}?", fr: "Réponse avant le {closes_at}\u202F?", es: "¿Respuesta antes del {closes_at}?" } },
        { type: "text", name: "c", title: tx("About {b} at {meeting_title}") },
      ],
      { description: tx("{meeting_title} ({meeting_place}, {meeting_dates}): {meeting_theme}") },
    );
    expect(checkSurveyDefinition("test", definition)).toEqual([]);
  });

  it.each([
    ["an unknown placeholder", survey([{ type: "text", name: "a", title: tx("At {meeting_name}") }]), "names {meeting_name}, which is neither"],
    ["placeholders that differ between languages", survey([{ type: "text", name: "a", title: { default: "At {meeting_title}", fr: "À la réunion", es: "En {meeting_title}" } }]), "names different placeholders in default, fr and es"],
    ["a placeholder in HTML", survey([{ type: "html", name: "h", html: tx("<p>{meeting_title}</p>") }]), "puts {meeting_title} in HTML"],
    ["a placeholder in the survey's title", { ...survey([{ type: "text", name: "a", title: tx("A") }]), title: tx("Survey of {meeting_title}") }, "the survey's title names the survey in the consultation form"],
  ])("refuses %s", (_label, definition, message) => {
    expect(checkSurveyDefinition("test", definition).join("\n")).toContain(message);
  });

  it("keeps the survey files valid once their placeholders are resolved", () => {
    for (const slug of listSurveySlugs()) expect(checkSurveyDefinition(slug, readSurveyFile(slug)), slug).toEqual([]);
    expect(JSON.stringify(resolveTaxonomies(readSurveyFile("capacity-needs")))).toContain("{meeting_title}");
  });
});

describe("the consultation form's survey picker", () => {
  it("names each survey by its title in the reader's language", () => {
    expect(surveyChoices("fr")).toContainEqual({ value: "capacity-needs", label: "Besoins des États en matière de capacités\u202F: questionnaire préalable à la session" });
    expect(surveyChoices("es").map((choice) => choice.label)).toContain("Seguimiento de la reunión: los resultados del Diálogo y el Pacto Mundial");
    expect(surveyChoices("en").every((choice) => choice.label !== choice.value)).toBe(true);
  });
});
