// A sleeping sender wakes for every new booking (issue 21): one committed while the sender is asking
// what is due next, one made through another instance on the same data folder, and one made through
// a connection this process reopened.
import { afterEach, expect, test } from "bun:test";
import type { InStatement } from "@libsql/client";
import { loadConfig } from "../config/config.ts";
import { makeHarness, type Harness, type HarnessOptions } from "../../test/harness.ts";
import { startSqld } from "../../test/sqld.ts";
import { TenantConnections } from "../tenant/connections.ts";
import { Registry } from "../tenant/registry.ts";
import { notificationsJob } from "./job.ts";
import { startSmtpFake, type FakeServer, type ReceivedMail } from "./testing/fakes.ts";

let h: Harness;
let smtp: FakeServer<ReceivedMail>;
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function setUp(tenant: HarnessOptions["tenant"] = {}): Promise<void> {
  smtp = await startSmtpFake();
  h = await makeHarness({ env: { SMTP_URL: smtp.url, SMTP_FROM: "Salon <salon@example.com>" }, tenant });
  cleanup.push(() => smtp.close(), () => h.close());
}

/** A new client books tomorrow at `hour` through the harness app's public API; the confirmation goes to `email`. */
async function book(email: string, hour: number): Promise<void> {
  const res = await h.api(
    "POST",
    `/api/v1/businesses/${h.slug}/bookings`,
    { service_id: 1, start_ts: `2027-03-02T${hour}:00:00+03:00`, client: { name: "Ирина", phone: `+791600000${hour}`, email } },
    { auth: false },
  );
  expect(res.status).toBe(201);
}

const slugs = (results: Array<{ slug: string }>) => results.map((r) => r.slug);
const recipients = () => smtp.received.map((m) => m.to.join());

test("a booking committed while the sender asks what is due next is sent on the next tick", async () => {
  await setUp();
  const runner = notificationsJob().start(h.deps);
  cleanup.push(() => runner.close());
  await book("first@example.com", 11);

  // After sending the first confirmation the sender asks for the salon's next due time; the second
  // booking commits after that query has read the outbox and before its answer is back, so the
  // answer knows only the first booking's reminders (due in two hours).
  const sql = (stmt: InStatement) => (typeof stmt === "string" ? stmt : stmt.sql);
  const execute = h.db.client.execute.bind(h.db.client);
  let booked: Promise<void> | null = null;
  h.db.client.execute = (async (stmt: InStatement) => {
    const answer = await execute(stmt);
    if (booked === null && sql(stmt).includes("min(case when")) {
      booked = book("second@example.com", 12);
      await booked;
    }
    return answer;
  }) as typeof h.db.client.execute;
  cleanup.push(() => (h.db.client.execute = execute));

  expect(slugs(await runner.run())).toEqual(["salon"]);
  expect(booked).not.toBeNull();
  expect(recipients()).toEqual(["first@example.com"]);
  h.clock.advance(5_000);
  expect(slugs(await runner.run())).toEqual(["salon"]);
  expect(recipients()).toEqual(["first@example.com", "second@example.com"]);
}, 30_000);

test("a booking through instance A is sent on B's next tick while B is the sender, with the salon open in B or not", async () => {
  await setUp();
  // instance B: its own registry handle, connections and sender over the same data folder
  const registry = await Registry.open(h.dataDir, h.clock.now());
  const tenants = new TenantConnections(registry, h.dataDir, { maxOpen: 50, idleMs: 60_000 }, h.clock);
  const config = loadConfig({ ZAPIS_DATA: h.dataDir, SMTP_URL: smtp.url, SMTP_FROM: "Salon <salon@example.com>" });
  const runner = notificationsJob().start({ config, clock: h.clock, registry, tenants });
  cleanup.push(() => registry.close(), () => tenants.closeAll(), () => runner.close());

  expect(slugs(await runner.run())).toEqual(["salon"]); // B looks once: nothing due, it sleeps
  h.clock.advance(5_000);
  expect(await runner.run()).toEqual([]);

  await book("through-a@example.com", 11); // A (the harness app) has no sender
  h.clock.advance(5_000);
  expect(slugs(await runner.run())).toEqual(["salon"]);
  expect(recipients()).toEqual(["through-a@example.com"]);

  // B closes the salon (idle); A keeps serving it and takes another booking
  h.clock.advance(5_000);
  expect(await runner.run()).toEqual([]);
  tenants.evict("salon");
  await book("b-closed@example.com", 12);
  h.clock.advance(5_000);
  expect(slugs(await runner.run())).toEqual(["salon"]);
  expect(recipients()).toEqual(["through-a@example.com", "b-closed@example.com"]);
}, 30_000);

test("a salon closed and reopened here counts its writes afresh: a booking on the new connection is sent (libSQL server)", async () => {
  const sqld = await startSqld();
  cleanup.push(() => sqld.stop());
  await setUp({ dbUrl: sqld.url });
  const runner = notificationsJob().start(h.deps);
  cleanup.push(() => runner.close());
  expect(slugs(await runner.run())).toEqual(["salon"]); // looked at: nothing due, it sleeps
  const seen = h.db.writes;

  h.deps.tenants.evict("salon"); // idle close; the booking reopens it
  await book("reopened@example.com", 11);
  const reopened = h.deps.tenants.peek("salon")!;
  expect(reopened).not.toBe(h.db);
  // the new connection's count reaches the one seen on the old connection: still a new write
  while (reopened.writes < seen) await reopened.write(async () => undefined);
  expect(reopened.writes).toBe(seen);
  h.clock.advance(5_000);
  expect(slugs(await runner.run())).toEqual(["salon"]);
  expect(recipients()).toEqual(["reopened@example.com"]);
}, 30_000);
