/**
 * Weekly hours of a master, a resource or the location. A write gives a week that applies over a
 * period [valid_from, valid_to] (open-ended when absent) and replaces whatever applied in that period
 * only: hours before and after it stay, clipped — so next month's hours can be entered today.
 */
import { and, asc, eq, isNull } from "drizzle-orm";
import { mayActInBranch, type Actor } from "../account/permissions.ts";
import { recordPublicChange } from "../business/data-version.ts";
import { resources } from "../catalogue/schema.ts";
import type { Database, Reader, Tx } from "../db/database.ts";
import { notFound, validationError } from "../error/app-error.ts";
import { resolveLocation, worksIn } from "../location/location.ts";
import { Problems } from "../error/problems.ts";
import type { Clock } from "../time/clock.ts";
import { formatHHMM, parseHHMM } from "../time/format.ts";
import { addDays, isValidLocalDate, type LocalDate } from "../time/zone.ts";
import { schedules } from "./schema.ts";

export interface ScheduleDeps {
  db: Database;
  clock: Clock;
}

export interface DayRange {
  weekday: number;
  /** "HH:MM"; "24:00" may end a day. */
  start: string;
  end: string;
}

export interface WeekInput {
  week: DayRange[];
  validFrom?: LocalDate | null;
  validTo?: LocalDate | null;
  /** The branch these hours are for (issue 17); may be left out while the salon has one. */
  locationId?: number | null;
}

/** Whose hours: a master or resource id, or null for the location's opening hours. */
export type HoursOwner = number | null;

export async function replaceWeeklyHours(deps: ScheduleDeps, actor: Actor, owner: HoursOwner, input: WeekInput): Promise<void> {
  const ranges = checkWeek(input);
  const from = input.validFrom ?? null;
  const to = input.validTo ?? null;
  await deps.db.write(async (tx) => {
    const locationId = (await resolveLocation(tx, input.locationId)).id;
    if (!mayActInBranch(actor, locationId)) throw notFound("location.not_found", { id: locationId });
    if (owner !== null) await checkOwnerIn(tx, owner, locationId);
    const existing = await tx.select().from(schedules).where(and(eq(schedules.locationId, locationId), ownedBy(owner)));
    const kept = existing.flatMap((row) => outside(row, from, to));
    await tx.delete(schedules).where(and(eq(schedules.locationId, locationId), ownedBy(owner)));
    const rows = [
      ...kept.map(({ id: _id, ...row }) => row),
      ...ranges.map((r) => ({ locationId, resourceId: owner, ...r, validFrom: from, validTo: to })),
    ];
    if (rows.length > 0) await tx.insert(schedules).values(rows);
    await recordPublicChange(tx, {
      at: deps.clock.now(),
      actor: actor.label,
      userId: actor.userId,
      action: "schedule.replace",
      entity: owner === null ? "location" : "resource",
      entityId: owner,
      details: { week: input.week, valid_from: from, valid_to: to, location_id: locationId },
    });
  });
}

export interface HoursPeriod {
  locationId: number;
  validFrom: LocalDate | null;
  validTo: LocalDate | null;
  week: DayRange[];
}

/** The owner's hours as periods (in one branch, or every branch when not named), earliest first, each with its week sorted by day and time. */
export async function weeklyHours(reader: Reader, owner: HoursOwner, locationId?: number): Promise<HoursPeriod[]> {
  const rows = await reader
    .select()
    .from(schedules)
    .where(and(ownedBy(owner), locationId === undefined ? undefined : eq(schedules.locationId, locationId)))
    .orderBy(asc(schedules.locationId), asc(schedules.validFrom), asc(schedules.weekday), asc(schedules.startMinutes));
  const periods = Map.groupBy(rows, (r) => `${r.locationId}|${r.validFrom ?? ""}|${r.validTo ?? ""}`);
  return [...periods.values()].map((group) => ({
    locationId: group[0]!.locationId,
    validFrom: group[0]!.validFrom,
    validTo: group[0]!.validTo,
    week: group.map((r) => ({ weekday: r.weekday, start: formatHHMM(r.startMinutes), end: formatHHMM(r.endMinutes) })),
  }));
}

/** A master has hours only in a branch they work in; a room only in the branch it stands in. */
async function checkOwnerIn(tx: Tx, owner: number, locationId: number): Promise<void> {
  const [row] = await tx.select({ kind: resources.kind, locationId: resources.locationId }).from(resources).where(eq(resources.id, owner));
  if (!row) return;
  if (row.kind === "staff" && !(await worksIn(tx, owner, locationId))) {
    throw validationError([{ field: "location_id", key: "location.staff_not_here", params: { id: owner } }]);
  }
  if (row.kind !== "staff" && row.locationId !== locationId) throw validationError([{ field: "location_id", key: "location.resource_elsewhere" }]);
}

const ownedBy = (owner: HoursOwner) => (owner === null ? isNull(schedules.resourceId) : eq(schedules.resourceId, owner));

type ScheduleRow = typeof schedules.$inferSelect;

/** The parts of an existing row's validity outside [from, to] (null = unbounded): 0, 1 or 2 rows. */
function outside(row: ScheduleRow, from: LocalDate | null, to: LocalDate | null): ScheduleRow[] {
  const endsBefore = row.validTo !== null && from !== null && row.validTo < from;
  const startsAfter = row.validFrom !== null && to !== null && row.validFrom > to;
  if (endsBefore || startsAfter) return [row];
  const parts: ScheduleRow[] = [];
  if (from !== null && (row.validFrom === null || row.validFrom < from)) parts.push({ ...row, validTo: addDays(from, -1) });
  if (to !== null && (row.validTo === null || row.validTo > to)) parts.push({ ...row, validFrom: addDays(to, 1) });
  return parts;
}

/** Checks the week: each range well-formed and no two ranges of one weekday overlapping. */
function checkWeek(input: WeekInput): Array<{ weekday: number; startMinutes: number; endMinutes: number }> {
  const p = new Problems();
  const ranges = input.week.map((r, i) => {
    p.check(Number.isInteger(r.weekday) && r.weekday >= 1 && r.weekday <= 7, `week.${i}.weekday`, "schedule.weekday_invalid");
    const start = parseHHMM(r.start);
    const end = parseHHMM(r.end);
    p.check(start !== null && start < 1440, `week.${i}.start`, "schedule.time_invalid");
    if (p.check(end !== null, `week.${i}.end`, "schedule.time_invalid") && start !== null) {
      p.check(end! > start, `week.${i}.end`, "schedule.end_before_start");
    }
    return { index: i, weekday: r.weekday, startMinutes: start ?? 0, endMinutes: end ?? 0 };
  });
  for (const day of Map.groupBy(ranges, (r) => r.weekday).values()) {
    const sorted = [...day].sort((a, b) => a.startMinutes - b.startMinutes);
    sorted.forEach((r, k) => {
      const previous = sorted[k - 1];
      if (previous && r.startMinutes < previous.endMinutes) p.check(false, `week.${Math.max(r.index, previous.index)}`, "schedule.overlap");
    });
  }
  const { validFrom, validTo } = input;
  if (validFrom) p.check(isValidLocalDate(validFrom), "valid_from", "schedule.date_invalid");
  if (validTo) p.check(isValidLocalDate(validTo), "valid_to", "schedule.date_invalid");
  if (validFrom && validTo) p.check(validFrom <= validTo, "valid_to", "schedule.valid_range");
  p.throwIfAny();
  return ranges.map(({ weekday, startMinutes, endMinutes }) => ({ weekday, startMinutes, endMinutes }));
}
