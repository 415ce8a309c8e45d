/**
 * The calendar as the page draws it, computed from plain rows: which columns (masters and rooms for
 * a day, or seven days of one master), the time axis, where each block sits and which hours each
 * column's master or room does not work. Pure, so it is tested without a database; wall-clock
 * positions come from the time module (DST-correct).
 */
import type { IntervalSet } from "../../availability/intervals.ts";
import { addDays, instantToLocalMinutes, localDateOf, weekdayOf, type LocalDate } from "../../time/zone.ts";
import type { CalendarBlock, CalendarResource } from "./queries.ts";

export type CalendarView = "day" | "week";

export interface CalendarQuery {
  date: LocalDate;
  view: CalendarView;
  /** Show only this master or room (day view), or whose week to show (week view). */
  staffId: number | null;
}

export interface PlacedBlock extends CalendarBlock {
  /** Minutes from the axis start, and length in minutes, as drawn. */
  top: number;
  height: number;
  /** Started before this column's day (drawn from the top). */
  continued: boolean;
  /** Where it really ends on this day, in minutes (a short visit is drawn taller than it lasts). */
  endMinutes: number;
}

/** Local wall-clock minutes [from, to) of one date, 0–1440. */
export interface MinuteSpan {
  from: number;
  to: number;
}

export interface Column {
  key: string;
  date: LocalDate;
  resource: CalendarResource;
  /** Day view: the resource's name; week view: the date (and the master, when all are shown). */
  heading: { kind: "resource"; name: string } | { kind: "date"; date: LocalDate; name?: string; firstOfDay: boolean };
  blocks: PlacedBlock[];
  /** When the master or room does not work that date (drawn greyed), earliest first. */
  off: MinuteSpan[];
}

export interface CalendarModel {
  query: CalendarQuery;
  /** The local dates shown, first to last. */
  dates: LocalDate[];
  axis: { startMinutes: number; endMinutes: number };
  columns: Column[];
  /** The masters the filter offers (only the actor's own for a staff account). */
  masters: CalendarResource[];
  /** Rooms and equipment the filter offers too, for their own day or week (none for a staff account). */
  rooms: CalendarResource[];
}

export interface CalendarInput {
  query: CalendarQuery;
  zone: string;
  resources: CalendarResource[];
  blocks: CalendarBlock[];
  salonHours: Array<{ startMinutes: number; endMinutes: number }>;
  /** When each resource works, as instants (availability's workingHours); none listed: never. */
  working: ReadonlyMap<number, IntervalSet>;
  /** A staff account sees only this master. */
  onlyStaffId: number | null;
}

const DEFAULT_AXIS = { startMinutes: 9 * 60, endMinutes: 21 * 60 };

/** Monday of the ISO week a date is in. */
export const weekStart = (date: LocalDate): LocalDate => addDays(date, 1 - weekdayOf(date));

