import type { Db } from "#db/connect.ts";
import type { SurveyVersion } from "#db/schema.ts";
import { isoNow } from "#app/features/ids.ts";
import { definitionHash, listSurveySlugs, readSurveyFile, resolveTaxonomies, surveysDir } from "./definitions.ts";

export interface RegisteredSurvey {
  slug: string;
  versionId: string;
  created: boolean;
}

/**
 * Registers each survey file's current content as a version, named by its hash. Versions are
 * only ever inserted: a changed file adds a version and every response keeps the one it answered.
 */
export async function registerSurveyVersions(db: Db, { dir = surveysDir(), now = new Date() }: { dir?: string; now?: Date } = {}): Promise<RegisteredSurvey[]> {
  const registered: RegisteredSurvey[] = [];
  for (const slug of listSurveySlugs(dir)) {
    const resolved = resolveTaxonomies(readSurveyFile(slug, dir));
    const versionId = definitionHash(resolved);
    const existing = await db.selectFrom("survey_version").select("id").where("id", "=", versionId).executeTakeFirst();
    if (!existing) {
      await db.insertInto("survey_version").values({ id: versionId, slug, definition: JSON.stringify(resolved), created_at: isoNow(now) }).execute();
    }
    registered.push({ slug, versionId, created: !existing });
  }
  return registered;
}

/** The newest version of a survey: the one new consultations use. */
export async function latestSurveyVersion(db: Db, slug: string): Promise<SurveyVersion | undefined> {
  return db.selectFrom("survey_version").selectAll().where("slug", "=", slug).orderBy("created_at", "desc").limit(1).executeTakeFirst();
}

const parsed = new Map<string, object>();

/** A version with its definition parsed once per process (versions never change). */
export async function getSurveyVersion(db: Db, id: string): Promise<{ id: string; slug: string; definition: object } | undefined> {
  const row = await db.selectFrom("survey_version").select(["id", "slug", "definition"]).where("id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  let definition = parsed.get(id);
  if (!definition) {
    definition = JSON.parse(row.definition) as object;
    parsed.set(id, definition);
  }
  return { id: row.id, slug: row.slug, definition };
}
