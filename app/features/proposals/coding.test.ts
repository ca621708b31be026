import { describe, expect, it } from "vitest";
import { getDb } from "#app/db.server.ts";
import { reopenResponse, submitResponse } from "#app/features/responses/responses.ts";
import { DURING, MINIMAL_CAPACITY_ANSWERS, capacityConsultation } from "#tests/consultations.ts";
import { currentUserFor, demoEmail, stateId } from "#tests/helpers.ts";
import { applyCoding, parseCodingChange, parseProposalIds, tagsOf } from "./coding.ts";
import type { CodingChange } from "./coding-rules.ts";
import { proposalHistory } from "./history.ts";

const at = (minutes: number) => new Date(DURING.getTime() + minutes * 60_000);

/** Mexico's capacity-needs answer with three offers, submitted: three proposals. */
async function proposals() {
  const consultation = await capacityConsultation();
  const mexico = await stateId("MX");
  const user = await currentUserFor(demoEmail("focal_point"));
  const offers = [
    { objective: "gcm-01", modality: ["training"], description: "Formación en estadísticas migratorias" },
    { objective: "gcm-23", description: "Intercambio entre pares" },
    { objective: "gcm-05", description: "Vías de migración laboral" },
  ];
  const as = (now: Date) => ({ consultation, organisationId: mexico, user, page: 0, language: "es" as const, ip: null, now });
  const result = await submitResponse(getDb(), { ...as(DURING), answers: { ...MINIMAL_CAPACITY_ANSWERS, can_offer: true, offers }, baseRevision: 0, attribution: "attributable" });
  if (!result.ok) throw new Error(JSON.stringify(result));
  const rows = await getDb().selectFrom("proposal").select(["id", "response_id"]).where("consultation_id", "=", consultation.id).orderBy("position").execute();
  return { ids: rows.map((row) => row.id), responseId: rows[0]?.response_id ?? "", as, revision: result.revision, offers };
}

async function rapporteur() {
  return currentUserFor(demoEmail("rapporteur"));
}

/** Everything coding may write: to show that a refusal changes nothing. */
async function snapshot(ids: string[]) {
  const db = getDb();
  return {
    proposals: await db.selectFrom("proposal").selectAll().where("id", "in", ids).orderBy("id").execute(),
    codes: await db.selectFrom("proposal_code").selectAll().where("proposal_id", "in", ids).orderBy("proposal_id").orderBy("scheme").orderBy("code").orderBy("source").execute(),
    tags: await db.selectFrom("proposal_tag").selectAll().where("proposal_id", "in", ids).orderBy("proposal_id").orderBy("tag").execute(),
    audit: await db.selectFrom("audit_event").selectAll().where("target_type", "=", "proposal").where("target_id", "in", ids).orderBy("id").execute(),
  };
}

const auditOf = (id: string) => getDb().selectFrom("audit_event").selectAll().where("target_type", "=", "proposal").where("target_id", "=", id).orderBy("created_at").execute();

function change(fields: Record<string, string>): CodingChange {
  const parsed = parseCodingChange(fields);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.value;
}

