import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import type { CurrentUser } from "#app/features/auth/current-user.ts";
import { newId } from "#app/features/ids.ts";
import { capacityConsultation } from "#tests/consultations.ts";
import { currentUserFor, demoEmail, stateId } from "#tests/helpers.ts";
import type { Insertable } from "kysely";
import type { Consultation, ProposalTable } from "#db/schema.ts";
import { INBOX_PAGE_SIZE, inboxViewOf, inboxViewParams, listInbox, type InboxView } from "./inbox.ts";

let consultation: Consultation;
let other: Consultation;
let rapporteur: CurrentUser;
let mexico: string;
let clock = 0;

/** A proposal of the test's own consultation, created one second after the previous one. */
async function proposal(values: Partial<Insertable<ProposalTable>> & { summary: string }, codes: [string, string][] = [], tags: string[] = []): Promise<string> {
  const id = newId();
  clock += 1;
  const at = new Date(Date.UTC(2026, 8, 10, 12, 0, clock)).toISOString();
  await getDb()
    .insertInto("proposal")
    .values({ id, consultation_id: consultation.id, kind: "proposal", language: "en", attribution: "attributable", consent_to_publish: 0, status: "received", created_at: at, updated_at: at, ...values })
    .execute();
  for (const [scheme, code] of codes) {
    await getDb().insertInto("proposal_code").values({ proposal_id: id, scheme: scheme as "gcm_objective", code, source: "author", created_at: at, created_by: null }).execute();
  }
  for (const tag of tags) await getDb().insertInto("proposal_tag").values({ proposal_id: id, tag, created_at: at, created_by: null }).execute();
  return id;
}

const base = (): InboxView => ({ consultation: consultation.id, withdrawn: "exclude", sort: "oldest", page: 1 });
const ids = async (view: Partial<InboxView>) => (await listInbox(getDb(), rapporteur, { ...base(), ...view }, "en")).rows.map((row) => row.id);

const fixtures = { english: "", spanish: "", french: "", countOnly: "", withdrawn: "" };

beforeAll(async () => {
  consultation = await capacityConsultation();
  other = await capacityConsultation();
  rapporteur = await currentUserFor(demoEmail("rapporteur"));
  mexico = await stateId("MX");
  fixtures.english = await proposal(
    { title: "Training for migrant workers", summary: "Vocational courses for a migrant in the construction sector", organisation_id: mexico, region_m49: "013", stakeholder_type: "state", pivot_text: "Formación de trabajadores migrantes" },
    [["gcm_objective", "gcm-18"], ["guiding_principle", "human-rights"]],
    ["skills"],
  );
  fixtures.spanish = await proposal(
    { title: "Formaciones para funcionarios", summary: "Cursos de formación sobre protección consular", language: "es", region_m49: "005", stakeholder_type: "ngo", attribution: "non_attributable", organisation_id: mexico },
    [["gcm_objective", "gcm-14"]],
    ["consular", "skills"],
  );
  fixtures.french = await proposal(
    { title: "Partenariats locaux", summary: "Des partenariats entre villes pour l’intégration des migrants et la sécurité", language: "fr", region_m49: "155", stakeholder_type: "local_authority", status: "retained", pivot_text: "Alianzas locales entre ciudades" },
    [["guiding_principle", "whole-of-society"]],
  );
  fixtures.countOnly = await proposal({ title: "Secret remittance plan", summary: "Cheaper remittances for migrants", attribution: "aggregate_only", organisation_id: mexico, region_m49: "013" });
  fixtures.withdrawn = await proposal({ title: "Removed idea", summary: "Withdrawn training on remittances", withdrawn_at: "2026-09-11T00:00:00.000Z" });
  await getDb()
    .insertInto("proposal")
    .values({ id: newId(), consultation_id: other.id, kind: "proposal", language: "en", attribution: "attributable", consent_to_publish: 0, status: "received", summary: "Training elsewhere", created_at: "2026-09-10T00:00:00.000Z", updated_at: "2026-09-10T00:00:00.000Z" })
    .execute();
});

