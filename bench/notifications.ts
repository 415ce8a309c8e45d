// How long a client waits for a confirmation under load (issue 21): 1,000 bookings across 100 salons,
// POSTed at random moments over WINDOW_MS to a real `zapis serve` child process while its
// notifications job runs, with cancellations of earlier bookings mixed in. A real SMTP server on
// loopback notes when it accepts each message. Prints p50/p99/max from each booking's POST (an upper
// bound on its commit) to the acceptance of its confirmation, and the same for cancellation notices.
// Bounded: after the last request it waits at most DRAIN_MS; whatever has not arrived by then is
// reported as missing (a lost wake-up sleeps up to ten minutes).
//   bun bench/notifications.ts
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { issueApiToken } from "../src/account/api-token.ts";
import { startSmtpFake, type ReceivedMail } from "../src/notification/testing/fakes.ts";
import { TenantConnections } from "../src/tenant/connections.ts";
import { Registry } from "../src/tenant/registry.ts";
import { createTenant } from "../src/tenant/tenant.ts";
import { systemClock } from "../src/time/clock.ts";
import { startServe } from "../test/serve.ts";

const TENANTS = 100;
const BOOKINGS = 1_000;
const CANCEL_SHARE = 0.2;
const WINDOW_MS = 120_000;
const DRAIN_MS = 60_000;

interface Booking {
  n: number;
  slug: string;
  email: string;
  postedAt: number;
  /** When the 201 came back: the commit lies between the two. */
  answeredAt: number;
  id?: number;
}

