import type { Db } from "#db/connect.ts";
import { isoNow, newId } from "#app/features/ids.ts";

export interface AuditInput {
  action: string;
  actorUserId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  organisationId?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
  now?: Date;
}

/** Appends one event to the audit trail; call it inside the transaction of the change it records. */
export async function recordAudit(db: Db, input: AuditInput): Promise<void> {
  await db
    .insertInto("audit_event")
    .values({
      id: newId(),
      created_at: isoNow(input.now),
      action: input.action,
      actor_user_id: input.actorUserId ?? null,
      target_type: input.targetType ?? null,
      target_id: input.targetId ?? null,
      organisation_id: input.organisationId ?? null,
      ip: input.ip ?? null,
      detail: input.detail ? JSON.stringify(input.detail) : null,
    })
    .execute();
}
