// The delivery job over many tenants: a tenant with nothing due is not opened on every tick, a
// booking written through this process wakes its tenant at once, and nothing waits past a minute.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { makeHarness, T0, type Harness } from "../../test/harness.ts";
import { createTenant } from "../tenant/tenant.ts";
import { notificationsJob } from "./job.ts";
import { enqueueBookingEvent } from "./outbox.ts";
import { startSmtpFake, type FakeServer, type ReceivedMail } from "./testing/fakes.ts";
import { addBooking, addClient } from "./testing/fixtures.ts";

let h: Harness;
let smtp: FakeServer<ReceivedMail>;
const HOUR = 3_600_000;

beforeAll(async () => {
  smtp = await startSmtpFake();
  h = await makeHarness({ env: { SMTP_URL: smtp.url, SMTP_FROM: "Salon <salon@example.com>" } });
  for (const slug of ["quiet-one", "quiet-two"]) {
    await createTenant({ registry: h.deps.registry, dataDir: h.dataDir, clock: h.clock }, { slug, name: slug, demo: true });
  }
});
afterAll(() => {
  h.close();
  smtp.close();
});

const ran = (results: Array<{ slug: string }>) => results.map((r) => r.slug).sort();

test("idle tenants sleep until something is due; a write here wakes its tenant; ten minutes bound the sleep", async () => {
  const runner = notificationsJob().start(h.deps);
  try {
    // first tick: every tenant is looked at once
    expect(ran(await runner.run())).toEqual(["quiet-one", "quiet-two", "salon"]);
    // nothing due anywhere: the next tick opens nobody
    h.clock.advance(5_000);
    expect(await runner.run()).toEqual([]);

    // a booking in "salon" queues its confirmation through this process's connection
    const clientId = await addClient(h.db, h.clock.now(), { name: "Ирина", email: "irina@example.com" });
    const bookingId = await addBooking(h.db, h.clock.now(), clientId, T0 + 27 * HOUR);
    await h.db.write((tx) => enqueueBookingEvent(tx, { bookingId, clientId, event: "confirmed", now: h.clock.now() }));
    h.clock.advance(5_000);
    expect(ran(await runner.run())).toEqual(["salon"]);
    expect(smtp.received.map((m) => m.to)).toEqual([["irina@example.com"]]);

    // the quiet tenants are looked at again after at most ten minutes (writes from other processes)
    h.clock.advance(9 * 60_000);
    expect(await runner.run()).toEqual([]);
    h.clock.advance(61_000);
    expect(ran(await runner.run())).toEqual(["quiet-one", "quiet-two", "salon"]);
  } finally {
    runner.close();
  }
});

test("after a restart, tenants are looked at 25 per tick rather than all at once; one written to here goes first", async () => {
  for (let i = 0; i < 60; i++) {
    await createTenant({ registry: h.deps.registry, dataDir: h.dataDir, clock: h.clock }, { slug: `many-${String(i).padStart(2, "0")}`, name: `Salon ${i}` });
  }
  const runner = notificationsJob().start(h.deps); // a new process: nothing known yet
  try {
    // "salon" was written to through this process (and is still open): it goes first, beside the
    // 25 the budget allows; the quiet two (which only the previous job opened, and closed again)
    // and the 60 never opened here follow 25 at a time
    const first = await runner.run();
    expect(first).toHaveLength(1 + 25);
    expect(ran(first)).toContain("salon");
    const seen = new Set(ran(first));
    for (const expected of [25, 12]) {
      h.clock.advance(5_000);
      const next = ran(await runner.run());
      expect(next).toHaveLength(expected);
      for (const slug of next) seen.add(slug);
    }
    expect(seen.size).toBe(63);
  } finally {
    runner.close();
  }
});
