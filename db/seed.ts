import type { Db } from "./connect.ts";
import demoUpload from "./demo/uploaded-survey.json" with { type: "json" };
import { IDM_2018_SECOND_SESSION } from "./demo-meeting.ts";
import type { Role } from "./schema.ts";
import { hashPassword, verifyPassword } from "../app/features/auth/passwords.ts";
import { recordAudit } from "../app/features/audit/audit.ts";
import { createConsultation } from "../app/features/consultations/consultations.ts";
import { latestSurveyVersion } from "../app/features/surveys/versions.ts";
import { addDays, isoNow, newId } from "../app/features/ids.ts";
import { DEMO_CONSULTATIONS } from "./demo-consultations.ts";
import { demoPeopleEmails, loadDemoAnswers } from "./demo/load.ts";
import { loadDemoKeyMessages } from "./demo/key-messages.ts";
import { foldText } from "../app/features/text.ts";
import { ensureStates } from "../app/features/organisations/organisations.ts";

/** The password of every demo account. It exists only in demo data and the README. */
export const DEMO_PASSWORD = "consulta-demo-2018";

export const DEMO_ACCOUNTS: { email: string; name: string; role: Role; organisation: DemoOrganisationKey }[] = [
  { email: "admin@consulta.test", name: "Amina Diallo", role: "admin", organisation: "secretariat" },
  { email: "rapporteur@consulta.test", name: "Rafael Ortega", role: "rapporteur", organisation: "secretariat" },
  { email: "focal.point@consulta.test", name: "María Fernanda López", role: "focal_point", organisation: "MX" },
  { email: "partner@consulta.test", name: "Chidi Okafor", role: "partner", organisation: "diaspora-network" },
];

type DemoOrganisationKey = "secretariat" | "MX" | "diaspora-network";

const DEMO_PARTNERS = [
  { key: "diaspora-network", type: "diaspora", name: "African Diaspora Network for Development", acronym: "ADND", country_code: "BE", region_m49: "155" },
] as const;

export interface SeedReport {
  created: boolean;
  states: number;
  users: number;
  answers: number;
}

/** The e-mail addresses of every account the demo makes, all with DEMO_PASSWORD. */
export function demoEmails(): string[] {
  return [...DEMO_ACCOUNTS.map((account) => account.email), ...demoPeopleEmails()];
}

/**
 * Switches off (disables) the demo accounts that still have the published password, so that a
 * server serving real data never lets them sign in; an account whose password was changed keeps
 * working. The demo accounts share one password hash, so few hashes are checked.
 */
export async function switchOffDemoAccounts(db: Db, now: Date = new Date()): Promise<number> {
  const accounts = await db.selectFrom("user").select(["id", "password_hash"]).where("email", "in", demoEmails()).where("disabled_at", "is", null).execute();
  const published: string[] = [];
  for (const hash of new Set(accounts.map((account) => account.password_hash))) {
    if (!hash || !(await verifyPassword(DEMO_PASSWORD, hash))) continue;
    published.push(...accounts.filter((account) => account.password_hash === hash).map((account) => account.id));
  }
  if (published.length === 0) return 0;
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("user").set({ disabled_at: isoNow(now), updated_at: isoNow(now) }).where("id", "in", published).execute();
    await recordAudit(trx, { action: "demo.accounts_switched_off", targetType: "user", now, detail: { count: published.length } });
  });
  return published.length;
}

/** Whether the database has no people yet, the sign that it is new. */
export async function isEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom("user").select("id").limit(1).executeTakeFirst();
  return !row;
}

/**
 * Loads the demo: the 2018 Dialogue, every State, its partners, the four accounts of the README
 * and one account per demo State and partner. Running it again adds only what is missing; the
 * report counts what was added.
 */
