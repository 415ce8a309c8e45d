// Issue 11 (found with item 3): a booking made with a stranger's phone mails its booker, and the
// opt-out link in that mail must silence the booker's address only, never the stored client's.
import { expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { T0 } from "../../test/harness.ts";
import { clients } from "../client/schema.ts";
import { deliverDue } from "./delivery.ts";
import { mailedSalon, readableMime } from "./testing/deps.ts";
import { addClient } from "./testing/fixtures.ts";

const BOOKINGS = "/api/v1/businesses/salon/bookings";
const PHONE = "+79161234567";
const VICTIM = "maria@real.example";
const ATTACKER = "attacker@evil.example";

const salon = mailedSalon((h) => addClient(h.db, T0, { name: "Мария Иванова", phone: PHONE, email: VICTIM }));

const anonymous = (start: string) =>
  salon.h.api("POST", BOOKINGS, { service_id: 1, start_ts: start, client: { name: "Someone", phone: PHONE, email: ATTACKER } }, { auth: false });
const byStaff = (start: string) => salon.h.api("POST", BOOKINGS, { service_id: 1, start_ts: start, client: { name: "Мария Иванова", phone: PHONE } });

/** Sends what is due and returns the recipients of the new mails with each mail's opt-out token. */
async function deliver(): Promise<Array<{ to: string; token: string }>> {
  const seen = salon.smtp.received.length;
  await deliverDue(salon.deps, { slug: salon.h.slug, db: salon.h.db });
  return salon.smtp.received.slice(seen).map((m) => ({ to: m.to[0]!, token: /\/salon\/unsubscribe\/([\w.-]+)"/.exec(readableMime(m.raw))![1]! }));
}
const optOut = async () => (await salon.h.db.orm.select({ optOut: clients.optOut }).from(clients).where(eq(clients.phone, PHONE)))[0]!.optOut;
const unsubscribe = (token: string) => salon.h.api("POST", `/api/v1/businesses/salon/unsubscribe/${token}`, undefined, { auth: false });

test("the booker's unsubscribe link silences the booker's address, and the real client's next message still goes out", async () => {
  expect((await anonymous("2027-03-01T10:00:00+03:00")).status).toBe(201);
  const [mail] = await deliver();
  expect(mail!.to).toBe(ATTACKER);

  expect((await unsubscribe(mail!.token)).status).toBe(200);
  expect(await optOut()).toEqual([]);

  expect((await byStaff("2027-03-01T12:00:00+03:00")).status).toBe(201);
  expect((await deliver()).map((m) => m.to)).toEqual([VICTIM]);

  // The booker asked for no more mail: their next booking under the same phone sends them none.
  expect((await anonymous("2027-03-02T10:00:00+03:00")).status).toBe(201);
  expect(await deliver()).toEqual([]);
});

test("the client's own link still turns e-mail off for the client; a token re-signed for another address is refused", async () => {
  expect((await byStaff("2027-03-01T12:00:00+03:00")).status).toBe(201);
  const [mail] = await deliver();
  expect(mail!.to).toBe(VICTIM);
  expect((await unsubscribe(mail!.token)).status).toBe(200);
  expect(await optOut()).toEqual(["email"]);

  // The client's id and channel with any other signature: not the client's, not a booker's.
  const [clientId, channel] = mail!.token.split(".");
  expect((await unsubscribe(`${clientId}.${channel}.${"A".repeat(22)}`)).status).toBe(404);
});
