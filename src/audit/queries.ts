import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { users } from "../account/schema.ts";
import type { Reader } from "../db/database.ts";
import { auditLog } from "./schema.ts";

export type AuditRow = typeof auditLog.$inferSelect & { userEmail: string | null };

export const AUDIT_PAGE = 100;

/** The newest entries (older than `before` when paging), optionally of one kind of thing. */
export async function listAudit(reader: Reader, filter: { entity: string | null; before: number | null }): Promise<AuditRow[]> {
  const conditions: SQL[] = [];
  if (filter.entity) conditions.push(eq(auditLog.entity, filter.entity));
  if (filter.before !== null) conditions.push(lt(auditLog.id, filter.before));
  const rows = await reader
    .select({ entry: auditLog, userEmail: users.email })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE);
  return rows.map((r) => ({ ...r.entry, userEmail: r.userEmail }));
}

export async function auditEntities(reader: Reader): Promise<string[]> {
  const rows = await reader.selectDistinct({ entity: auditLog.entity }).from(auditLog).orderBy(auditLog.entity);
  return rows.map((r) => r.entity);
}
