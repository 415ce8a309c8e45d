// Issue 11 item 14: control characters typed into single-line fields by a salon or a client never
// reach the .ics (or anything else line-based): stripped at input, escaped in the calendar file.
import { afterEach, beforeEach, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { bookings } from "../booking/schema.ts";
import { services } from "../catalogue/schema.ts";
import { singleLine } from "./single-line.ts";

const API = "/api/v1/businesses/salon";
let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

test("singleLine: breaks and tabs become spaces, other control characters go, the ends are trimmed", () => {
  expect(singleLine(" Анна\rEND:VEVENT\r\nX\tY\u0000\u001b[31m\u007f\u0085Z\u2028 ")).toBe("Анна END:VEVENT  X Y[31m Z");
});

test("a bare CR in the salon's and the client's single-line text does not reach the .ics", async () => {
  expect((await h.api("PATCH", API, { name: "Лотос\rX-INJECTED:1", address: "Тверская\u0000, 1\r" })).status).toBe(200);
  expect((await h.api("PATCH", `${API}/services/1`, { title: "Стрижка\rEND:VEVENT\u001b" })).status).toBe(200);
  expect((await h.api("PATCH", `${API}/staff/2`, { name: "Анна\rATTENDEE:x" })).status).toBe(200);
  const res = await h.api("POST", `${API}/bookings`, { service_id: 1, staff_id: 2, start_ts: "2027-03-01T10:00:00+03:00", client: { name: "Вера\rBCC:x\u0007", phone: "+79161234567", email: "vera@example.com\r" } }, { auth: false });
  expect(res.status).toBe(201);
  const { booking } = (await res.json()) as { booking: { id: number; manage_url: string } };
  const [stored] = await h.db.orm.select({ name: bookings.contactName, email: bookings.contactEmail }).from(bookings).where(eq(bookings.id, booking.id));
  expect(stored).toEqual({ name: "Вера BCC:x", email: "vera@example.com" });
  const [service] = await h.db.orm.select({ title: services.title }).from(services).where(eq(services.id, 1));
  expect(service!.title).toBe("Стрижка END:VEVENT");

  const url = new URL(booking.manage_url);
  const ics = await (await h.request(`/salon/my/${booking.id}/ics${url.search}`)).text();
  expect(ics).not.toMatch(/\r(?!\n)|(?<!\r)\n/); // every line ends in CRLF, no bare CR or LF
  expect(ics).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
  const lines = ics.replace(/\r\n /g, "").split("\r\n");
  expect(lines.filter((l) => l === "END:VEVENT")).toHaveLength(1);
  expect(lines.some((l) => /^(X-INJECTED|ATTENDEE|BCC)/.test(l))).toBe(false);
  expect(lines.find((l) => l.startsWith("SUMMARY:"))).toBe("SUMMARY:Стрижка END:VEVENT — Лотос X-INJECTED:1");
});
