import type { Db } from "../connect.ts";
import { importResponse } from "../../app/features/responses/responses.ts";
import { isoNow, newId } from "../../app/features/ids.ts";
import { regionOfCountry } from "../../app/features/organisations/countries.ts";
import { foldText } from "../../app/features/text.ts";
import { DEMO_CONSULTATIONS } from "../demo-consultations.ts";
import { DEMO_PARTNERS, PARTNER_ANSWERS } from "./partners.ts";
import { DEMO_STATES, STATE_ANSWERS } from "./states.ts";
import type { DemoAnswer, DemoPerson } from "./types.ts";

/** When the demo answers were given: before the closing of each consultation, spread over days. */
const ANSWERED_FROM: Record<string, string> = {
  "capacity-needs": "2018-08-20T08:00:00Z",
  "partnership-proposals": "2018-08-27T08:00:00Z",
  "follow-up": "2018-10-15T08:00:00Z",
};

/**
 * The people and answers of the demo: about 40 States and 30 partners, each with one account,
 * and their answers to the Dialogue's consultations. Only what is missing is added; the counts
 * say how much was.
 */
export async function loadDemoAnswers(db: Db, passwordHash: string, now: Date): Promise<{ users: number; answers: number }> {
  const stamp = isoNow(now);
  const organisationIds = new Map<string, string>();
  const people = new Map<string, string>();
  const languages = new Map<string, "en" | "fr" | "es">();
  let users = 0;

  const ensurePerson = async (person: DemoPerson, organisationId: string, role: "focal_point" | "partner", language: string) => {
    let user = await db.selectFrom("user").select("id").where("email", "=", person.email).executeTakeFirst();
    if (!user) {
      user = { id: newId() };
      await db
        .insertInto("user")
        .values({ id: user.id, email: person.email, name: person.name, password_hash: passwordHash, preferred_language: language, created_at: stamp, updated_at: stamp, disabled_at: null })
        .execute();
      await db.insertInto("membership").values({ id: newId(), user_id: user.id, organisation_id: organisationId, role, created_at: stamp }).execute();
      users += 1;
    }
    return user.id;
  };

  for (const state of DEMO_STATES) {
    const row = await db.selectFrom("organisation").select("id").where("type", "=", "state").where("country_code", "=", state.code).executeTakeFirstOrThrow();
    organisationIds.set(state.code, row.id);
    people.set(state.code, await ensurePerson(state.focalPoint, row.id, "focal_point", state.language));
    languages.set(state.code, state.language);
  }
  for (const partner of DEMO_PARTNERS) {
    const nameKey = foldText(partner.name);
    let row = await db.selectFrom("organisation").select("id").where("name_key", "=", nameKey).executeTakeFirst();
    if (!row) {
      row = { id: newId() };
      await db
        .insertInto("organisation")
        .values({
          id: row.id,
          type: partner.type,
          name: partner.name,
          name_key: nameKey,
          acronym: partner.acronym ?? null,
          country_code: partner.country ?? null,
          region_m49: partner.country ? (regionOfCountry(partner.country) ?? null) : null,
          website: null,
          created_at: stamp,
          updated_at: stamp,
        })
        .execute();
    }
    organisationIds.set(partner.key, row.id);
    people.set(partner.key, await ensurePerson(partner.contact, row.id, "partner", partner.language));
    languages.set(partner.key, partner.language);
  }

  const consultations = new Map<string, Awaited<ReturnType<typeof consultationFor>>>();
  const consultationFor = (survey: string) =>
    db
      .selectFrom("consultation")
      .selectAll()
      .where("slug", "=", DEMO_CONSULTATIONS.find((demo) => demo.surveySlug === survey)?.slug ?? "")
      .executeTakeFirstOrThrow();

  let added = 0;
  const answers: DemoAnswer[] = [...STATE_ANSWERS, ...PARTNER_ANSWERS];
  for (const [index, answer] of answers.entries()) {
    if (!consultations.has(answer.survey)) consultations.set(answer.survey, await consultationFor(answer.survey));
    const consultation = consultations.get(answer.survey);
    const organisationId = organisationIds.get(answer.organisation);
    const userId = people.get(answer.organisation);
    if (!consultation || !organisationId || !userId) throw new Error(`Demo answer for an unknown organisation: ${answer.organisation}`);
    const exists = await db.selectFrom("response").select("id").where("consultation_id", "=", consultation.id).where("organisation_id", "=", organisationId).executeTakeFirst();
    if (exists) continue;
    const at = new Date(Date.parse(ANSWERED_FROM[answer.survey] ?? "2018-09-01T08:00:00Z") + (index % 25) * 22 * 60 * 60 * 1000);
    const result = await importResponse(db, { consultation, organisationId, userId, answers: answer.answers, status: answer.status, attribution: answer.attribution, language: languages.get(answer.organisation) ?? "en", at });
    if (!result.ok) throw new Error(`Demo answer of ${answer.organisation} to ${answer.survey} does not validate: ${JSON.stringify(result.problems)}`);
    added += 1;
  }
  return { users, answers: added };
}

/** The e-mail addresses of every demo account: the four of the README and one per demo State and partner. */
export function demoPeopleEmails(): string[] {
  return [...DEMO_STATES.map((state) => state.focalPoint.email), ...DEMO_PARTNERS.map((partner) => partner.contact.email)];
}
