/**
 * Weekly hours read from YClients' dated work schedule. YClients keeps a calendar of dated shifts;
 * Zapis keeps a weekly pattern. For each master and weekday the pattern is the shift seen most often
 * on that weekday over the window (a date with no shift votes for a day off; a tie goes to the most
 * recent date). The salon's own hours, when it has none yet, span its masters' hours each weekday.
 */
import { and, eq, isNull } from "drizzle-orm";
import { bumpDataVersion } from "../../business/data-version.ts";
import { schedules } from "../../schedule/schema.ts";
import { addDays, weekdayOf, type LocalDate, type Weekday } from "../../time/zone.ts";
import { readerOf, sync, type Batch, type ImportContext } from "../context.ts";
import type { YcScheduleDay } from "./model.ts";

export interface WeeklyRange {
  weekday: Weekday;
  start: number;
  end: number;
}

/** Each master's weekly pattern over [from, to]; masters without a single dated shift get none. */
export function weeklyHours(days: YcScheduleDay[], from: LocalDate, to: LocalDate): Map<string, WeeklyRange[]> {
  const byStaff = Map.groupBy(days, (d) => d.staffId);
  const result = new Map<string, WeeklyRange[]>();
  for (const [staffId, own] of byStaff) {
    const shift = new Map(own.map((d) => [d.date, d.slots.map((s) => `${s.start}-${s.end}`).join(",")]));
    const week: WeeklyRange[] = [];
    for (let weekday = 1 as Weekday; weekday <= 7; weekday++) {
      const votes = new Map<string, { count: number; last: LocalDate }>();
      for (let date = from; date <= to; date = addDays(date, 1)) {
        if (weekdayOf(date) !== weekday) continue;
        const pattern = shift.get(date) ?? "";
        const vote = votes.get(pattern) ?? { count: 0, last: date };
        votes.set(pattern, { count: vote.count + 1, last: date });
      }
      const [winner] = [...votes].sort(([, a], [, b]) => b.count - a.count || (a.last < b.last ? 1 : -1));
      for (const range of winner?.[0] ? winner[0].split(",") : []) {
        const [start, end] = range.split("-").map(Number) as [number, number];
        week.push({ weekday, start, end });
      }
    }
    result.set(staffId, week);
  }
  return result;
}

/** From each weekday's earliest start to its latest end over the masters' patterns. */
export function salonHours(weeks: WeeklyRange[][]): WeeklyRange[] {
  const byDay = Map.groupBy(weeks.flat(), (r) => r.weekday);
  return [...byDay]
    .sort(([a], [b]) => a - b)
    .map(([weekday, ranges]) => ({ weekday, start: Math.min(...ranges.map((r) => r.start)), end: Math.max(...ranges.map((r) => r.end)) }));
}

/**
 * Replaces the open-ended weekly hours of a master (resourceId) or of the salon (null) with `week`.
 * Hours the salon set here before the first import are kept (and reported); hours an import wrote
 * are replaced when YClients changed them.
 */
export async function importHours(ctx: ImportContext, tx: Batch, externalId: string, resourceId: number | null, week: WeeklyRange[]): Promise<void> {
  const owner = resourceId === null ? isNull(schedules.resourceId) : eq(schedules.resourceId, resourceId);
  const openEnded = and(owner, eq(schedules.locationId, ctx.salon.locationId), isNull(schedules.validFrom), isNull(schedules.validTo));
  const reader = readerOf(ctx, tx);
  if (!(await ctx.links.get(reader, "hours", externalId))) {
    const [existing] = await reader.select({ id: schedules.id }).from(schedules).where(openEnded).limit(1);
    if (existing) {
      ctx.report.count("hours", "skipped");
      ctx.report.warn("hours_kept", externalId);
      return;
    }
  }
  const write = async (w: NonNullable<Batch>): Promise<number> => {
    await w.delete(schedules).where(openEnded);
    if (week.length > 0) {
      await w.insert(schedules).values(
        week.map((r) => ({ locationId: ctx.salon.locationId, resourceId, weekday: r.weekday, startMinutes: r.start, endMinutes: r.end })),
      );
    }
    await bumpDataVersion(w);
    return resourceId ?? ctx.salon.locationId;
  };
  await sync(ctx, tx, { entity: "hours", reportAs: "hours", externalId, values: week, create: write, update: async (w) => void (await write(w)) });
}
