import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { asc, eq } from "drizzle-orm";
import { makeHarness, T0, type Harness } from "../../test/harness.ts";
import { enqueueBookingEvent, scheduleReminders, voidBookingNotifications } from "./outbox.ts";
import { notifications } from "./schema.ts";
import { addBooking, addClient, configureChannels } from "./testing/fixtures.ts";

const HOUR = 3_600_000;
let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

const rows = () => h.db.orm.select().from(notifications).orderBy(asc(notifications.id));

async function book(startTs: number, client = {}, now = T0) {
  const clientId = await addClient(h.db, now, client);
  const bookingId = await addBooking(h.db, now, clientId, startTs);
  await h.db.write(async (tx) => {
    await enqueueBookingEvent(tx, { bookingId, clientId, event: "confirmed", now, manageUrl: "http://localhost/salon/my/1?t=x" });
    await scheduleReminders(tx, { bookingId, clientId, startTs, now });
  });
  return { bookingId, clientId };
}

describe("outbox", () => {
  test("a booking queues its confirmation now and one reminder per salon offset", async () => {
    const start = T0 + 27 * HOUR; // Tue 12:00 Moscow
    await book(start);
    const all = await rows();
    expect(all.map((r) => [r.event, r.channel, r.dueAt, r.status])).toEqual([
      ["confirmed", "email", T0, "pending"],
      ["reminder", "email", start - 24 * HOUR, "pending"],
      ["reminder", "email", start - 2 * HOUR, "pending"],
    ]);
    expect(all.every((r) => r.payload.manageUrl === "http://localhost/salon/my/1?t=x")).toBe(true);
  });

  test("channel: preference first, then Telegram → SMS → email, skipping opt-outs and unconfigured channels", async () => {
    await configureChannels(h.db, { smsruApiId: "key", telegramBotToken: "123:abc" });
    await book(T0 + 27 * HOUR, { telegramChatId: "42" });
    await book(T0 + 27 * HOUR, { telegramChatId: "42", optOut: ["telegram"] });
    await book(T0 + 27 * HOUR, { telegramChatId: "42", preferredChannel: "email" });
    await book(T0 + 27 * HOUR, { phone: null, email: null, telegramChatId: "42", optOut: ["all"] });
    const byBooking = (await rows()).filter((r) => r.event === "confirmed").map((r) => [r.bookingId, r.channel]);
    expect(byBooking).toEqual([
      [1, "telegram"],
      [2, "sms"],
      [3, "email"],
    ]);
  });

  test("reminders whose time has passed are not queued", async () => {
    await book(T0 + 3 * HOUR); // the 24 h reminder would have been due yesterday
    const reminders = (await rows()).filter((r) => r.event === "reminder");
    expect(reminders.map((r) => r.dueAt)).toEqual([T0 + HOUR]);
  });

  test("queuing the same event twice keeps one row", async () => {
    const start = T0 + 27 * HOUR;
    const { bookingId, clientId } = await book(start);
    await h.db.write(async (tx) => {
      await enqueueBookingEvent(tx, { bookingId, clientId, event: "confirmed", now: T0 + 5 });
      await scheduleReminders(tx, { bookingId, clientId, startTs: start, now: T0 + 5 });
    });
    expect((await rows()).length).toBe(3);
  });

  test("reschedule moves reminders; moving back revives the voided ones; a sent one is never revived", async () => {
    const first = T0 + 27 * HOUR;
    const second = first + 2 * HOUR;
    const { bookingId, clientId } = await book(first);
    await h.db.write((tx) => tx.update(notifications).set({ status: "sent" }).where(eq(notifications.dueAt, first - 24 * HOUR)));
    const reschedule = (startTs: number, now: number) =>
      h.db.write(async (tx) => {
        await voidBookingNotifications(tx, { bookingId, events: ["reminder"] });
        await scheduleReminders(tx, { bookingId, clientId, startTs, now });
        await enqueueBookingEvent(tx, { bookingId, clientId, event: "rescheduled", now });
      });
    await reschedule(second, T0 + 1);
    let live = (await rows()).filter((r) => r.event === "reminder" && r.status === "pending");
    expect(live.map((r) => r.dueAt)).toEqual([second - 24 * HOUR, second - 2 * HOUR]);
    await reschedule(first, T0 + 2);
    const reminders = (await rows()).filter((r) => r.event === "reminder");
    live = reminders.filter((r) => r.status === "pending");
    expect(live.map((r) => r.dueAt)).toEqual([first - 2 * HOUR]);
    expect(reminders.find((r) => r.dueAt === first - 24 * HOUR)?.status).toBe("sent");
    expect((await rows()).filter((r) => r.event === "rescheduled").length).toBe(2);
    // every pending row still knows the manage link, though the reschedule did not pass it
    expect(live.every((r) => r.payload.manageUrl?.startsWith("http://localhost/salon/my/1"))).toBe(true);
  });

  test("cancel voids everything pending and queues the cancellation", async () => {
    const { bookingId, clientId } = await book(T0 + 27 * HOUR);
    await h.db.write(async (tx) => {
      await voidBookingNotifications(tx, { bookingId });
      await enqueueBookingEvent(tx, { bookingId, clientId, event: "cancelled", now: T0 + 1 });
    });
    expect((await rows()).map((r) => [r.event, r.status])).toEqual([
      ["confirmed", "void"],
      ["reminder", "void"],
      ["reminder", "void"],
      ["cancelled", "pending"],
    ]);
  });

  test("SMS in quiet hours moves to the morning, or the evening before, or is dropped", async () => {
    await configureChannels(h.db, { smsruApiId: "key" }); // quiet 21:00–09:00 Moscow by default
    const night = T0 + 14 * HOUR; // Mon 23:00
    // Wed 12:00 visit: the 24 h reminder is Tue 12:00 (fine); the confirmation at 23:00 waits for Tue 09:00
    await book(T0 + 51 * HOUR, {}, night);
    // Tue 09:30 visit: its 2 h reminder (07:30) is quiet; 09:00 is still before the visit, so then
    await book(T0 + 24.5 * HOUR, {}, night);
    // Tue 08:00 visit booked at 23:00: nothing decent is left, nothing is queued
    await book(T0 + 23 * HOUR, {}, night);
    const all = (await rows()).map((r) => [r.bookingId, r.event, (r.dueAt - T0) / HOUR]);
    expect(all).toEqual([
      [1, "confirmed", 24],
      [1, "reminder", 27],
      [1, "reminder", 49],
      [2, "confirmed", 24],
      [2, "reminder", 24],
    ]);
  });
});