describe("the inbox's filters", () => {
  it("each filter narrows the list to the proposals that have the value", async () => {
    expect(await ids({})).toEqual([fixtures.english, fixtures.spanish, fixtures.french, fixtures.countOnly]);
    expect(await ids({ objective: "gcm-18" })).toEqual([fixtures.english]);
    expect(await ids({ principle: "whole-of-society" })).toEqual([fixtures.french]);
    // Central America (013) is under the Americas (019): an area takes every area under it.
    expect(await ids({ region: "019" })).toEqual([fixtures.english, fixtures.spanish, fixtures.countOnly]);
    expect(await ids({ region: "013" })).toEqual([fixtures.english, fixtures.countOnly]);
    expect(await ids({ stakeholderType: "ngo" })).toEqual([fixtures.spanish]);
    expect(await ids({ language: "fr" })).toEqual([fixtures.french]);
    expect(await ids({ status: "retained" })).toEqual([fixtures.french]);
    expect(await ids({ tag: "skills" })).toEqual([fixtures.english, fixtures.spanish]);
    expect(await ids({ tag: "consular" })).toEqual([fixtures.spanish]);
    expect(await ids({ attribution: "aggregate_only" })).toEqual([fixtures.countOnly]);
    expect(await ids({ tag: "skills", language: "es", objective: "gcm-14" })).toEqual([fixtures.spanish]);
    // Without a consultation, every consultation's proposals.
    const everywhere = await listInbox(getDb(), rapporteur, { ...base(), consultation: undefined, q: "training" }, "en");
    expect(everywhere.rows.map((row) => row.consultationId)).toContain(other.id);
  });

  it("withdrawn proposals are left out and counted, and listed when asked for", async () => {
    const page = await listInbox(getDb(), rapporteur, base(), "en");
    expect(page.rows.map((row) => row.id)).not.toContain(fixtures.withdrawn);
    expect(page.withdrawnHidden).toBe(1);
    expect(await ids({ withdrawn: "only" })).toEqual([fixtures.withdrawn]);
    expect(await ids({ withdrawn: "include" })).toContain(fixtures.withdrawn);
    const included = await listInbox(getDb(), rapporteur, { ...base(), withdrawn: "include" }, "en");
    expect(included.withdrawnHidden).toBe(0);
    expect(included.rows.find((row) => row.id === fixtures.withdrawn)?.withdrawn).toBe(true);
  });

  it("a count-only proposal is listed without any text, a non-attributable one without its organisation", async () => {
    const { rows } = await listInbox(getDb(), rapporteur, base(), "en");
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(fixtures.countOnly)).toMatchObject({ title: null, summary: null, countOnly: true, organisation: null });
    expect(JSON.stringify(rows)).not.toContain("Secret remittance");
    expect(byId.get(fixtures.spanish)).toMatchObject({ title: "Formaciones para funcionarios", organisation: null, countOnly: false });
    expect(byId.get(fixtures.english)).toMatchObject({ organisation: "Mexico", tags: ["skills"], consultationTitle: consultation.title_en });
  });

  it("nobody without the permission to read every answer gets a row", async () => {
    const focalPoint = await currentUserFor(demoEmail("focal_point"));
    expect((await listInbox(getDb(), focalPoint, base(), "en")).total).toBe(0);
  });
});

