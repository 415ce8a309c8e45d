/**
 * Exceptions: one local date that differs from the weekly hours, for a master, a resource or the
 * whole location — `closed` (the whole day, or only start..end) or `open_custom` (these hours instead).
 */
import { and, asc, count, eq, gte, isNull, lte, type SQL } from "drizzle-orm";
import { mayActInBranch, type Actor } from "../account/permissions.ts";
import { recordPublicChange } from "../business/data-version.ts";
import { checkIdsExist } from "../catalogue/references.ts";
import type { Reader } from "../db/database.ts";
import { AppError } from "../error/app-error.ts";
import { Problems } from "../error/problems.ts";
import { parseHHMM } from "../time/format.ts";
import { isValidLocalDate, type LocalDate } from "../time/zone.ts";
import { resolveLocation } from "../location/location.ts";
import type { ScheduleDeps } from "./schedule.ts";
import { exceptions, type EXCEPTION_TYPES } from "./schema.ts";
import { singleLine } from "../text/single-line.ts";

export type ExceptionRow = typeof exceptions.$inferSelect;

export interface ExceptionInput {
  date: LocalDate;
  type: (typeof EXCEPTION_TYPES)[number];
  /** "HH:MM": both or neither; `open_custom` needs both. */
  startTime?: string | null;
  endTime?: string | null;
  staffId?: number | null;
  resourceId?: number | null;
  note?: string | null;
  /** The branch (issue 17); may be left out while the salon has one. */
  locationId?: number | null;
}

export async function createException(deps: ScheduleDeps, actor: Actor, input: ExceptionInput): Promise<number> {
  const times = checkException(input);
  return deps.db.write(async (tx) => {
    if (input.staffId) await checkIdsExist(tx, "staff", [input.staffId], "staff_id");
    if (input.resourceId) await checkIdsExist(tx, "resource", [input.resourceId], "resource_id");
    const location = await resolveLocation(tx, input.locationId);
    if (!mayActInBranch(actor, location.id)) throw new AppError("NOT_FOUND", [{ key: "location.not_found", params: { id: location.id } }]);
    const [row] = await tx
      .insert(exceptions)
      .values({
        locationId: location.id,
        resourceId: input.staffId ?? input.resourceId ?? null,
        date: input.date,
        type: input.type,
        ...times,
        note: (input.note && singleLine(input.note)) || null,
      })
      .returning({ id: exceptions.id });
    await recordPublicChange(tx, { at: deps.clock.now(), actor: actor.label, userId: actor.userId, action: "exception.create", entity: "exception", entityId: row!.id, details: { ...input } });
    return row!.id;
  });
}

export async function deleteException(deps: ScheduleDeps, actor: Actor, id: number): Promise<void> {
  await deps.db.write(async (tx) => {
    const [gone] = await tx.delete(exceptions).where(eq(exceptions.id, id)).returning();
    if (!gone) throw new AppError("NOT_FOUND", [{ key: "exception.not_found", params: { id } }]);
    await recordPublicChange(tx, { at: deps.clock.now(), actor: actor.label, userId: actor.userId, action: "exception.delete", entity: "exception", entityId: id, details: { ...gone } });
  });
}

export interface ExceptionFilter {
  from?: LocalDate | undefined;
  to?: LocalDate | undefined;
  /** A master or resource; null = location-wide ones only; undefined = all. */
  resourceId?: number | null | undefined;
  /** One branch's; undefined = every branch's. */
  locationId?: number | undefined;
  id?: number;
  limit: number;
  offset: number;
}

export async function listExceptions(reader: Reader, f: ExceptionFilter): Promise<{ rows: ExceptionRow[]; total: number }> {
  const conditions: Array<SQL | undefined> = [
    f.id === undefined ? undefined : eq(exceptions.id, f.id),
    f.from ? gte(exceptions.date, f.from) : undefined,
    f.to ? lte(exceptions.date, f.to) : undefined,
    f.resourceId === undefined ? undefined : f.resourceId === null ? isNull(exceptions.resourceId) : eq(exceptions.resourceId, f.resourceId),
    f.locationId === undefined ? undefined : eq(exceptions.locationId, f.locationId),
  ];
  const where = and(...conditions);
  const [rows, [counted]] = await Promise.all([
    reader.select().from(exceptions).where(where).orderBy(asc(exceptions.date), asc(exceptions.id)).limit(f.limit).offset(f.offset),
    reader.select({ n: count() }).from(exceptions).where(where),
  ]);
  return { rows, total: counted?.n ?? 0 };
}

function checkException(input: ExceptionInput): { startMinutes: number | null; endMinutes: number | null } {
  const p = new Problems();
  p.check(isValidLocalDate(input.date), "date", "schedule.date_invalid");
  const hasStart = Boolean(input.startTime);
  const hasEnd = Boolean(input.endTime);
  const start = hasStart ? parseHHMM(input.startTime!) : null;
  const end = hasEnd ? parseHHMM(input.endTime!) : null;
  if (hasStart) p.check(start !== null && start < 1440, "start_time", "schedule.time_invalid");
  if (hasEnd) p.check(end !== null, "end_time", "schedule.time_invalid");
  if (hasStart !== hasEnd) p.check(false, hasStart ? "end_time" : "start_time", "exception.times_pair");
  if (input.type === "open_custom") p.check(hasStart && hasEnd, "start_time", "exception.custom_needs_times");
  if (start !== null && end !== null) p.check(end > start, "end_time", "schedule.end_before_start");
  p.check(!(input.staffId && input.resourceId), "resource_id", "exception.one_owner");
  if (input.note) p.check(input.note.length <= 500, "note", "exception.note_too_long");
  p.throwIfAny();
  return { startMinutes: start, endMinutes: end };
}
