/**
 * Booking benchmark (prints, asserts nothing). Run: `bun bench/booking.ts`.
 *
 * 1. Reads: the salon page and the slot fragment of a demo salon, served by the real app on
 *    127.0.0.1, under load from a SECOND process (bench/load.ts), next to a static Bun.serve
 *    response of the same bytes and encoding measured in the same run, the two taking turns
 *    (BENCH_READ_ROUNDS, 3): req/s, p99, the ratio, and the server's CPU per request, medians of
 *    the turns.
 * 2. Writes: booking creation through POST /bookings from a SECOND process (bench/post-load.ts),
 *    32 in flight, over two lists of starts — distinct times (every request can succeed: the
 *    creation rate) and contended (every start on the grid: most requests race and get 409) —
 *    then a check that no two occupancy intervals of one resource overlap: created/s, p99,
 *    statements per booking, and the ratio to a raw-SQLite baseline measured in the same run —
 *    write transactions of the same statement count on prepared statements, straight through
 *    bun:sqlite (LocalClient's driver), no HTTP, no ORM, no engine.
 *    The server's CPU per request (this process's user + system time, its GC and SQLite included;
 *    that of its main thread alone, where requests run; and that of the JIT's compiler thread) is
 *    printed too: it barely moves with what else the machine runs. A warm-up run goes first (the
 *    JIT compiles the write path).
 * Bounded: every loop runs a fixed time or a fixed list, on loopback only.
 * `BENCH_PARTS=reads` or `BENCH_PARTS=writes` runs one half only; both by default.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import { Database as Native } from "bun:sqlite";
import { computeAvailability } from "../src/availability/availability.ts";
import { business } from "../src/business/schema.ts";
import { services } from "../src/catalogue/schema.ts";
import { loadConfig } from "../src/config/config.ts";
import { statementsRun } from "../src/db/local-client.ts";
import { createApp } from "../src/http/app.ts";
import { TenantConnections } from "../src/tenant/connections.ts";
import { Registry } from "../src/tenant/registry.ts";
import { createTenant } from "../src/tenant/tenant.ts";
import { systemClock } from "../src/time/clock.ts";
import { toIsoWithOffset } from "../src/time/format.ts";
import { addDays, localDateOf } from "../src/time/zone.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONCURRENCY = 32;
const PARTS = new Set((process.env.BENCH_PARTS ?? "reads,writes").split(","));
// Static/app turns per read measurement, sharing its BENCH_SECONDS (medians printed).
const READ_ROUNDS = Number(process.env.BENCH_READ_ROUNDS ?? 3);

const dataDir = mkdtempSync(join(tmpdir(), "zapis-bench-"));
const registry = await Registry.open(dataDir, systemClock.now());
const tenants = new TenantConnections(registry, dataDir, { maxOpen: 5, idleMs: 600_000 }, systemClock);
await createTenant({ registry, dataDir, clock: systemClock }, { slug: "salon", name: "Лотос", demo: true });
const { db } = (await tenants.get("salon"))!;
// the longest horizon a salon may set: room for a warm-up of its own weeks after both runs
await db.write((tx) => tx.update(business).set({ horizonDays: 730 }));
const app = createApp({
  config: loadConfig({ ZAPIS_DATA: dataDir }),
  clock: systemClock,
  registry,
  tenants,
  version: "bench",
  // The write benchmark is one client hammering one salon: lift the per-address limit for it.
  rateLimits: { capacity: 1e9, refillPerSecond: 1e9 },
});
// a loaded machine may keep a request waiting past Bun's 10 s idle default
const server = Bun.serve({ hostname: "127.0.0.1", port: 0, idleTimeout: 120, fetch: (request) => app.handle(request) });
const base = `http://127.0.0.1:${server.port}`;

/** A load run, with `cpu`: this process's CPU (user + system) per request, in µs — the server's cost. */
type LoadRun = { rps: number; p99: number; requests: number; errors: number; cpu: number };

async function load(url: string, seconds: number): Promise<LoadRun> {
  const cpu = process.cpuUsage();
  const child = Bun.spawn([process.execPath, join(import.meta.dir, "load.ts"), url, String(CONCURRENCY), String(seconds)], { stdout: "pipe", stderr: "inherit" });
  const out = await new Response(child.stdout).text();
  await child.exited;
  const used = process.cpuUsage(cpu);
  const run = JSON.parse(out.trim().split("\n").pop()!) as Omit<LoadRun, "cpu">;
  return { ...run, cpu: (used.user + used.system) / Math.max(1, run.requests) };
}

// What bench/load.ts asks for, as a browser does.
const ACCEPT_ENCODING = "gzip, deflate, br";