describe("searching the inbox", () => {
  it("matches words in the proposal's own language with its stemming", async () => {
    expect(await ids({ q: "migrants" })).toContain(fixtures.english);
    expect(await ids({ q: "trained" })).toEqual([fixtures.english]);
    expect(await ids({ q: "formación" })).toEqual(expect.arrayContaining([fixtures.spanish]));
    expect(await ids({ q: "Curso consular" })).toEqual([fixtures.spanish]);
    expect(await ids({ q: "partenariat" })).toEqual([fixtures.french]);
    expect(await ids({ q: "intégration sécurité" })).toEqual([fixtures.french]);
    expect(await ids({ q: "ville" })).toEqual([fixtures.french]);
    // Every word must match.
    expect(await ids({ q: "migrant consular" })).toEqual([]);
  });

  it("matches the Spanish translation, so a Spanish word finds an English or French proposal", async () => {
    expect(await ids({ q: "formaciones" })).toEqual([fixtures.english, fixtures.spanish]);
    expect(await ids({ q: "alianza ciudades" })).toEqual([fixtures.french]);
  });

  it("counts every consultation's current and withdrawn proposals when nothing narrows the view", async () => {
    const page = await listInbox(getDb(), rapporteur, { ...base(), consultation: undefined }, "en");
    const stored = await getDb()
      .selectFrom("proposal")
      .select((eb) => [eb.fn.countAll<number>().as("all"), eb.fn.count<number>("withdrawn_at").as("withdrawn")])
      .executeTakeFirstOrThrow();
    expect(page.withdrawnHidden).toBe(Number(stored.withdrawn));
    expect(page.withdrawnHidden).toBeGreaterThan(0);
    expect(page.total).toBe(Number(stored.all) - Number(stored.withdrawn));
  });

  it("matches a count-only proposal without showing its text", async () => {
    const page = await listInbox(getDb(), rapporteur, { ...base(), q: "remittance" }, "en");
    expect(page.rows.map((row) => [row.id, row.summary])).toEqual([[fixtures.countOnly, null]]);
    expect(page.withdrawnHidden).toBe(1);
  });

  it("reads quotes, operators and FTS5's own syntax as plain words, never as a query language", async () => {
    for (const q of ['"migrant', "migrant*", "migrant OR cursos", "NOT migrant", "own:migrant", "lang : en", "NEAR(migrant training)", "migrant)", "{own}: x", "migrant' --", "^migrant", "migr\\ant", "AND", "-migrant +training"]) {
      const page = await listInbox(getDb(), rapporteur, { ...base(), q }, "en");
      expect(page.total, q).toBeGreaterThanOrEqual(0);
    }
    expect(await ids({ q: "migrant OR cursos" })).toEqual([]);
    expect(await ids({ q: '"migrant' })).toContain(fixtures.english);
  });

  it("keeps the search in step with the proposals: changed text is found by its new words, deleted proposals not at all", async () => {
    const id = await proposal({ title: "Portability", summary: "Social security portability for seasonal workers" });
    expect(await ids({ q: "seasonal" })).toEqual([id]);
    await getDb().updateTable("proposal").set({ summary: "Pension transfers for circular migrants", pivot_text: "Transferencias de pensiones" }).where("id", "=", id).execute();
    expect(await ids({ q: "seasonal" })).toEqual([]);
    expect(await ids({ q: "pensions circular" })).toEqual([id]);
    expect(await ids({ q: "transferencias" })).toEqual([id]);
    await getDb().deleteFrom("proposal").where("id", "=", id).execute();
    expect(await ids({ q: "pensions" })).toEqual([]);
  });
});

describe("paging and sorting", () => {
  it("pages of 50 in SQL, without overlap, in the order asked for", async () => {
    const db = getDb();
    const own = await capacityConsultation();
    const made: string[] = [];
    for (let i = 0; i < 120; i += 1) {
      const id = newId();
      const at = new Date(Date.UTC(2026, 8, 1, 0, 0, i)).toISOString();
      made.push(id);
      await db
        .insertInto("proposal")
        .values({ id, consultation_id: own.id, kind: "proposal", language: "en", attribution: "attributable", consent_to_publish: 0, status: "received", title: `Item ${String(119 - i).padStart(3, "0")}`, summary: "Paged", created_at: at, updated_at: at })
        .execute();
    }
    const view: InboxView = { consultation: own.id, withdrawn: "exclude", sort: "newest", page: 1 };
    const pages = await Promise.all([1, 2, 3].map((page) => listInbox(db, rapporteur, { ...view, page }, "en")));
    expect(pages.map((page) => page.rows.length)).toEqual([INBOX_PAGE_SIZE, INBOX_PAGE_SIZE, 20]);
    expect(pages.every((page) => page.total === 120 && page.pageCount === 3)).toBe(true);
    expect(pages.flatMap((page) => page.rows.map((row) => row.id))).toEqual([...made].reverse());
    const oldest = await listInbox(db, rapporteur, { ...view, sort: "oldest" }, "en");
    expect(oldest.rows.map((row) => row.id)).toEqual(made.slice(0, INBOX_PAGE_SIZE));
    const byTitle = await listInbox(db, rapporteur, { ...view, sort: "title" }, "en");
    expect(byTitle.rows[0]?.title).toBe("Item 000");
    expect(byTitle.rows.map((row) => row.id)).toEqual([...made].reverse().slice(0, INBOX_PAGE_SIZE));
    // A page past the last shows the last.
    expect((await listInbox(db, rapporteur, { ...view, page: 9 }, "en")).page).toBe(3);
  });
});

