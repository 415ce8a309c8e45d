// Working and non-working hours in the admin calendar: the engine's own calendars (availability's
// workingHours) drawn as wall-clock spans per column — breaks, exceptions, time off, the location's
// hours, and a DST day. Demo salon (src/demo/demo.ts), here in Europe/Berlin: room 1 and the salon
// 09–21 daily; Анна (2) Mon–Fri 10–14, 15–20; Ольга (3) Tue–Sat; Мария (4) Mon, Wed, Fri–Sun 9–13, 14–18.
import { afterEach, beforeEach, expect, test } from "bun:test";
import type { Actor } from "../../account/permissions.ts";
import { workingHours } from "../../availability/availability.ts";
import { addTimeOff } from "../../schedule/time-off.ts";
import { makeHarness, type Harness } from "../../../test/harness.ts";
import { localToInstant } from "../../time/zone.ts";
import { buildCalendar, datesOf, type CalendarQuery, type MinuteSpan } from "./model.ts";
import { calendarResources } from "./queries.ts";
import { signedIn } from "../../session/test-browser.ts";

const ZONE = "Europe/Berlin";
const [ROOM, ANNA, OLGA, MARIA] = [1, 2, 3, 4];
const MONDAY = "2027-03-08";
const DST_SUNDAY = "2027-03-28"; // 02:00 → 03:00 in Berlin: a 23-hour day
const actor: Actor = { userId: null, role: "owner", staffId: null, label: "test" };

let h: Harness;
beforeEach(async () => {
  h = await makeHarness({ tenant: { timezone: ZONE } });
});
afterEach(() => h.close());

const hm = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
/** "HH:MM–HH:MM" spans, as a reader checks them. */
const spans = (list: MinuteSpan[]) => list.map((s) => `${fmt(s.from)}–${fmt(s.to)}`);
const fmt = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

async function calendar(query: CalendarQuery) {
  const dates = datesOf(query);
  const resources = await calendarResources(h.db.orm, 1);
  const working = await workingHours(h.db.orm, { from: dates[0]!, to: dates[dates.length - 1]!, resourceIds: resources.map((r) => r.id) });
  return buildCalendar({ query, zone: ZONE, resources, blocks: [], salonHours: [], working, onlyStaffId: null });
}

const offOf = (model: Awaited<ReturnType<typeof calendar>>, resourceId: number, date: string) =>
  spans(model.columns.find((c) => c.resource.id === resourceId && c.date === date)!.off);

async function exception(body: Record<string, unknown>) {
  expect((await h.api("POST", "/api/v1/businesses/salon/exceptions", body)).status).toBe(201);
}

test("a day with a break, exceptions, time off and shorter salon hours", async () => {
  // The salon closes at 19:00 that day; Анна is away 11–12 (a closed range) and 17:00–18:30 (time off);
  // Мария works 12–16 instead of her usual hours.
  await exception({ date: MONDAY, type: "open_custom", start_time: "09:00", end_time: "19:00" });
  await exception({ date: MONDAY, type: "closed", start_time: "11:00", end_time: "12:00", staff_id: ANNA });
  await exception({ date: MONDAY, type: "open_custom", start_time: "12:00", end_time: "16:00", staff_id: MARIA });
  await addTimeOff({ db: h.db, clock: h.clock }, actor, { resourceId: ANNA, startTs: localToInstant(MONDAY, hm("17:00"), ZONE, "compatible"), endTs: localToInstant(MONDAY, hm("18:30"), ZONE, "compatible") });

  const model = await calendar({ date: MONDAY, view: "day", staffId: null });
  expect(model.columns.map((c) => c.resource.id)).toEqual([ANNA, OLGA, MARIA, ROOM]);
  expect(offOf(model, ANNA, MONDAY)).toEqual(["00:00–10:00", "11:00–12:00", "14:00–15:00", "17:00–18:30", "19:00–24:00"]);
  expect(offOf(model, OLGA, MONDAY)).toEqual(["00:00–24:00"]); // not her day
  expect(offOf(model, MARIA, MONDAY)).toEqual(["00:00–12:00", "16:00–24:00"]);
  expect(offOf(model, ROOM, MONDAY)).toEqual(["00:00–09:00", "19:00–24:00"]);
  expect(model.axis).toEqual({ startMinutes: hm("09:00"), endMinutes: hm("19:00") });

  // The same day without the changes: only the weekly hours and their break.
  const plain = await calendar({ date: "2027-03-15", view: "day", staffId: null });
  expect(offOf(plain, ANNA, "2027-03-15")).toEqual(["00:00–10:00", "14:00–15:00", "20:00–24:00"]);
});

test("on the day clocks go forward the hours stay where the wall clock says", async () => {
  await addTimeOff({ db: h.db, clock: h.clock }, actor, { resourceId: MARIA, startTs: localToInstant(DST_SUNDAY, hm("10:00"), ZONE, "compatible"), endTs: localToInstant(DST_SUNDAY, hm("11:00"), ZONE, "compatible") });
  const week = await calendar({ date: DST_SUNDAY, view: "week", staffId: MARIA });
  expect(week.columns.map((c) => c.date)).toEqual(["2027-03-22", "2027-03-23", "2027-03-24", "2027-03-25", "2027-03-26", "2027-03-27", DST_SUNDAY]);
  expect(offOf(week, MARIA, DST_SUNDAY)).toEqual(["00:00–09:00", "10:00–11:00", "13:00–14:00", "18:00–24:00"]);
  expect(offOf(week, MARIA, "2027-03-27")).toEqual(["00:00–09:00", "13:00–14:00", "18:00–24:00"]);
  expect(offOf(week, MARIA, "2027-03-23")).toEqual(["00:00–24:00"]); // Tuesday: not her day
  const day = await calendar({ date: DST_SUNDAY, view: "day", staffId: null });
  expect(offOf(day, ROOM, DST_SUNDAY)).toEqual(["00:00–09:00", "21:00–24:00"]);
});

test("the calendar page greys the hours a master does not work", async () => {
  const owner = await signedIn(h, { email: "owner@salon.test", role: "owner" });
  const html = await (await owner.get(`/salon/admin?date=${MONDAY}&view=week&staff=${ANNA}`)).text();
  // 09–21 axis at 1.4 px a minute: Анна's Monday is greyed 09–10, 14–15 and 20–21.
  const monday = html.split(`class="cal-col"`)[1]!.split(`class="cal-col"`)[0]!;
  const greyed = [...monday.matchAll(/class="cal-off" aria-hidden="true" style="top:([\d.]+)px;height:([\d.]+)px"/g)].map((m) => [Number(m[1]), Number(m[2])]);
  expect(greyed).toEqual([[0, 84], [420, 84], [924, 84]]);
});