async function readBench(name: string, path: string): Promise<void> {
  // The static server answers with the app's own bytes as they go on the wire (compressed as
  // load.ts's fetch asks): the load process then decodes the same body from both, and the ratio
  // measures the server alone.
  const sample = await fetch(`${base}${path}`, { decompress: false, headers: { "accept-encoding": ACCEPT_ENCODING } });
  const wire = new Uint8Array(await sample.arrayBuffer());
  const encoding = sample.headers.get("content-encoding");
  const bytes = wire.byteLength;
  const headers = { "content-type": "text/html; charset=utf-8", ...(encoding ? { "content-encoding": encoding } : {}) };
  const fixed = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response(wire, { headers }) });
  // Static and app take turns, READ_ROUNDS times: on a shared machine the load others put on it
  // drifts within seconds, and one static run then one app run measured that drift as often as the app.
  const runs: { app: LoadRun; fixed: LoadRun }[] = [];
  for (let round = 0; round < READ_ROUNDS; round++) {
    const fixedRun = await load(`http://127.0.0.1:${fixed.port}/`, SECONDS / READ_ROUNDS);
    runs.push({ fixed: fixedRun, app: await load(`${base}${path}`, SECONDS / READ_ROUNDS) });
  }
  await fixed.stop(true);
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const [app, still] = [median(runs.map((r) => r.app.rps)), median(runs.map((r) => r.fixed.rps))];
  const [appP99, stillP99] = [median(runs.map((r) => r.app.p99)), median(runs.map((r) => r.fixed.p99))];
  const ratios = runs.map((r) => r.app.rps / r.fixed.rps).sort((a, b) => a - b);
  const errors = runs.reduce((n, r) => n + r.app.errors, 0);
  // Server CPU per request (this process serves both): what the app adds, however busy the machine.
  const [appCpu, stillCpu] = [median(runs.map((r) => r.app.cpu)), median(runs.map((r) => r.fixed.cpu))];
  console.log(
    `${name.padEnd(14)} ${String(bytes).padStart(6)} B ${(encoding ?? "plain").padEnd(5)} app ${String(app).padStart(6)} req/s p99 ${appP99.toFixed(2).padStart(6)} ms` +
      ` | static ${String(still).padStart(6)} req/s p99 ${stillP99.toFixed(2).padStart(6)} ms | ratio ${median([...ratios]).toFixed(2)}` +
      (READ_ROUNDS > 1 ? ` (rounds ${ratios.map((r) => r.toFixed(2)).join(" ")})` : "") +
      ` | server CPU/request app ${appCpu.toFixed(1)} µs, static ${stillCpu.toFixed(1)} µs` +
      (errors ? ` | ${errors} errors` : ""),
  );
}

const today = localDateOf(systemClock.now(), "Europe/Moscow");
if (PARTS.has("reads")) {
  console.log(`reads: ${CONCURRENCY} connections from a second process, ${SECONDS} s each, static and app in ${READ_ROUNDS} turns (medians)`);
  await readBench("salon page", "/salon");
  await readBench("slot fragment", `/salon/book/slots?s=3&m=any&d=${addDays(today, 1)}`);
}
if (!PARTS.has("writes")) await finish();

// Writes, in two runs over different weeks, each start asked once:
// - distinct times: starts a visit apart, as clients who each picked a free time from the page —
//   every request can succeed, so this is the rate bookings are CREATED at;
// - contended: every free start on the grid, so most requests race for a master another request
//   just took and get 409: this is the write path under conflict, and the overlap check's test.
const WEEKS = 28;
const [service] = await db.orm.select().from(services).where(eq(services.id, 3));
const VISIT_MS = (service!.bufferBeforeMinutes + service!.durationMinutes + service!.bufferAfterMinutes) * 60_000;
const startsOf = async (firstWeek: number, weeks = WEEKS): Promise<number[]> => {
  const out: number[] = [];
  for (let week = firstWeek; week < firstWeek + weeks; week++) {
    const { days } = await computeAvailability({ reader: db.orm, clock: systemClock }, { serviceIds: [3], staffId: "any", from: addDays(today, week * 7 + 1), days: 7 });
    out.push(...days.flatMap((d) => d.slots.map((s) => s.start)));
  }
  return out;
};
const apartOf = (starts: number[]): number[] => {
  const out: number[] = [];
  for (const start of starts) if (out.length === 0 || start >= out.at(-1)! + VISIT_MS) out.push(start);
  return out;
};
const apart = apartOf(await startsOf(0));
const contended = await startsOf(WEEKS);
// "Sustained" is after warm-up: the first requests also pay for the JIT compiling the write path
// on another thread, and it goes on tiering functions up for a while (measured in-process, JIT
// thread CPU per booking over successive 600-booking windows: 933, 367, 200, 100, 50 µs; its
// biggest late compiles, 20–115 ms each, are drizzle's query builder and the booking write). A
// warm-up run on the remaining weeks of the horizon (~1,700 bookings) goes first, printed apart.
const warmUp = apartOf(await startsOf(2 * WEEKS, 104 - 2 * WEEKS));

let phone = 0;
const bodyAt = (start: number) => ({
  service_id: 3,
  start_ts: toIsoWithOffset(start, "Europe/Moscow"),
  client: { name: `Bench ${phone}`, phone: `+7916${String(1_000_000 + (phone++ % 9_000_000))}` },
});
const bookingsUrl = `${base}/api/v1/businesses/salon/bookings`;