describe("the three ways a page is found", () => {
  // Pages of 7 over a consultation of its own: every sort, withdrawn choice and filter, and pages
  // past the last, against the same list worked out here from every row.
  const PAGE = 7;
  const WORDS = ["Éducation", "eau", "Eau", "écoles", "Fonds", "ñandú", "nube", "Zorro", "zèbre", "Œuvre", "ocean", "Álamo", "abc", "Abc", "côte", "cote", "coté"];
  let own: Consultation;

  beforeAll(async () => {
    own = await capacityConsultation();
    let seed = 7;
    const next = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    const pick = <T,>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
    for (let i = 0; i < 60; i += 1) {
      const at = (second: number) => new Date(Date.UTC(2026, 9, 1, 0, 0, second)).toISOString();
      const title = next() < 0.15 ? null : `${pick(WORDS)} ${pick(WORDS)}`;
      await getDb()
        .insertInto("proposal")
        .values({
          id: newId(),
          consultation_id: own.id,
          kind: "proposal",
          language: pick(["en", "fr", "es"] as const),
          attribution: pick(["attributable", "non_attributable", "aggregate_only"] as const),
          consent_to_publish: 0,
          status: pick(["received", "retained"] as const),
          title,
          summary: `${pick(WORDS)} summary ${i}`,
          created_at: at(i),
          updated_at: at(1_000 - 7 * i + Math.floor(next() * 5)),
          withdrawn_at: next() < 0.25 ? at(2_000 + i) : null,
        })
        .execute();
    }
  });

  async function expected(view: InboxView, language: "fr" | "es") {
    let rows = await getDb().selectFrom("proposal").select(["id", "consultation_id", "language", "status", "attribution", "title", "summary", "created_at", "updated_at", "withdrawn_at"]).execute();
    if (view.consultation) rows = rows.filter((row) => row.consultation_id === view.consultation);
    if (view.language) rows = rows.filter((row) => row.language === view.language);
    if (view.status) rows = rows.filter((row) => row.status === view.status);
    if (view.attribution) rows = rows.filter((row) => row.attribution === view.attribution);
    const withdrawn = rows.filter((row) => row.withdrawn_at !== null).length;
    const shown = rows.filter((row) => (view.withdrawn === "include" ? true : view.withdrawn === "only" ? row.withdrawn_at !== null : row.withdrawn_at === null));
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const collator = new Intl.Collator(language);
    const text = (row: (typeof rows)[number]) => (row.attribution === "aggregate_only" ? "" : (row.title ?? row.summary));
    const order = {
      newest: (a: (typeof rows)[number], b: (typeof rows)[number]) => b.created_at.localeCompare(a.created_at) || byId(b, a),
      oldest: (a: (typeof rows)[number], b: (typeof rows)[number]) => a.created_at.localeCompare(b.created_at) || byId(a, b),
      updated: (a: (typeof rows)[number], b: (typeof rows)[number]) => b.updated_at.localeCompare(a.updated_at) || byId(b, a),
      title: (a: (typeof rows)[number], b: (typeof rows)[number]) => collator.compare(text(a), text(b)) || byId(a, b),
    }[view.sort];
    shown.sort(order);
    const pageCount = Math.max(1, Math.ceil(shown.length / PAGE));
    const page = Math.min(view.page, pageCount);
    return { ids: shown.slice((page - 1) * PAGE, page * PAGE).map((row) => row.id), total: shown.length, page, pageCount, withdrawnHidden: view.withdrawn === "exclude" ? withdrawn : 0 };
  }

  it("gives every view's rows, counts and page as the proposals themselves do", async () => {
    const filters: Partial<InboxView>[] = [{}, { language: "fr" }, { status: "retained", attribution: "attributable" }];
    for (const filter of filters) {
      for (const sort of ["newest", "oldest", "updated", "title"] as const) {
        for (const withdrawn of ["exclude", "include", "only"] as const) {
          for (const page of [1, 2, 4, 30]) {
            const view: InboxView = { consultation: own.id, ...filter, sort, withdrawn, page };
            for (const language of sort === "title" ? (["fr", "es"] as const) : (["fr"] as const)) {
              const found = await listInbox(getDb(), rapporteur, view, language, PAGE);
              const label = JSON.stringify({ ...filter, sort, withdrawn, page, language });
              expect({ ids: found.rows.map((row) => row.id), total: found.total, page: found.page, pageCount: found.pageCount, withdrawnHidden: found.withdrawnHidden }, label).toEqual(await expected(view, language));
            }
          }
        }
      }
    }
  });

  it("pages every consultation's proposals without a filter in the order of the indexes, counting from them", async () => {
    for (const sort of ["newest", "oldest", "updated"] as const) {
      for (const withdrawn of ["exclude", "include", "only"] as const) {
        for (const page of [1, 3, 10_000]) {
          const view: InboxView = { sort, withdrawn, page };
          const found = await listInbox(getDb(), rapporteur, view, "fr", PAGE);
          expect({ ids: found.rows.map((row) => row.id), total: found.total, page: found.page, pageCount: found.pageCount, withdrawnHidden: found.withdrawnHidden }, JSON.stringify(view)).toEqual(await expected(view, "fr"));
        }
      }
    }
  });

  it("sorts by title in the reader's language: accents after the plain letter, ñ after n in Spanish, count-only proposals first", async () => {
    const fr = await listInbox(getDb(), rapporteur, { consultation: own.id, sort: "title", withdrawn: "include", page: 1 }, "fr", 100);
    const titles = fr.rows.filter((row) => !row.countOnly).map((row) => row.title ?? row.summary ?? "");
    expect(fr.rows.findIndex((row) => !row.countOnly)).toBe(fr.rows.filter((row) => row.countOnly).length);
    expect(titles).toEqual([...titles].sort(new Intl.Collator("fr").compare));
    expect(titles.findIndex((title) => title.startsWith("Éducation"))).toBeGreaterThan(titles.findIndex((title) => title.startsWith("eau")));
    const es = await listInbox(getDb(), rapporteur, { consultation: own.id, sort: "title", withdrawn: "include", page: 1 }, "es", 100);
    const spanish = es.rows.filter((row) => !row.countOnly).map((row) => row.title ?? row.summary ?? "");
    const firstÑ = spanish.findIndex((title) => title.startsWith("ñ"));
    expect(firstÑ).toBeGreaterThan(spanish.findLastIndex((title) => title.startsWith("nube")));
  });
});