export async function seed(db: Db, now: Date = new Date()): Promise<SeedReport> {
  const states = await ensureStates(db, now);
  const stamp = isoNow(now);

  const meeting = await db.selectFrom("meeting").select("id").where("slug", "=", IDM_2018_SECOND_SESSION.slug).executeTakeFirst();
  if (!meeting) {
    await db.insertInto("meeting").values({ id: newId(), ...IDM_2018_SECOND_SESSION, created_at: stamp, updated_at: stamp }).execute();
  }

  const organisationIds = new Map<DemoOrganisationKey, string>();
  organisationIds.set("secretariat", await ensureOrganisation(db, { type: "secretariat", name: "IOM – International Dialogue on Migration secretariat", acronym: "IOM", country_code: "CH", region_m49: "155" }, stamp));
  for (const partner of DEMO_PARTNERS) {
    const { key, ...values } = partner;
    organisationIds.set(key, await ensureOrganisation(db, values, stamp));
  }
  const mexico = await db.selectFrom("organisation").select("id").where("type", "=", "state").where("country_code", "=", "MX").executeTakeFirstOrThrow();
  organisationIds.set("MX", mexico.id);

  await ensureConsultations(db, now);

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let users = 0;
  for (const account of DEMO_ACCOUNTS) {
    const existing = await db.selectFrom("user").select("id").where("email", "=", account.email).executeTakeFirst();
    if (existing) continue;
    const userId = newId();
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("user")
        .values({ id: userId, email: account.email, name: account.name, password_hash: passwordHash, preferred_language: null, created_at: stamp, updated_at: stamp, disabled_at: null })
        .execute();
      await trx
        .insertInto("membership")
        .values({ id: newId(), user_id: userId, organisation_id: organisationIds.get(account.organisation) as string, role: account.role, created_at: stamp })
        .execute();
    });
    users += 1;
  }
  const demo = await loadDemoAnswers(db, passwordHash, now);
  users += demo.users;
  const rapporteur = await db.selectFrom("user").select("id").where("email", "=", "rapporteur@consulta.test").executeTakeFirstOrThrow();
  const meetingId = (await db.selectFrom("meeting").select("id").where("slug", "=", IDM_2018_SECOND_SESSION.slug).executeTakeFirstOrThrow()).id;
  await loadDemoKeyMessages(db, meetingId, rapporteur.id, now);
  await loadDemoUpload(db, now);
  return { created: users > 0 || states > 0 || !meeting || demo.answers > 0, states, users, answers: demo.answers };
}

/** The demo consultations, on the survey versions registered at start (registerSurveyVersions). */
async function ensureConsultations(db: Db, now: Date): Promise<void> {
  const meeting = await db.selectFrom("meeting").select("id").where("slug", "=", IDM_2018_SECOND_SESSION.slug).executeTakeFirstOrThrow();
  for (const demo of DEMO_CONSULTATIONS) {
    const existing = await db.selectFrom("consultation").select("id").where("slug", "=", demo.slug).executeTakeFirst();
    if (existing) continue;
    const version = await latestSurveyVersion(db, demo.surveySlug);
    if (!version) throw new Error(`The survey ${demo.surveySlug} has no registered version`);
    const closesAt = typeof demo.closes === "string" ? demo.closes : addDays(now, demo.closes.daysAfterSeed).toISOString();
    await createConsultation(
      db,
      null,
      {
        meetingId: meeting.id,
        slug: demo.slug,
        phase: demo.phase,
        kind: demo.kind,
        audience: demo.audience,
        surveySlug: demo.surveySlug,
        surveyVersionId: version.id,
        title: demo.title,
        description: demo.description,
        opensAt: demo.opensAt,
        closesAt,
        publish: true,
      },
      { ip: null, now: new Date("2018-07-10T08:00:00Z") },
    );
  }
}

async function ensureOrganisation(
  db: Db,
  values: { type: string; name: string; acronym: string; country_code: string; region_m49: string },
  stamp: string,
): Promise<string> {
  const nameKey = foldText(values.name);
  const existing = await db.selectFrom("organisation").select("id").where("name_key", "=", nameKey).executeTakeFirst();
  if (existing) return existing.id;
  const id = newId();
  await db.insertInto("organisation").values({ id, ...values, name_key: nameKey, website: null, created_at: stamp, updated_at: stamp }).execute();
  return id;
}

/**
 * A survey the secretariat is bringing in from a form builder, half way: French given, Spanish
 * not yet, unpublished (Surveys in the menu). Added once, to a database that has no upload yet.
 */
async function loadDemoUpload(db: Db, now: Date): Promise<void> {
  if (await db.selectFrom("uploaded_survey").select("slug").limit(1).executeTakeFirst()) return;
  const admin = await db.selectFrom("user").select("id").where("email", "=", "admin@consulta.test").executeTakeFirstOrThrow();
  const stamp = isoNow(now);
  await db
    .insertInto("uploaded_survey")
    .values({ slug: "readiness-after-the-dialogue", definition: JSON.stringify(demoUpload), file_name: "readiness-after-the-dialogue.json", created_by: admin.id, created_at: stamp, updated_by: admin.id, updated_at: stamp })
    .execute();
}
