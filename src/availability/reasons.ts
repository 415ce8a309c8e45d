/**
 * Why the engine offers nothing: for one asked start (what a refused booking says) and for a day it
 * leaves empty (what the availability answer and the client's day strip say). Pure, over the
 * engine's own input, so the reason can never disagree with the answer.
 */
import type { ErrorCode, Problem } from "../error/app-error.ts";
import { instantToLocalMinutes, localDateOf, localDay, type LocalDay } from "../time/zone.ts";
import { openIntervals, workingIntervals } from "./calendar.ts";
import { findAvailability, horizonEnd } from "./engine.ts";
import type { AvailabilityInput, DayReason, DaySlots } from "./model.ts";

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;

/** A start refused for a reason of its own; `taken`: it is free by the hours, something occupies it. */
export type StartVerdict = { code: Exclude<ErrorCode, "SLOT_CONFLICT">; problem: Problem } | "taken";

/** Why `start` is not bookable, checked from the plainest reason to the most particular. */
export function whyNotAt(input: AvailabilityInput, start: number): StartVerdict {
  const { policy, zone } = input;
  const refuse = (code: Exclude<ErrorCode, "SLOT_CONFLICT">, key: Problem["key"], params?: Problem["params"]): StartVerdict => ({
    code,
    problem: { field: "start_ts", key, ...(params ? { params } : {}) },
  });
  if (start >= horizonEnd(input)) return refuse("BEYOND_HORIZON", "reason.beyond_horizon", { horizon: policy.horizonDays * DAY_MINUTES });
  if (start < input.now + policy.minNoticeMinutes * MINUTE_MS) return refuse("TOO_SOON", "reason.too_soon", { minutes: policy.minNoticeMinutes });
  const chosen = input.staffChoice;
  if (chosen !== "any" && input.services.some((s) => !s.roomsOnly && !s.staffIds.includes(chosen))) {
    return { code: "STAFF_NOT_QUALIFIED", problem: { field: "staff_id", key: "reason.staff_not_qualified" } };
  }
  if (instantToLocalMinutes(start, zone) % policy.slotStepMinutes !== 0) return refuse("NOT_ON_GRID", "reason.not_on_grid", { step: policy.slotStepMinutes });
  // With nothing occupied, would the hours allow it? Then a booking or a hold is in the way.
  const empty: AvailabilityInput = {
    ...input,
    fromDate: localDateOf(start, zone),
    days: 1,
    staff: input.staff.map((m) => ({ ...m, busy: [] })),
    resources: input.resources.map((r) => ({ ...r, busy: [] })),
    sessions: [],
  };
  const free = findAvailability(empty)[0]?.slots.some((s) => s.start === start) ?? false;
  return free ? "taken" : refuse("OUTSIDE_HOURS", "reason.outside_hours");
}

/** Each empty day of an answer with why it is empty; days with slots are left as they are. */
export function withReasons(input: AvailabilityInput, days: DaySlots[]): DaySlots[] {
  return days.map((d) => (d.slots.length > 0 ? d : { ...d, reason: dayReason(input, localDay(d.date, input.zone)) }));
}

function dayReason(input: AvailabilityInput, day: LocalDay): DayReason {
  const earliest = input.now + input.policy.minNoticeMinutes * MINUTE_MS;
  if (day.end <= earliest) return "past";
  if (day.start >= horizonEnd(input)) return "beyond_horizon";
  const locationOpen = openIntervals(input.location, [day]);
  if (locationOpen.length === 0) return "closed";
  // Who the visit needs: its masters, or for rooms-only services the rooms.
  const needed = input.services.every((s) => s.roomsOnly) ? input.resources : input.staff;
  const working = needed.map((p) => workingIntervals(locationOpen, p.calendar, [day]));
  if (working.some((spans) => spans.some(([, end]) => end > earliest))) return "fully_booked";
  // today, with the working hours already (nearly) over
  return working.some((spans) => spans.length > 0) ? "past" : "not_working";
}