describe("the view in the address", () => {
  it("goes to the address and back unchanged", () => {
    const view: InboxView = {
      consultation: consultation.id,
      objective: "gcm-05",
      principle: "human-rights",
      region: "019",
      stakeholderType: "diaspora",
      language: "fr",
      status: "under_review",
      tag: "à revoir",
      attribution: "non_attributable",
      q: 'travail "décent" & migrants',
      withdrawn: "include",
      sort: "title",
      page: 3,
    };
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(inboxViewParams(view))) if (value !== undefined) params.set(name, value);
    params.set("page", "3");
    expect(inboxViewOf(new URLSearchParams(params.toString()), [consultation.id])).toEqual({ view, problems: [] });
    expect(inboxViewOf(new URLSearchParams(""), [])).toEqual({ view: { withdrawn: "exclude", sort: "newest", page: 1 }, problems: [] });
  });

  it("names every value it cannot use instead of widening the list", () => {
    const params = new URLSearchParams({
      consultation: newId(),
      objective: "gcm-99",
      principle: "kindness",
      region: "999",
      type: "club",
      language: "de",
      status: "lost",
      tag: "x".repeat(61),
      attribution: "public",
      q: '"*() : ^',
      withdrawn: "sometimes",
      sort: "random",
      page: "-4",
    });
    const { view, problems } = inboxViewOf(params, [consultation.id]);
    expect(problems).toEqual(["consultation", "objective", "principle", "region", "type", "language", "status", "tag", "attribution", "q", "withdrawn"]);
    expect(view).toEqual({ withdrawn: "exclude", sort: "newest", page: 1 });
    expect(inboxViewOf(new URLSearchParams({ q: "a\u202Eb" }), []).problems).toEqual(["q"]);
  });
});
