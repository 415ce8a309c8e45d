// 10,000 due reminders across 100 tenants, drained by the real `notifications` job over real SMTP
// on loopback. Run twice: all salons healthy, then salon 0's own SMTP server hanging (it accepts
// connections and never greets). Prints the drain time of the healthy salons in both runs: the
// second must not be much slower, because a hung salon holds one worker, never the others.
//   bun bench/notification-drain.ts
import { count, eq, inArray } from "drizzle-orm";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../src/config/config.ts";
import { notificationsJob } from "../src/notification/job.ts";
import { scheduleReminders } from "../src/notification/outbox.ts";
import { notifications, notificationSettings } from "../src/notification/schema.ts";
import { bookings } from "../src/booking/schema.ts";
import { locations } from "../src/business/schema.ts";
import { clients } from "../src/client/schema.ts";
import { startSmtpFake } from "../src/notification/testing/fakes.ts";
import { TenantConnections } from "../src/tenant/connections.ts";
import { Registry } from "../src/tenant/registry.ts";
import { createTenant } from "../src/tenant/tenant.ts";
import { systemClock, type Clock } from "../src/time/clock.ts";

const TENANTS = 100;
const PER_TENANT = 100;
const HOUR = 3_600_000;

async function scenario(label: string, hungTenant: boolean): Promise<number> {
  const smtp = await startSmtpFake();
  const hung = await startSmtpFake({ hang: true });
  const dataDir = mkdtempSync(join(tmpdir(), "zapis-bench-"));
  const registry = await Registry.open(dataDir, systemClock.now());
  const tenants = new TenantConnections(registry, dataDir, { maxOpen: 200, idleMs: 600_000 }, systemClock);
  const t0 = systemClock.now();
  const seedStart = performance.now();
  for (let i = 0; i < TENANTS; i++) {
    const slug = `salon-${i}`;
    await createTenant({ registry, dataDir, clock: systemClock }, { slug, name: `Salon ${i}`, demo: true });
    const { db } = (await tenants.get(slug))!;
    if (i === 0 && hungTenant) await db.write((tx) => tx.update(notificationSettings).set({ smtpUrl: hung.url }).where(eq(notificationSettings.id, 1)));
    await db.write(async (tx) => {
      const [location] = await tx.select({ id: locations.id }).from(locations);
      for (let b = 0; b < PER_TENANT; b++) {
        const [client] = await tx.insert(clients).values({ name: `Client ${b}`, email: `c${b}@example.com`, createdAt: t0, updatedAt: t0 }).returning({ id: clients.id });
        const startTs = t0 + 5 * HOUR + b * 60_000;
        const [booking] = await tx
          .insert(bookings)
          .values({ locationId: location!.id, clientId: client!.id, status: "confirmed", source: "web", startTs, endTs: startTs + HOUR, currency: "RUB", createdAt: t0, updatedAt: t0 })
          .returning({ id: bookings.id });
        await scheduleReminders(tx, { bookingId: booking!.id, clientId: client!.id, startTs, offsetsMinutes: [150], now: t0 });
      }
    });
  }
  const seeded = (performance.now() - seedStart) / 1000;
  // 4.5 h later every reminder (due at start − 150 min = +2.5 h … +4.15 h) is due, no visit has begun
  const later: Clock = { now: () => systemClock.now() + 4.5 * HOUR };
  const config = loadConfig({ ZAPIS_DATA: dataDir, SMTP_URL: smtp.url, SMTP_FROM: "bench@example.com" });
  const runner = notificationsJob().start({ config, clock: later, registry, tenants });
  const healthy = Array.from({ length: TENANTS }, (_, i) => `salon-${i}`).filter((_, i) => !(i === 0 && hungTenant));
  const started = performance.now();
  void runner.run();
  // poll the healthy salons' outboxes until none has a row left to send
  for (;;) {
    let left = 0;
    for (const slug of healthy) {
      const { db } = (await tenants.get(slug))!;
      const [row] = await db.orm.select({ n: count() }).from(notifications).where(inArray(notifications.status, ["pending", "sending"]));
      left += row!.n;
    }
    if (left === 0) break;
    await Bun.sleep(50);
  }
  const drained = (performance.now() - started) / 1000;
  const sent = smtp.received.length;
  console.log(
    `${label}: seeded ${TENANTS * PER_TENANT} reminders in ${seeded.toFixed(1)} s; ${healthy.length} healthy salons drained in ${drained.toFixed(2)} s ` +
      `(${Math.round(sent / drained)} emails/s; SMTP received ${sent} messages, ${new Set(smtp.received.map((m) => m.raw.match(/Message-ID: (.*)/)?.[1])).size} distinct)`,
  );
  if (!hungTenant) {
    runner.close();
    tenants.closeAll();
    registry.close();
    await smtp.close();
  } // else the hung salon's sender still waits on its greeting timeouts: the process exits instead
  rmSync(dataDir, { recursive: true, force: true });
  return drained;
}

const base = await scenario("all 100 salons healthy        ", false);
const withHung = await scenario("salon 0's SMTP hangs (no greet)", true);
console.log(`healthy salons' drain time with one hung SMTP / without: ${(withHung / base).toFixed(2)}× (the hung salon holds 1 of 8 workers)`);
process.exit(0); // the hung salon's sender is still waiting on its greeting timeouts
