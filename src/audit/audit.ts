import type { Tx } from "../db/database.ts";
import { auditLog } from "./schema.ts";

export interface AuditEntry {
  at: number;
  /** Who did it, readable in the log: "user:3", "api-token:7", "cli". */
  actor: string;
  userId?: number | null;
  /** What was done, "<entity>.<verb>": "service.create", "schedule.replace". */
  action: string;
  entity: string;
  entityId?: number | string | null;
  /** What changed (never secrets). */
  details?: Record<string, unknown>;
}

/** Records a staff action in the audit log, inside the transaction that made the change. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    at: entry.at,
    actor: entry.actor,
    userId: entry.userId ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    details: entry.details ?? null,
  });
}
