/**
 * Pure rules that turn one YClients record into a booking's times, status and money: no database,
 * no clock (the caller passes "now" when it matters).
 */
import type { BookingStatus } from "../../booking/schema.ts";
import { localToInstant } from "../../time/zone.ts";
import type { YcRecord } from "./model.ts";

const MINUTE_MS = 60_000;
const DEFAULT_MINUTES = 60;

/** attendance 1 → completed, -1 → no_show, 2 → confirmed, 0 → pending; a deleted record is a cancelled one. */
export function statusOf(record: Pick<YcRecord, "attendance" | "deleted">): BookingStatus {
  if (record.deleted) return "cancelled";
  switch (record.attendance) {
    case 1:
      return "completed";
    case -1:
      return "no_show";
    case 2:
      return "confirmed";
    default:
      return "pending";
  }
}

/**
 * The visit's instants from its LOCAL wall time and the company's zone. The numeric offset YClients
 * prints is the company's configured one, wrong across DST (API.md §9.3), so it is never read. A
 * wall time inside a DST gap moves forward, as a wall clock would show it.
 */
export function visitTimes(record: Pick<YcRecord, "date" | "minutes" | "seconds">, zone: string, fallbackMinutes: number): { start: number; end: number } {
  const start = localToInstant(record.date, record.minutes, zone, "compatible");
  const minutes = record.seconds > 0 ? record.seconds / 60 : fallbackMinutes > 0 ? fallbackMinutes : DEFAULT_MINUTES;
  return { start, end: start + Math.max(1, Math.round(minutes)) * MINUTE_MS };
}

/**
 * Splits [start, end) among a record's services back to back, in proportion to each service's usual
 * length: a record only has its total length (edited by hand or not), not one per service. Edges fall
 * on whole minutes; the last service ends exactly at `end`.
 */
export function splitVisit(start: number, end: number, weights: readonly number[]): Array<{ start: number; end: number }> {
  const total = weights.reduce((sum, w) => sum + Math.max(0, w), 0);
  const share = (w: number) => (total > 0 ? Math.max(0, w) / total : 1 / weights.length);
  const minutes = (end - start) / MINUTE_MS;
  const parts: Array<{ start: number; end: number }> = [];
  let cumulative = 0;
  let from = start;
  weights.forEach((w, i) => {
    cumulative += share(w);
    const to = i === weights.length - 1 ? end : Math.max(from, start + Math.round(minutes * cumulative) * MINUTE_MS);
    parts.push({ start: from, end: to });
    from = to;
  });
  return parts;
}

/** What a record costs: the charged total, the discount given (list − charged), and what was paid. */
export function moneyOf(record: Pick<YcRecord, "services" | "paidFull">): { priceMinor: number; discountMinor: number; listMinor: number; paidMinor: number } {
  const priceMinor = record.services.reduce((sum, s) => sum + s.costMinor, 0);
  const listMinor = record.services.reduce((sum, s) => sum + s.listMinor, 0);
  return { priceMinor, listMinor, discountMinor: Math.max(0, listMinor - priceMinor), paidMinor: record.paidFull ? priceMinor : 0 };
}
