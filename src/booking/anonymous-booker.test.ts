// Issue 11 items 2 and 3: an anonymous booker learns nothing about the salon's client with the phone
// they typed, and what they send stays on their booking instead of rewriting that client.
import { afterEach, beforeEach, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { makeHarness, T0, type Harness } from "../../test/harness.ts";
import { clients } from "../client/schema.ts";
import { deliverDue } from "../notification/delivery.ts";
import { fakeDeliveryDeps, readableMime } from "../notification/testing/deps.ts";
import { startSmtpFake } from "../notification/testing/fakes.ts";
import { addClient } from "../notification/testing/fixtures.ts";

const PATH = "/api/v1/businesses/salon/bookings";
const KNOWN = "+79161234567";
const UNKNOWN = "+79167654321";

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
  // The salon's client: a name the salon knows her by, an e-mail nobody else should learn.
  await addClient(h.db, T0, { name: "Мария Иванова", phone: KNOWN, email: null });
});
afterEach(() => h.close());

const book = (phone: string, start: string, email?: string) =>
  h.api("POST", PATH, { service_id: 1, start_ts: start, client: { name: "Someone", phone, ...(email ? { email } : {}) } }, { auth: false });

/** Every key path of a JSON value: two answers with equal shapes have equal paths. */
const shape = (value: unknown, at = ""): string[] =>
  value !== null && typeof value === "object" ? Object.entries(value).flatMap(([k, v]) => [`${at}.${k}`, ...shape(v, `${at}.${k}`)]) : [];

test("the public answer carries only what was sent, the same for a known and an unknown phone", async () => {
  await h.db.write((tx) => tx.update(clients).set({ email: "maria@private.example" }).where(eq(clients.phone, KNOWN)));
  const known = await book(KNOWN, "2027-03-01T10:00:00+03:00");
  const unknown = await book(UNKNOWN, "2027-03-01T12:00:00+03:00");
  expect([known.status, unknown.status]).toEqual([201, 201]);
  const a = (await known.json()) as { booking: Record<string, unknown> };
  const b = (await unknown.json()) as { booking: Record<string, unknown> };
  expect(a.booking.client).toEqual({ name: "Someone", phone: KNOWN, email: null });
  expect(b.booking.client).toEqual({ name: "Someone", phone: UNKNOWN, email: null });
  expect(shape(a)).toEqual(shape(b));
  const text = JSON.stringify(a);
  expect(text).not.toContain("Мария");
  expect(text).not.toContain("maria@private.example");

  // The confirmation page the booker lands on says nothing of the stored client either.
  const page = await (await h.request(new URL(String(a.booking.manage_url)).pathname + new URL(String(a.booking.manage_url)).search + "&new=1")).text();
  expect(page).not.toContain("Мария");
  expect(page).not.toContain("maria@private.example");

  // Staff with a token still see the salon's client, and what the booker typed beside it.
  const staff = await h.api("GET", `${PATH}?status=confirmed`);
  const list = (await staff.json()) as { data: Array<{ client: { name: string }; contact: unknown }> };
  expect(list.data[0]!.client.name).toBe("Мария Иванова");
  expect(list.data[0]!.contact).toEqual({ name: "Someone", phone: KNOWN, email: null });
});

test("an anonymous e-mail stays on its booking: the client record is unchanged and only that booking's messages go there", async () => {
  const smtp = await startSmtpFake();
  const deps = fakeDeliveryDeps(h.clock, { smtp: smtp.url });
  try {
    expect((await book(KNOWN, "2027-03-01T10:00:00+03:00", "attacker@evil.example")).status).toBe(201);
    const [client] = await h.db.orm.select().from(clients).where(eq(clients.phone, KNOWN));
    expect(client).toMatchObject({ name: "Мария Иванова", email: null, consentAt: null });

    // Staff book the real client (the API with a token may update her record: she gave her e-mail at the desk).
    const staff = await h.api("POST", PATH, { service_id: 1, start_ts: "2027-03-01T12:00:00+03:00", client: { name: "Мария", phone: KNOWN, email: "maria@real.example" } });
    expect(staff.status).toBe(201);
    const [updated] = await h.db.orm.select().from(clients).where(eq(clients.phone, KNOWN));
    expect(updated!.email).toBe("maria@real.example");

    await deliverDue(deps, { slug: h.slug, db: h.db });
    const to = smtp.received.map((m) => m.to[0]).sort();
    expect(to).toEqual(["attacker@evil.example", "maria@real.example"]);
    // The attacker's message names the attacker's own booking and name, not the salon's client.
    const attackerMail = readableMime(smtp.received.find((m) => m.to[0] === "attacker@evil.example")!.raw);
    expect(attackerMail).toContain("Someone");
    expect(attackerMail).not.toContain("Мария");
  } finally {
    deps.close();
    await smtp.close();
  }
});
