// "Never twice, never lost": a sender killed mid-send, and two senders on one tenant database.
import { afterEach, beforeEach, expect, test } from "bun:test";
import { asc } from "drizzle-orm";
import { join } from "node:path";
import { makeHarness, T0, type Harness } from "../../test/harness.ts";
import { deliverDue, SENDS_AT_ONCE } from "./delivery.ts";
import { CLAIM_LEASE_MS, SEND_LEASE_MS, UNKNOWN_OUTCOME } from "./lease.ts";
import { enqueueBookingEvent } from "./outbox.ts";
import { notifications } from "./schema.ts";
import { fakeDeliveryDeps } from "./testing/deps.ts";
import { startSmsRuFake } from "./testing/fakes.ts";
import { addBooking, addClient, configureChannels } from "./testing/fixtures.ts";

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
  await configureChannels(h.db, { smsruApiId: "KEY" });
});
afterEach(() => h.close());

const phone = (i: number) => `+7999${String(i).padStart(7, "0")}`;

/** `n` bookings, each with its confirmation due now, to different phones. */
async function confirmations(n: number): Promise<void> {
  for (let i = 1; i <= n; i++) {
    const clientId = await addClient(h.db, T0, { phone: phone(i), email: null });
    const bookingId = await addBooking(h.db, T0, clientId, T0 + 27 * 3_600_000);
    await h.db.write((tx) => enqueueBookingEvent(tx, { bookingId, clientId, event: "confirmed", now: T0 }));
  }
}

/** A separate process draining the tenant at T0 (src/notification/testing/deliver-once.ts). */
const spawnSender = (smsRuUrl: string) =>
  Bun.spawn([process.execPath, join(import.meta.dir, "testing/deliver-once.ts"), join(h.dataDir, "salon/tenant.db"), smsRuUrl, String(T0)], {
    stdout: "pipe",
    stderr: "inherit",
  });

const rows = () => h.db.orm.select().from(notifications).orderBy(asc(notifications.id));

async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error("timed out waiting");
    await Bun.sleep(10);
  }
}

test("a sender killed during provider calls: what it handed over is never sent again, the rest is not lost", async () => {
  const handedOver = SENDS_AT_ONCE; // the sender has this many provider calls open at once
  const total = handedOver + 3;
  await confirmations(total);
  const sms = startSmsRuFake({ stall: (_r, n) => n <= handedOver }); // those hang inside SMS.ru
  const child = spawnSender(sms.url);
  await until(() => sms.received.length === handedOver);
  child.kill("SIGKILL");
  await child.exited;
  const started = (await rows()).map((r) => [r.status, r.sendStartedAt !== null]);
  expect(started.filter(([, s]) => s).length).toBe(handedOver); // handed to SMS.ru, answers never recorded
  expect(started.every(([status]) => status === "sending")).toBe(true); // the rest: claimed in the same batch, not started

  const deps = fakeDeliveryDeps(h.clock, { smsRu: sms.url });
  const restart = () => deliverDue(deps, { slug: h.slug, db: h.db });
  // restarted at once: the dead sender's leases still hold, nothing moves
  expect(await restart()).toMatchObject({ sent: 0, failed: 0 });
  // its claims expire: the unstarted ones are sent by the new process
  h.clock.set(T0 + CLAIM_LEASE_MS + 1);
  expect((await restart()).sent).toBe(total - handedOver);
  // its send leases expire: the started ones are settled as "unknown", NOT sent again
  h.clock.set(T0 + SEND_LEASE_MS + 1);
  await restart();
  h.clock.set(T0 + 10 * SEND_LEASE_MS);
  await restart();
  deps.close();
  await sms.close();

  const numbers = sms.received.map((r) => r.to);
  expect(numbers.length).toBe(total);
  expect(new Set(numbers).size).toBe(total); // every client exactly once
  const final = await rows();
  const failed = final.filter((r) => r.status === "failed");
  expect(failed.length).toBe(handedOver);
  expect(failed.every((r) => r.lastError === UNKNOWN_OUTCOME && r.attempts === 1)).toBe(true);
  expect(final.filter((r) => r.status === "sent").length).toBe(total - handedOver);
});

test("two sender processes on one tenant file send each notification exactly once", async () => {
  await confirmations(80);
  const sms = startSmsRuFake({ delayMs: 5 });
  const [a, b] = [spawnSender(sms.url), spawnSender(sms.url)];
  const reports = await Promise.all([a, b].map(async (p) => {
    await p.exited;
    return JSON.parse(await new Response(p.stdout).text()) as { sent: number; lost: number };
  }));
  await sms.close();

  expect(reports[0]!.sent + reports[1]!.sent).toBe(80);
  expect(reports.every((r) => r.sent > 0)).toBe(true); // both really took part
  const numbers = sms.received.map((r) => r.to);
  expect(numbers.length).toBe(80);
  expect(new Set(numbers).size).toBe(80);
  expect((await rows()).every((r) => r.status === "sent")).toBe(true);
});
