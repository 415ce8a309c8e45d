/** What the day strip and slot list show for a flow: one availability read over a page of days. */
import { availabilitySnapshot } from "../availability/availability.ts";
import type { DayReason, Slot } from "../availability/model.ts";
import type { Profile } from "../business/business.ts";
import type { Reader } from "../db/database.ts";
import type { Clock } from "../time/clock.ts";
import { addDays, localDateOf, type LocalDate } from "../time/zone.ts";
import type { Flow } from "./flow.ts";

/** Days per page of the strip: two weeks fit a phone in two rows of scrolling. */
export const STRIP_DAYS = 14;

export interface PickerData {
  strip: Array<{ date: LocalDate; free: boolean; reason?: DayReason | undefined }>;
  date: LocalDate;
  slots: Slot[];
  /** Why the chosen day offers nothing (absent when it has times). */
  reason?: DayReason | undefined;
  earlier: LocalDate | null;
  later: LocalDate | null;
  /** The picture holds until this instant (a hold expires, a start falls inside the notice, the date moves). */
  validUntil: number;
  /** Every slot of the strip's days, for "nearest free times". */
  all: Slot[];
}

const daysBetween = (from: LocalDate, to: LocalDate) => Temporal.PlainDate.from(from).until(Temporal.PlainDate.from(to)).days;

export async function pickerData(reader: Reader, clock: Clock, profile: Profile, flow: Flow): Promise<PickerData> {
  const today = localDateOf(clock.now(), profile.timezone);
  const horizon = profile.business.horizonDays;
  const asked = flow.date && daysBetween(today, flow.date) >= 0 && daysBetween(today, flow.date) < horizon ? flow.date : today;
  const first = addDays(today, Math.floor(daysBetween(today, asked) / STRIP_DAYS) * STRIP_DAYS);
  const days = Math.min(STRIP_DAYS, horizon - daysBetween(today, first));
  const snapshot = await availabilitySnapshot({ reader, clock }, { serviceIds: flow.serviceIds, staffId: flow.staffId, from: first, days, locationId: flow.locationId ?? null });
  const strip = snapshot.days.map((d) => ({ date: d.date, free: d.slots.length > 0, reason: d.reason }));
  // Without a day asked for, open the first day that has a free time.
  const date = flow.date === asked ? asked : (strip.find((d) => d.free)?.date ?? asked);
  const all = snapshot.days.flatMap((d) => d.slots);
  const firstStart = all[0]?.start ?? Infinity;
  return {
    strip,
    date,
    slots: snapshot.days.find((d) => d.date === date)?.slots ?? [],
    reason: strip.find((d) => d.date === date)?.reason,
    earlier: first > today ? addDays(first, -STRIP_DAYS) : null,
    later: daysBetween(today, first) + STRIP_DAYS < horizon ? addDays(first, STRIP_DAYS) : null,
    validUntil: Math.min(snapshot.validUntil, firstStart - snapshot.minNoticeMinutes * 60_000),
    all,
  };
}

/** The flow looking at the day of `start` (a time the client chose): after a conflict they stay on that day. */
export function onDayOf(flow: Flow, start: number, zone: string): Flow {
  return Number.isSafeInteger(start) && start > 0 ? { ...flow, date: localDateOf(start, zone) } : flow;
}

/** The free starts closest to a taken one (what a conflict offers instead), in time order. */
export function nearestSlots(all: Slot[], start: number, count = 6): Slot[] {
  return [...all]
    .sort((a, b) => Math.abs(a.start - start) - Math.abs(b.start - start))
    .slice(0, count)
    .sort((a, b) => a.start - b.start);
}