const smtp = await startSmtpFake();
const dataDir = mkdtempSync(join(tmpdir(), "zapis-bench-latency-"));
const seedStart = performance.now();
const tokens = new Map<string, string>();
{
  const registry = await Registry.open(dataDir, systemClock.now());
  const tenants = new TenantConnections(registry, dataDir, { maxOpen: TENANTS, idleMs: 600_000 }, systemClock);
  for (let i = 0; i < TENANTS; i++) {
    const slug = `salon-${i}`;
    await createTenant({ registry, dataDir, clock: systemClock }, { slug, name: `Salon ${i}`, demo: true });
    tokens.set(slug, await issueApiToken((await tenants.get(slug))!.db, { name: "bench", role: "owner", now: systemClock.now() }));
  }
  tenants.closeAll();
  registry.close();
}
console.log(`seeded ${TENANTS} demo salons in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

const serve = await startServe(dataDir, {
  SMTP_URL: smtp.url,
  SMTP_FROM: "bench@example.com",
  ZAPIS_PUBLIC_WRITE_BURST: "1000000",
  ZAPIS_PUBLIC_WRITES_PER_MINUTE: "1000000",
});
const api = (slug: string) => `${serve.url}/api/v1/businesses/${slug}`;

/** Each salon's free slots (first service, the next two weeks, one named master each), shuffled. */
async function slotsOf(slug: string) {
  const services = (await (await fetch(`${api(slug)}/services`)).json()) as { data: Array<{ id: number }> };
  const serviceId = services.data[0]!.id;
  const from = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  const answer = (await (await fetch(`${api(slug)}/availability?date=${from}&service_id=${serviceId}&days=14`)).json()) as {
    days: Array<{ slots: Array<{ start_ts: string; staff_ids: number[] }> }>;
  };
  const slots = answer.days.flatMap((d) => d.slots.flatMap((s) => s.staff_ids.map((staffId) => ({ serviceId, staffId, startTs: s.start_ts }))));
  return slots.sort(() => Math.random() - 0.5);
}
const slots = new Map<string, Awaited<ReturnType<typeof slotsOf>>>();
for (const slug of tokens.keys()) slots.set(slug, await slotsOf(slug));

// messages by recipient, indexed as they arrive (the bench shares the CPU with the server it measures)
const byRecipient = new Map<string, ReceivedMail[]>();
let indexed = 0;
function mailTo(email: string): ReceivedMail[] {
  for (; indexed < smtp.received.length; indexed++) {
    const mail = smtp.received[indexed]!;
    for (const to of mail.to) byRecipient.set(to, [...(byRecipient.get(to) ?? []), mail]);
  }
  return byRecipient.get(email) ?? [];
}
const failures: string[] = [];

/** fetch, tried again when a pooled keep-alive connection was closed under it (requests are idempotent here). */
async function request(url: string, init: RequestInit): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

async function book(b: Booking): Promise<void> {
  for (const slot of slots.get(b.slug)!.splice(0, 5)) {
    b.postedAt = Date.now();
    const response = await request(`${api(b.slug)}/bookings`, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": crypto.randomUUID() },
      body: JSON.stringify({
        service_id: slot.serviceId,
        staff_id: slot.staffId,
        start_ts: slot.startTs,
        client: { name: `Клиент ${b.n}`, phone: `+7900${String(1_000_000 + b.n)}`, email: b.email },
      }),
    });
    const json = (await response.json()) as { booking?: { id: number } };
    if (response.status === 201) {
      b.answeredAt = Date.now();
      b.id = json.booking!.id;
      return;
    }
    if (response.status !== 409) return void failures.push(`booking ${b.n}: ${response.status} ${JSON.stringify(json)}`);
  }
}

/** Cancels a booking once its confirmation is in (a client changing their mind a little later). */
async function cancel(b: Booking, cancelled: Map<Booking, number>): Promise<void> {
  while (mailTo(b.email).length === 0) await Bun.sleep(200);
  const at = Date.now();
  const response = await request(`${api(b.slug)}/bookings/${b.id}`, {
    method: "PATCH",
    headers: { "content-type": "application/json", authorization: `Bearer ${tokens.get(b.slug)}` },
    body: JSON.stringify({ status: "cancelled" }),
  });
  if (response.status === 200) cancelled.set(b, at);
  else failures.push(`cancel ${b.n}: ${response.status} ${await response.text()}`);
}

const all: Booking[] = Array.from({ length: BOOKINGS }, (_, n) => ({ n, slug: `salon-${n % TENANTS}`, email: `b${n}@bench.example`, postedAt: 0, answeredAt: 0 }));
const cancelled = new Map<Booking, number>();
// the machine's load from other work changes these figures a lot: print it beside them
const loadStart = loadavg()[0]!.toFixed(1);
const started = Date.now();
const requests: Promise<void>[] = [];
for (const b of all) {
  const offset = Math.random() * WINDOW_MS;
  requests.push(
    Bun.sleep(offset)
      .then(() => book(b))
      .then(async () => {
        if (b.id === undefined || Math.random() >= CANCEL_SHARE) return;
        await Bun.sleep(Math.random() * Math.max(0, WINDOW_MS - offset));
        await cancel(b, cancelled);
      })
      .catch((error) => void failures.push(`booking ${b.n}: ${error instanceof Error ? error.message : String(error)}`)),
  );
}
// cancellations wait for their confirmation: a lost one must not hold the bench past its bound
await Promise.race([Promise.all(requests), Bun.sleep(WINDOW_MS + DRAIN_MS)]);
const booked = all.filter((b) => b.id !== undefined);
const deadline = Date.now() + DRAIN_MS;
const arrived = () => booked.every((b) => mailTo(b.email).length >= (cancelled.has(b) ? 2 : 1));
while (!arrived() && Date.now() < deadline) await Bun.sleep(250);
const wallS = (Date.now() - started) / 1000;

function summary(label: string, latencies: number[], expected: number): string {
  const sorted = latencies.sort((a, b) => a - b);
  const at = (q: number) => ((sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN) / 1000).toFixed(2);
  const missing = expected - sorted.length;
  return `${label}: ${sorted.length}/${expected} measured; p50 ${at(0.5)} s, p99 ${at(0.99)} s, max ${at(1)} s${missing > 0 ? `; ${missing} NOT delivered within ${DRAIN_MS / 1000} s of the end` : ""}`;
}
const confirmations = booked.flatMap((b) => mailTo(b.email).slice(0, 1).map((m) => m.at - b.postedAt));
const cancellations = [...cancelled].flatMap(([b, at]) => mailTo(b.email).slice(1, 2).map((m) => m.at - at));
console.log(
  `${booked.length} bookings and ${cancelled.size} cancellations over ${TENANTS} salons in ${wallS.toFixed(0)} s (requests spread over ${WINDOW_MS / 1000} s); ` +
    `load average ${loadStart} at the start, ${loadavg()[0]!.toFixed(1)} at the end on ${availableParallelism()} cores`,
);
console.log(summary("confirmation, POST → SMTP accepted ", confirmations, booked.length));
console.log(summary("  of which the POST itself (→ 201)  ", booked.map((b) => b.answeredAt - b.postedAt), booked.length));
console.log(summary("  and 201 → SMTP accepted           ", booked.flatMap((b) => mailTo(b.email).slice(0, 1).map((m) => m.at - b.answeredAt)), booked.length));
console.log(summary("cancellation, PATCH → SMTP accepted", cancellations, cancelled.size));
if (failures.length > 0) console.log(`${failures.length} requests failed, e.g. ${failures.slice(0, 3).join("; ")}`);
if (serve.proc.exitCode !== null) console.log(`zapis serve exited early (${serve.proc.exitCode}): ${serve.output().slice(-2_000)}`);

await serve.stop();
await smtp.close();
rmSync(dataDir, { recursive: true, force: true });
process.exit(0); // cancellations still waiting on a confirmation that never came
