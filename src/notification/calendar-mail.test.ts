// What a client's mailbox and calendar get when a visit is booked, moved and cancelled: real
// handlers for the changes, real SMTP for the mail, and the attached .ics read back from the MIME.
import { expect, test } from "bun:test";
import { T0 } from "../../test/harness.ts";
import { business, locations } from "../business/schema.ts";
import { deliverDue } from "./delivery.ts";
import { enqueueBookingEvent } from "./outbox.ts";
import { mailedSalon, readableMime } from "./testing/deps.ts";
import type { ReceivedMail } from "./testing/fakes.ts";
import { addBooking, addClient } from "./testing/fixtures.ts";

const PATH = "/api/v1/businesses/salon/bookings";
const salon = mailedSalon();

const deliver = () => deliverDue(salon.deps, { slug: salon.h.slug, db: salon.h.db });

/** The calendar attachment of a received mail: its MIME content type and its unfolded properties. */
function attachedIcs(mail: ReceivedMail): { contentType: string; props: Map<string, string>; raw: string } | null {
  const part = /Content-Type: (text\/calendar[^\r\n]*(?:\r\n[ \t][^\r\n]*)*)[\s\S]*?filename=booking\.ics\r\n\r\n([A-Za-z0-9+/=\r\n]+?)\r\n--/.exec(mail.raw);
  if (!part) return null;
  const raw = Buffer.from(part[2]!.replace(/\r\n/g, ""), "base64").toString("utf8");
  const props = new Map<string, string>();
  for (const line of raw.replace(/\r\n[ \t]/g, "").split("\r\n")) {
    const at = line.indexOf(":");
    if (at > 0 && !props.has(line.slice(0, at))) props.set(line.slice(0, at), line.slice(at + 1));
  }
  return { contentType: part[1]!.replace(/\r\n[ \t]/g, " "), props, raw };
}

test("a moved visit's mail carries the moved event with a higher SEQUENCE; a cancelled one the CANCEL of the same UID", async () => {
  const res = await salon.h.api("POST", PATH, { service_id: 1, start_ts: "2027-03-01T10:00:00+03:00", client: { name: "Вера", phone: "+79161234567", email: "vera@example.com" } }, { auth: false });
  expect(res.status).toBe(201);
  const { booking } = (await res.json()) as { booking: { id: number } };
  await deliver();
  const first = attachedIcs(salon.smtp.received[0]!)!;
  expect(first.props.get("METHOD")).toBe("PUBLISH");
  expect(first.props.get("STATUS")).toBe("CONFIRMED");
  const uid = first.props.get("UID")!;

  const moved = await salon.h.api("PATCH", `${PATH}/${booking.id}`, { start_ts: "2027-03-01T12:00:00+03:00" });
  expect(moved.status).toBe(200);
  await deliver();
  const second = attachedIcs(salon.smtp.received[1]!)!;
  expect(second.props.get("UID")).toBe(uid);
  expect(second.props.get("DTSTART")).toBe("20270301T090000Z");
  expect(Number(second.props.get("SEQUENCE"))).toBeGreaterThan(Number(first.props.get("SEQUENCE")));

  const cancelled = await salon.h.api("PATCH", `${PATH}/${booking.id}`, { status: "cancelled" });
  expect(cancelled.status).toBe(200);
  await deliver();
  expect(salon.smtp.received).toHaveLength(3);
  expect(readableMime(salon.smtp.received[2]!.raw)).toContain("Запись отменена");
  const third = attachedIcs(salon.smtp.received[2]!)!;
  expect(third.contentType).toContain("method=CANCEL");
  expect(third.props.get("METHOD")).toBe("CANCEL");
  expect(third.props.get("STATUS")).toBe("CANCELLED");
  expect(third.props.get("UID")).toBe(uid);
  expect(Number(third.props.get("SEQUENCE"))).toBeGreaterThan(Number(second.props.get("SEQUENCE")));
  expect(third.raw).not.toContain("VALARM");
});

test("a salon without a phone or an address gets no empty «Адрес:»/«Телефон:» lines, in its own templates too", async () => {
  await salon.h.db.write(async (tx) => {
    await tx.update(business).set({ phone: null });
    await tx.update(locations).set({ address: null });
  });
  const own = { event: "cancelled", channel: "email", locale: "ru", subject: "Отмена — {salon}", body: "{client_name}, запись отменена.\n\nТелефон салона: {salon_phone}\nАдрес: {address}\n\nДо встречи!" };
  expect((await salon.h.api("PATCH", "/api/v1/businesses/salon/notification-templates", { templates: [own] })).status).toBe(200);
  const clientId = await addClient(salon.h.db, T0);
  const bookingId = await addBooking(salon.h.db, T0, clientId, T0 + 27 * 3_600_000);
  await salon.h.db.write((tx) => enqueueBookingEvent(tx, { bookingId, clientId, event: "confirmed", now: T0, manageUrl: "http://localhost:3000/salon/my/1?t=x" }));
  await deliver();
  const cancel = await salon.h.api("PATCH", `${PATH}/${bookingId}`, { status: "cancelled" });
  expect(cancel.status).toBe(200);
  await deliver();
  const [confirmed, ownCancel] = salon.smtp.received.map((m) => readableMime(m.raw));
  expect(confirmed).toContain("Женская стрижка, мастер Анна Смирнова.\n\nПосмотреть, перенести или отменить запись:");
  expect(confirmed).not.toMatch(/Адрес:|Телефон:/);
  expect(ownCancel).toContain("Ирина, запись отменена.\n\nДо встречи!");
  expect(ownCancel).not.toMatch(/Адрес:|Телефон салона:/);
});

test("a visit in the hour DST repeats is written with its offset in the mail", async () => {
  await salon.h.db.write((tx) => tx.update(locations).set({ timezone: "Europe/Berlin" }));
  const clientId = await addClient(salon.h.db, T0);
  // 31 Oct 2027 in Berlin: 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET)
  const bookingId = await addBooking(salon.h.db, T0, clientId, Date.parse("2027-10-31T01:30:00Z"));
  await salon.h.db.write((tx) => enqueueBookingEvent(tx, { bookingId, clientId, event: "confirmed", now: T0, manageUrl: "http://localhost:3000/salon/my/1?t=x" }));
  await deliver();
  expect(readableMime(salon.smtp.received[0]!.raw)).toContain("ждём вас вс, 31 октября в 02:30 (GMT+1).");
});