describe("reading a coding form", () => {
  it("accepts each intent with its fields, trimmed", () => {
    expect(parseCodingChange({ intent: "status", status: "not_retained", reason: "  Outside the theme  " })).toEqual({ ok: true, value: { intent: "status", status: "not_retained", reason: "Outside the theme" } });
    expect(parseCodingChange({ intent: "status", status: "retained", reason: " " })).toEqual({ ok: true, value: { intent: "status", status: "retained", reason: null } });
    expect(parseCodingChange({ intent: "add-tag", tag: "  financement  " })).toEqual({ ok: true, value: { intent: "add-tag", tag: "financement" } });
    expect(parseCodingChange({ intent: "remove-code", scheme: "capacity_gap", code: "financing" })).toEqual({ ok: true, value: { intent: "remove-code", scheme: "capacity_gap", code: "financing" } });
  });

  it("refuses what coding does not allow, each with its own reason", () => {
    const cases: [Record<string, string>, string][] = [
      [{ intent: "delete" }, "unknown-intent"],
      [{ intent: "status", status: "merged" }, "merged-status"],
      [{ intent: "status", status: "approved" }, "unknown-status"],
      [{ intent: "status", status: "not_retained", reason: "   " }, "reason-required"],
      [{ intent: "status", status: "retained", reason: "x".repeat(501) }, "reason-too-long"],
      [{ intent: "status", status: "retained", reason: "ok\u202Eevil" }, "reason-unsafe"],
      [{ intent: "add-tag", tag: "  " }, "tag-empty"],
      [{ intent: "add-tag", tag: "é".repeat(61) }, "tag-too-long"],
      [{ intent: "add-tag", tag: "tab\there" }, "tag-unsafe"],
      [{ intent: "add-code", scheme: "stakeholder_type", code: "ngo" }, "unknown-scheme"],
      [{ intent: "add-code", scheme: "gcm_objective", code: "gcm-24" }, "unknown-code"],
      [{ intent: "add-code", scheme: "constructor", code: "x" }, "unknown-scheme"],
    ];
    for (const [fields, problem] of cases) expect(parseCodingChange(fields), JSON.stringify(fields)).toEqual({ ok: false, problem });
    expect(parseCodingChange({ intent: "add-tag", tag: "é".repeat(60) }).ok).toBe(true);
    expect(parseCodingChange({ intent: "status", status: "retained", reason: "line one\nline two" }).ok).toBe(true);
  });

  it("takes the proposals named once each, and refuses none, a value that is no id, or too many", () => {
    const id = "0b4e8c9e-7c1f-4f7e-9a51-0c3e2f1d9a10";
    expect(parseProposalIds([id, id])).toEqual({ ok: true, value: [id] });
    expect(parseProposalIds([])).toEqual({ ok: false, problem: "no-proposal" });
    expect(parseProposalIds([id, "1 OR 1=1"])).toEqual({ ok: false, problem: "unknown-proposal" });
    const many = Array.from({ length: 501 }, (_, n) => `0b4e8c9e-7c1f-4f7e-9a51-${n.toString(16).padStart(12, "0")}`);
    expect(parseProposalIds(many)).toEqual({ ok: false, problem: "too-many" });
  });
});