// What one created booking costs in statements, the whole request included.
const before = statementsRun;
const probe = await fetch(bookingsUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(bodyAt(apart.pop()!)) });
if (probe.status !== 201) throw new Error("the probe booking was not created");
const perBooking = statementsRun - before;

/**
 * CPU (µs) the JIT's compiler threads have used so far, from /proc (Linux; null elsewhere): of
 * the server's CPU beyond its main thread, what is compiling rather than collecting garbage.
 */
function jitCpu(): number | null {
  try {
    let ticks = 0;
    for (const task of readdirSync("/proc/self/task")) {
      const stat = readFileSync(`/proc/self/task/${task}/stat`, "utf8");
      if (!stat.includes("(JITWorker)")) continue;
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    }
    return ticks * 10_000; // clock ticks of 10 ms
  } catch {
    return null;
  }
}

/** Posts every start once from a second process (bench/post-load.ts): created/s, requests/s, p99, statuses. */
async function writeRun(name: string, starts: readonly number[]): Promise<number> {
  const file = join(dataDir, `${name.replaceAll(" ", "-")}.json`);
  await Bun.write(file, JSON.stringify(starts.map(bodyAt)));
  const [cpu, mainCpu, jit] = [process.cpuUsage(), process.threadCpuUsage(), jitCpu()];
  const child = Bun.spawn([process.execPath, join(import.meta.dir, "post-load.ts"), bookingsUrl, String(CONCURRENCY), file], { stdout: "pipe", stderr: "inherit" });
  const out = await new Response(child.stdout).text();
  await child.exited;
  const [used, mainUsed, jitUsed] = [process.cpuUsage(cpu), process.threadCpuUsage(mainCpu), jit === null ? null : jitCpu()! - jit];
  // the load generator's own CPU: with the server's, what the run took of the machine's cores
  const clientCpu = Number(child.resourceUsage()?.cpuTime.total ?? 0);
  const run = JSON.parse(out.trim().split("\n").pop()!) as { requests: number; seconds: number; statuses: Record<string, number>; p99: number };
  const created = (run.statuses["201"] ?? 0) / run.seconds;
  console.log(
    `${name.padEnd(15)} ${run.requests} POST /bookings in ${run.seconds.toFixed(2)} s: created ${Math.round(created)}/s, ` +
      `${Math.round(run.requests / run.seconds)} requests/s, p99 ${run.p99.toFixed(2)} ms; server CPU/request ${((used.user + used.system) / run.requests).toFixed(0)} µs ` +
      `(main thread ${((mainUsed.user + mainUsed.system) / run.requests).toFixed(0)} µs${jitUsed === null ? "" : `, JIT ${(jitUsed / run.requests).toFixed(0)} µs`}), load generator ${(clientCpu / run.requests).toFixed(0)} µs; ` +
      `statuses ${JSON.stringify(run.statuses)}`,
  );
  return created;
}

console.log(`writes: ${CONCURRENCY} in flight from a second process, every start asked once`);
await writeRun("warm-up", warmUp);
const createdPerSecond = await writeRun("distinct times", apart);
await writeRun("contended", contended);
const overlaps = await db.orm.get<{ n: number }>(sql`
  SELECT count(*) AS n FROM occupancy a JOIN occupancy b
    ON a.resource_id = b.resource_id AND a.id < b.id AND a.start_ts < b.end_ts AND b.start_ts < a.end_ts
   AND NOT (a.service_id = b.service_id AND a.session_ts = b.session_ts)`);
console.log(`overlapping occupancy pairs: ${overlaps?.n}`);
const baseline = rawTransactionsPerSecond(join(dataDir, "baseline.db"), perBooking);
console.log(
  `created: ${Math.round(createdPerSecond)} bookings/s (distinct times), ${perBooking} statements each | raw SQLite, ${perBooking} prepared statements a transaction: ` +
    `${Math.round(baseline)}/s | ratio ${(createdPerSecond / baseline).toFixed(2)}`,
);

/**
 * The floor under a booking: sequential write transactions of `statements` statements (BEGIN
 * IMMEDIATE and COMMIT included) with the app's pragmas, half indexed reads and half inserts.
 */
function rawTransactionsPerSecond(path: string, statements: number): number {
  const raw = new Native(path);
  raw.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER, c TEXT)");
  const insert = raw.prepare("INSERT INTO t (a, b, c) VALUES (?, ?, ?)");
  const read = raw.prepare("SELECT id, a, b, c FROM t WHERE id = ?");
  const [begin, commit] = [raw.prepare("BEGIN IMMEDIATE"), raw.prepare("COMMIT")];
  const body = Math.max(0, statements - 2);
  let transactions = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < 1_000) {
    begin.run();
    for (let k = 0; k < body; k++) {
      if (k % 2 === 0) insert.run(transactions, k, "bench");
      else read.values(transactions * body + k);
    }
    commit.run();
    transactions++;
  }
  const rate = transactions / ((performance.now() - t0) / 1000);
  raw.close();
  return rate;
}

await finish();

async function finish(): Promise<never> {
  await server.stop(true);
  tenants.closeAll();
  registry.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
}
