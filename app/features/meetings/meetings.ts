import type { Db } from "#db/connect.ts";
import type { Meeting } from "#db/schema.ts";
import { recordAudit } from "#app/features/audit/audit.ts";
import type { CurrentUser } from "#app/features/auth/current-user.ts";
import { isoNow, newId } from "#app/features/ids.ts";

/** The meetings, the most recent first. */
export async function listMeetings(db: Db): Promise<Meeting[]> {
  return db.selectFrom("meeting").selectAll().orderBy("starts_on", "desc").execute();
}

export type MeetingInput = Omit<Meeting, "id" | "created_at" | "updated_at">;

export type MeetingResult = { ok: true; id: string } | { ok: false; reason: "slug-taken" | "not-found" };

/** Creates (no id) or updates a meeting, audited, in one transaction. */
export async function saveMeeting(db: Db, actor: CurrentUser, input: MeetingInput, context: { id?: string; ip: string | null; now?: Date }): Promise<MeetingResult> {
  const stamp = isoNow(context.now);
  return db.transaction().execute(async (trx): Promise<MeetingResult> => {
    let query = trx.selectFrom("meeting").select("id").where("slug", "=", input.slug);
    if (context.id) query = query.where("id", "!=", context.id);
    if (await query.executeTakeFirst()) return { ok: false, reason: "slug-taken" };
    const id = context.id ?? newId();
    if (context.id) {
      const updated = await trx.updateTable("meeting").set({ ...input, updated_at: stamp }).where("id", "=", id).executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return { ok: false, reason: "not-found" };
    } else {
      await trx.insertInto("meeting").values({ id, ...input, created_at: stamp, updated_at: stamp }).execute();
    }
    await recordAudit(trx, { action: context.id ? "meeting.updated" : "meeting.created", actorUserId: actor.id, targetType: "meeting", targetId: id, ip: context.ip, now: context.now });
    return { ok: true, id };
  });
}

export async function getMeeting(db: Db, id: string): Promise<Meeting | undefined> {
  return db.selectFrom("meeting").selectAll().where("id", "=", id).executeTakeFirst();
}