describe("coding proposals", () => {
  it("sets a status with its reason, audited with who, when, before and after; setting it again changes nothing", async () => {
    const { ids } = await proposals();
    const [id] = ids as [string];
    const actor = await rapporteur();
    expect(await applyCoding(getDb(), actor, [id], change({ intent: "status", status: "not_retained", reason: "Outside the theme" }), { ip: "10.0.0.1", now: at(1) })).toEqual({ ok: true, changed: 1 });
    expect(await getDb().selectFrom("proposal").select(["status", "status_reason"]).where("id", "=", id).executeTakeFirst()).toEqual({ status: "not_retained", status_reason: "Outside the theme" });
    const [event] = await auditOf(id);
    expect(event).toMatchObject({ action: "proposal.status_changed", actor_user_id: actor.id, created_at: at(1).toISOString(), ip: "10.0.0.1" });
    expect(JSON.parse(event?.detail ?? "")).toEqual({ before: { status: "received", reason: null }, after: { status: "not_retained", reason: "Outside the theme" } });

    const before = await snapshot(ids);
    expect(await applyCoding(getDb(), actor, [id], change({ intent: "status", status: "not_retained", reason: "Outside the theme" }), { ip: null, now: at(2) })).toEqual({ ok: true, changed: 0 });
    expect(await snapshot(ids)).toEqual(before);
  });

  it("adds and removes free tags, unique per proposal whatever their case", async () => {
    const { ids } = await proposals();
    const [id] = ids as [string];
    const actor = await rapporteur();
    const apply = (fields: Record<string, string>, minute: number) => applyCoding(getDb(), actor, [id], change(fields), { ip: null, now: at(minute) });
    expect(await apply({ intent: "add-tag", tag: "Financing" }, 1)).toEqual({ ok: true, changed: 1 });
    expect(await apply({ intent: "add-tag", tag: " financing " }, 2)).toEqual({ ok: true, changed: 0 });
    expect(await apply({ intent: "add-tag", tag: "Données" }, 3)).toEqual({ ok: true, changed: 1 });
    expect(await tagsOf(getDb(), id)).toEqual(["Données", "Financing"]);
    expect(await apply({ intent: "remove-tag", tag: "FINANCING" }, 4)).toEqual({ ok: true, changed: 1 });
    expect(await apply({ intent: "remove-tag", tag: "absent" }, 5)).toEqual({ ok: true, changed: 0 });
    expect(await tagsOf(getDb(), id)).toEqual(["Données"]);
    const events = await auditOf(id);
    expect(events.map((event) => [event.action, JSON.parse(event.detail ?? "")])).toEqual([
      ["proposal.tag_added", { tag: "Financing", before: [], after: ["Financing"] }],
      ["proposal.tag_added", { tag: "Données", before: ["Financing"], after: ["Données", "Financing"] }],
      ["proposal.tag_removed", { tag: "Financing", before: ["Données", "Financing"], after: ["Données"] }],
    ]);
  });

  it("adds and removes the rapporteurs' codes; the author's codes stay whatever the rapporteurs do", async () => {
    const { ids } = await proposals();
    const [id] = ids as [string];
    const actor = await rapporteur();
    const codes = () => getDb().selectFrom("proposal_code").select(["scheme", "code", "source"]).where("proposal_id", "=", id).orderBy("scheme").orderBy("code").orderBy("source").execute();
    const apply = (fields: Record<string, string>, minute: number) => applyCoding(getDb(), actor, [id], change(fields), { ip: null, now: at(minute) });
    expect(await codes()).toEqual([
      { scheme: "gcm_objective", code: "gcm-01", source: "author" },
      { scheme: "support_modality", code: "training", source: "author" },
    ]);
    expect(await apply({ intent: "add-code", scheme: "capacity_gap", code: "financing" }, 1)).toEqual({ ok: true, changed: 1 });
    expect(await apply({ intent: "add-code", scheme: "capacity_gap", code: "financing" }, 2)).toEqual({ ok: true, changed: 0 });
    // The rapporteurs' own "gcm-01" beside the author's: removing it leaves the author's.
    expect(await apply({ intent: "add-code", scheme: "gcm_objective", code: "gcm-01" }, 3)).toEqual({ ok: true, changed: 1 });
    expect(await apply({ intent: "remove-code", scheme: "gcm_objective", code: "gcm-01" }, 4)).toEqual({ ok: true, changed: 1 });
    expect(await apply({ intent: "remove-code", scheme: "support_modality", code: "training" }, 5)).toEqual({ ok: true, changed: 0 });
    expect(await codes()).toEqual([
      { scheme: "capacity_gap", code: "financing", source: "rapporteur" },
      { scheme: "gcm_objective", code: "gcm-01", source: "author" },
      { scheme: "support_modality", code: "training", source: "author" },
    ]);
    const events = await auditOf(id);
    expect(events.map((event) => [event.action, JSON.parse(event.detail ?? "")])).toEqual([
      ["proposal.code_added", { scheme: "capacity_gap", code: "financing", before: [], after: ["financing"] }],
      ["proposal.code_added", { scheme: "gcm_objective", code: "gcm-01", before: [], after: ["gcm-01"] }],
      ["proposal.code_removed", { scheme: "gcm_objective", code: "gcm-01", before: ["gcm-01"], after: [] }],
    ]);
  });

  it("codes many proposals in one change, one audit event for each proposal it changed", async () => {
    const { ids } = await proposals();
    const actor = await rapporteur();
    const [first] = ids as [string];
    await applyCoding(getDb(), actor, [first], change({ intent: "add-tag", tag: "pooled funds" }), { ip: null, now: at(1) });
    expect(await applyCoding(getDb(), actor, ids, change({ intent: "add-tag", tag: "Pooled funds" }), { ip: null, now: at(2) })).toEqual({ ok: true, changed: 2 });
    for (const id of ids) expect((await tagsOf(getDb(), id)).map((tag) => tag.toLowerCase())).toEqual(["pooled funds"]);
    expect(await applyCoding(getDb(), actor, ids, change({ intent: "status", status: "under_review", reason: "" }), { ip: null, now: at(3) })).toEqual({ ok: true, changed: 3 });
    const events = await getDb().selectFrom("audit_event").select(["target_id", "action"]).where("target_type", "=", "proposal").where("target_id", "in", ids).where("created_at", ">=", at(2).toISOString()).execute();
    expect(events.filter((event) => event.action === "proposal.tag_added").map((event) => event.target_id).sort()).toEqual(ids.slice(1).sort());
    expect(events.filter((event) => event.action === "proposal.status_changed").map((event) => event.target_id).sort()).toEqual([...ids].sort());
  });

  it("refuses the whole change, and changes nothing, when one proposal is unknown, or merged for a status", async () => {
    const { ids } = await proposals();
    const actor = await rapporteur();
    const [first, second] = ids as [string, string];
    await getDb().updateTable("proposal").set({ status: "merged" }).where("id", "=", second).execute();
    const before = await snapshot(ids);
    expect(await applyCoding(getDb(), actor, [first, "0b4e8c9e-7c1f-4f7e-9a51-0c3e2f1d9a10"], change({ intent: "add-tag", tag: "lost" }), { ip: null })).toEqual({ ok: false, problem: "unknown-proposal" });
    expect(await applyCoding(getDb(), actor, [first, second], change({ intent: "status", status: "retained", reason: "" }), { ip: null })).toEqual({ ok: false, problem: "merged-proposal" });
    expect(await snapshot(ids)).toEqual(before);
    // A merged source keeps its tags and codes open to coding.
    expect(await applyCoding(getDb(), actor, [second], change({ intent: "add-tag", tag: "kept" }), { ip: null })).toEqual({ ok: true, changed: 1 });
  });

  it("codes a withdrawn proposal like any other, and its coding is kept", async () => {
    const { ids, as, revision, offers } = await proposals();
    const actor = await rapporteur();
    const [first] = ids as [string];
    await applyCoding(getDb(), actor, [first], change({ intent: "add-tag", tag: "before withdrawal" }), { ip: null, now: at(1) });
    expect(await reopenResponse(getDb(), as(at(2)))).toMatchObject({ ok: true });
    const stored = await getDb().selectFrom("response").select("data").where("id", "=", (await getDb().selectFrom("proposal").select("response_id").where("id", "=", first).executeTakeFirstOrThrow()).response_id ?? "").executeTakeFirstOrThrow();
    const kept = (JSON.parse(stored.data) as { offers: unknown[] }).offers.slice(1);
    expect(kept).toHaveLength(offers.length - 1);
    expect(await submitResponse(getDb(), { ...as(at(3)), answers: { ...MINIMAL_CAPACITY_ANSWERS, can_offer: true, offers: kept }, baseRevision: revision + 1, attribution: "attributable" })).toMatchObject({ ok: true });
    expect((await getDb().selectFrom("proposal").select("withdrawn_at").where("id", "=", first).executeTakeFirstOrThrow()).withdrawn_at).toBe(at(3).toISOString());
    expect(await applyCoding(getDb(), actor, [first], change({ intent: "status", status: "not_retained", reason: "Withdrawn by its author" }), { ip: null, now: at(4) })).toEqual({ ok: true, changed: 1 });
    expect(await tagsOf(getDb(), first)).toEqual(["before withdrawal"]);

    const history = await proposalHistory(getDb(), first);
    expect(history?.map((event) => [event.kind, event.at, event.actor])).toEqual([
      ["status", at(4).toISOString(), "Rafael Ortega"],
      ["withdrawn", at(3).toISOString(), null],
      ["amended", at(3).toISOString(), "María Fernanda López"],
      ["tag-added", at(1).toISOString(), "Rafael Ortega"],
      ["submitted", DURING.toISOString(), "María Fernanda López"],
    ]);
    expect(history?.[0]).toMatchObject({ before: { status: "received", reason: null }, after: { status: "not_retained", reason: "Withdrawn by its author" } });
    expect(history?.[3]).toMatchObject({ tag: "before withdrawal" });
  });

  it("gives a history with every kind of change, newest first, and none for an unknown proposal", async () => {
    const { ids } = await proposals();
    const [id] = ids as [string];
    const actor = await currentUserFor(demoEmail("admin"));
    await applyCoding(getDb(), actor, [id], change({ intent: "add-code", scheme: "governance_level", code: "regional" }), { ip: null, now: at(1) });
    await applyCoding(getDb(), actor, [id], change({ intent: "remove-code", scheme: "governance_level", code: "regional" }), { ip: null, now: at(2) });
    await applyCoding(getDb(), actor, [id], change({ intent: "add-tag", tag: "data" }), { ip: null, now: at(3) });
    await applyCoding(getDb(), actor, [id], change({ intent: "remove-tag", tag: "data" }), { ip: null, now: at(4) });
    const history = await proposalHistory(getDb(), id);
    expect(history).toEqual([
      { kind: "tag-removed", at: at(4).toISOString(), actor: "Amina Diallo", tag: "data" },
      { kind: "tag-added", at: at(3).toISOString(), actor: "Amina Diallo", tag: "data" },
      { kind: "code-removed", at: at(2).toISOString(), actor: "Amina Diallo", scheme: "governance_level", code: "regional" },
      { kind: "code-added", at: at(1).toISOString(), actor: "Amina Diallo", scheme: "governance_level", code: "regional" },
      { kind: "submitted", at: DURING.toISOString(), actor: "María Fernanda López" },
    ]);
    expect(await proposalHistory(getDb(), "0b4e8c9e-7c1f-4f7e-9a51-0c3e2f1d9a10")).toBeUndefined();
  });
});
