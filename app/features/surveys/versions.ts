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

export interface LoadedSurveyVersion {
  id: string;
  slug: string;
  definition: object;
  /** The definition as stored: JSON text, sent as it is to the browser. */
  definitionJson: string;
}

const loaded = new WeakMap<Db, Map<string, LoadedSurveyVersion>>();

/**
 * A version with its definition parsed, read once per database and process: versions are only
 * ever inserted, never changed, so a version once read is the same on every later request.
 */
export async function getSurveyVersion(db: Db, id: string): Promise<LoadedSurveyVersion | undefined> {
  let versions = loaded.get(db);
  if (!versions) {
    versions = new Map();
    loaded.set(db, versions);
  }
  const known = versions.get(id);
  if (known) return known;
  const row = await db.selectFrom("survey_version").select(["id", "slug", "definition"]).where("id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  const version = { id: row.id, slug: row.slug, definition: JSON.parse(row.definition) as object, definitionJson: row.definition };
  versions.set(id, version);
  return version;
}