/** The local dates a query shows: one day, or Monday to Sunday. */
export function datesOf(query: CalendarQuery): LocalDate[] {
  if (query.view === "day") return [query.date];
  const monday = weekStart(query.date);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

export function buildCalendar(input: CalendarInput): CalendarModel {
  const { query, zone } = input;
  const masters = input.resources.filter((r) => r.kind === "staff" && (input.onlyStaffId === null || r.id === input.onlyStaffId));
  const dates = datesOf(query);
  const rooms = input.onlyStaffId === null ? input.resources.filter((r) => r.kind !== "staff") : [];
  const chosen = [...masters, ...rooms].find((m) => m.id === query.staffId) ?? null;
  const columns: Array<Omit<Column, "blocks" | "off">> =
    query.view === "week"
      ? // one master's week, or every master side by side within each day
        dates.flatMap((date) =>
          (chosen ? [chosen] : masters).map((master, i) => ({
            key: `${master.id}:${date}`,
            date,
            resource: master,
            heading: { kind: "date" as const, date, firstOfDay: i === 0, ...(chosen ? {} : { name: master.name }) },
          })),
        )
      : (chosen ? [chosen] : input.onlyStaffId === null ? input.resources : masters).map((resource) => ({
          key: `${resource.id}:${query.date}`,
          date: query.date,
          resource,
          heading: { kind: "resource" as const, name: resource.name },
        }));
  const working = columns.map((c) => (input.working.get(c.resource.id) ?? []).flatMap(([start, end]) => wallSpanOn(start, end, c.date, zone) ?? []));
  const placed = columns.map((column, i) => ({
    ...column,
    blocks: input.blocks.filter((b) => b.resourceId === column.resource.id).flatMap((b) => placeOn(b, column.date, zone)),
    off: outside(working[i]!),
  }));
  const workingHours = working.flat().map((s) => ({ startMinutes: s.from, endMinutes: s.to }));
  return { query, dates, axis: axisFor([...input.salonHours, ...workingHours], placed), columns: placed, masters, rooms };
}

/** The wall-clock span of [start, end) on one local date, or null when it does not touch that date. */
function wallSpanOn(start: number, end: number, date: LocalDate, zone: string): (MinuteSpan & { continued: boolean }) | null {
  const startDate = localDateOf(start, zone);
  if (date < startDate || date > localDateOf(end - 1, zone)) return null;
  const from = startDate === date ? instantToLocalMinutes(start, zone) : 0;
  const to = localDateOf(end, zone) === date ? instantToLocalMinutes(end, zone) : 1440;
  return { from, to, continued: startDate !== date };
}

/** A block as drawn on one local date, or nothing when it does not touch that date. */
function placeOn(block: CalendarBlock, date: LocalDate, zone: string): PlacedBlock[] {
  const span = wallSpanOn(block.startTs, block.endTs, date, zone);
  return span ? [{ ...block, top: span.from, height: Math.max(span.to - span.from, 15), continued: span.continued, endMinutes: span.to }] : [];
}

/** The minutes of the day [0, 1440) outside the given spans. */
function outside(spans: MinuteSpan[]): MinuteSpan[] {
  const off: MinuteSpan[] = [];
  let at = 0;
  for (const span of spans.toSorted((a, b) => a.from - b.from)) {
    if (span.from > at) off.push({ from: at, to: span.from });
    at = Math.max(at, span.to);
  }
  if (at < 1440) off.push({ from: at, to: 1440 });
  return off;
}

/** Whole hours covering the given hours and every block shown; 09–21 when nothing says otherwise. */
function axisFor(hours: CalendarInput["salonHours"], columns: Column[]): CalendarModel["axis"] {
  const spans = [...hours, ...columns.flatMap((c) => c.blocks.map((b) => ({ startMinutes: b.top, endMinutes: b.top + b.height })))];
  if (spans.length === 0) return DEFAULT_AXIS;
  const start = Math.min(...spans.map((s) => s.startMinutes));
  const end = Math.max(...spans.map((s) => s.endMinutes));
  return { startMinutes: Math.floor(start / 60) * 60, endMinutes: Math.min(1440, Math.ceil(end / 60) * 60) };
}

/** Blocks are positioned relative to the axis. */
export function relativeTo(axis: CalendarModel["axis"], block: PlacedBlock): { top: number; height: number } {
  return { top: block.top - axis.startMinutes, height: block.height };
}

/** The shortest gap worth offering a caller: shorter ones are not counted as free windows. */
const FREE_WINDOW_MINUTES = 30;

export interface DaySummary {
  visits: number;
  /** Gaps of at least half an hour in the masters' working hours. */
  freeWindows: number;
  /** What the day's visits bring, no-shows left out; null when there is none. */
  revenue: { minor: number; currency: string } | null;
}

/** A day's numbers for the administrator, from the masters' columns of that date. */
export function daySummary(model: CalendarModel, date: LocalDate): DaySummary {
  const columns = model.columns.filter((c) => c.date === date && c.resource.kind === "staff");
  const blocks = columns.flatMap((c) => c.blocks);
  const paid = blocks.filter((b) => b.status !== "no_show" && b.priceMinor !== null);
  const free = columns.flatMap((c) => outside([...c.off, ...c.blocks.map((b) => ({ from: b.top, to: b.top + b.height }))]));
  return {
    visits: new Set(blocks.map((b) => b.bookingId)).size,
    freeWindows: free.filter((s) => s.to - s.from >= FREE_WINDOW_MINUTES).length,
    revenue: paid.length > 0 ? { minor: paid.reduce((sum, b) => sum + (b.priceMinor ?? 0), 0), currency: paid[0]!.currency } : null,
  };
}
