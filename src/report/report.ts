/**
 * The salon's numbers over a period, computed from plain rows so they are tested without a
 * database. Definitions (also shown on the page):
 * - bookings: visits starting in the period that were not cancelled; revenue: prices of completed ones;
 * - no-show rate: no-shows / (completed + no-shows) — of the visits that were due, how many were missed;
 * - cancellation rate: cancelled / every booking starting in the period;
 * - utilization of a master: minutes of their non-cancelled visits / their working minutes;
 * - new client: their first non-cancelled visit ever falls in the period; returning: an earlier one exists.
 */
import type { BookingStatus } from "../booking/schema.ts";
import { addDays, localDateOf, type LocalDate } from "../time/zone.ts";

export type Bucket = "day" | "week" | "month";

export interface ReportBooking {
  id: number;
  status: BookingStatus;
  startTs: number;
  priceMinor: number;
  clientId: number | null;
  /** Start of the client's first non-cancelled visit ever (null: none, or no client). */
  firstVisitTs: number | null;
}

export interface ReportPart {
  bookingId: number;
  staffId: number | null;
  serviceId: number;
  title: string;
  startTs: number;
  endTs: number;
  priceMinor: number;
}

export interface ReportInput {
  zone: string;
  from: number;
  to: number;
  bucket: Bucket;
  bookings: ReportBooking[];
  parts: ReportPart[];
  masters: Array<{ id: number; name: string; workingMinutes: number }>;
}

export interface SeriesPoint {
  /** The bucket's first local date. */
  date: LocalDate;
  bookings: number;
  completed: number;
  cancelled: number;
  noShows: number;
  revenueMinor: number;
}

export interface Report {
  series: SeriesPoint[];
  totals: Omit<SeriesPoint, "date"> & { all: number; noShowRate: number | null; cancellationRate: number | null };
  utilization: Array<{ staffId: number; name: string; bookedMinutes: number; workingMinutes: number; rate: number | null }>;
  clients: { new: number; returning: number };
  topServices: Array<{ serviceId: number; title: string; count: number; revenueMinor: number }>;
}

/** The first local date of the bucket a local date falls in (ISO weeks start on Monday). */
export function bucketOf(date: LocalDate, bucket: Bucket): LocalDate {
  if (bucket === "day") return date;
  if (bucket === "month") return `${date.slice(0, 7)}-01`;
  return addDays(date, 1 - Temporal.PlainDate.from(date).dayOfWeek);
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

export function buildReport(input: ReportInput): Report {
  const points = new Map<LocalDate, SeriesPoint>();
  const point = (ts: number) => {
    const date = bucketOf(localDateOf(ts, input.zone), input.bucket);
    let p = points.get(date);
    if (!p) points.set(date, (p = { date, bookings: 0, completed: 0, cancelled: 0, noShows: 0, revenueMinor: 0 }));
    return p;
  };
  // Every bucket of the period is shown, empty ones too, so a chart's gaps are real.
  const last = localDateOf(input.to - 1, input.zone);
  for (let d = localDateOf(input.from, input.zone); d <= last; d = addDays(d, 1)) {
    const date = bucketOf(d, input.bucket);
    if (!points.has(date)) points.set(date, { date, bookings: 0, completed: 0, cancelled: 0, noShows: 0, revenueMinor: 0 });
  }
  const live = new Set<number>();
  const newClients = new Set<number>();
  const returning = new Set<number>();
  for (const b of input.bookings) {
    const p = point(b.startTs);
    if (b.status === "cancelled") {
      p.cancelled++;
      continue;
    }
    live.add(b.id);
    p.bookings++;
    if (b.status === "completed") {
      p.completed++;
      p.revenueMinor += b.priceMinor;
    }
    if (b.status === "no_show") p.noShows++;
    if (b.clientId !== null) (b.firstVisitTs !== null && b.firstVisitTs < input.from ? returning : newClients).add(b.clientId);
  }
  const series = [...points.values()].sort((a, b) => a.date.localeCompare(b.date));
  const sum = (k: keyof Omit<SeriesPoint, "date">) => series.reduce((s, p) => s + p[k], 0);
  const totals = { bookings: sum("bookings"), completed: sum("completed"), cancelled: sum("cancelled"), noShows: sum("noShows"), revenueMinor: sum("revenueMinor") };

  const booked = new Map<number, number>();
  const services = new Map<number, Report["topServices"][number]>();
  const completed = new Set(input.bookings.filter((b) => b.status === "completed").map((b) => b.id));
  for (const part of input.parts) {
    if (!live.has(part.bookingId)) continue;
    if (part.staffId !== null) {
      const minutes = (Math.min(part.endTs, input.to) - Math.max(part.startTs, input.from)) / 60_000;
      if (minutes > 0) booked.set(part.staffId, (booked.get(part.staffId) ?? 0) + minutes);
    }
    const s = services.get(part.serviceId) ?? { serviceId: part.serviceId, title: part.title, count: 0, revenueMinor: 0 };
    s.count++;
    if (completed.has(part.bookingId)) s.revenueMinor += part.priceMinor;
    services.set(part.serviceId, s);
  }
  return {
    series,
    totals: {
      ...totals,
      all: totals.bookings + totals.cancelled,
      noShowRate: ratio(totals.noShows, totals.completed + totals.noShows),
      cancellationRate: ratio(totals.cancelled, totals.bookings + totals.cancelled),
    },
    utilization: input.masters.map((m) => {
      const bookedMinutes = booked.get(m.id) ?? 0;
      return { staffId: m.id, name: m.name, bookedMinutes, workingMinutes: m.workingMinutes, rate: ratio(bookedMinutes, m.workingMinutes) };
    }),
    clients: { new: newClients.size, returning: returning.size },
    topServices: [...services.values()].sort((a, b) => b.count - a.count || b.revenueMinor - a.revenueMinor).slice(0, 10),
  };
}
