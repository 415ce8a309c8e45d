/**
 * Bookings per second and their p99 with 1 and 2 `zapis serve` instances on ONE sqld (issue 19):
 * the registry and every salon on the libSQL server, as docs/operations.md runs it.
 *
 *   bun bench/scale.ts [concurrency=16] [seconds=10]
 *
 * Each run gets a fresh demo salon and books distinct, non-overlapping slots of its masters (every
 * answer should be a 201), `concurrency` requests in flight, spread round-robin over the instances.
 * Prints one JSON line per run: {instances, bookings, other, seconds, bookings_per_s, p50, p99}.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServe, zapis, type ServeProcess } from "../test/serve.ts";
import { startSqld } from "../test/sqld.ts";

const concurrency = Number(process.argv[2] ?? 16);
const seconds = Number(process.argv[3] ?? 10);

interface Slot {
  serviceId: number;
  staffId: number;
  startTs: string;
}

/** Slots of every master over the next 60 days, two hours apart per master: none conflicts with another. */
async function distinctSlots(api: string): Promise<Slot[]> {
  const services = (await (await fetch(`${api}/services`)).json()) as { data: Array<{ id: number }> };
  const serviceId = services.data[0]!.id;
  const from = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const availability = (await (await fetch(`${api}/availability?date=${from}&service_id=${serviceId}&days=60`)).json()) as {
    days: Array<{ slots: Array<{ start_ts: string; staff_ids: number[] }> }>;
  };
  const lastByStaff = new Map<number, number>();
  const slots: Slot[] = [];
  for (const slot of availability.days.flatMap((d) => d.slots)) {
    const at = Date.parse(slot.start_ts);
    for (const staffId of slot.staff_ids) {
      if (at - (lastByStaff.get(staffId) ?? Number.NEGATIVE_INFINITY) < 2 * 3_600_000) continue;
      lastByStaff.set(staffId, at);
      slots.push({ serviceId, staffId, startTs: slot.start_ts });
    }
  }
  return slots;
}

async function run(instances: number, env: Record<string, string>, cliData: string, dir: string): Promise<void> {
  const slug = `bench-${instances}`;
  const created = zapis(cliData, ["tenant", "create", slug, "--name", "Bench", "--demo"], env);
  if (created.code !== 0) throw new Error(created.stderr);
  const servers: ServeProcess[] = await Promise.all(Array.from({ length: instances }, (_, i) => startServe(join(dir, `serve-${instances}-${i}`), env)));
  try {
    const apis = servers.map((s) => `${s.url}/api/v1/businesses/${slug}`);
    const slots = await distinctSlots(apis[0]!);
    const latencies: number[] = [];
    let booked = 0;
    let other = 0;
    let next = 0;
    const started = performance.now();
    const deadline = started + seconds * 1000;
    const worker = async () => {
      while (next < slots.length && performance.now() < deadline) {
        const n = next++;
        const slot = slots[n]!;
        const t0 = performance.now();
        const response = await fetch(`${apis[n % apis.length]}/bookings`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            service_id: slot.serviceId,
            staff_id: slot.staffId,
            start_ts: slot.startTs,
            client: { name: `Клиент ${n}`, phone: `+7901${String(1_000_000 + n).slice(1).padStart(7, "0")}` },
          }),
        });
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (response.status === 201) booked++;
        else other++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((x, y) => x - y);
    const pct = (p: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0) * 10) / 10;
    console.log(JSON.stringify({ instances, bookings: booked, other, seconds: Math.round(elapsed * 100) / 100, bookings_per_s: Math.round(booked / elapsed), p50: pct(0.5), p99: pct(0.99) }));
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

const dir = mkdtempSync(join(tmpdir(), "zapis-bench-scale-"));
const sqld = await startSqld({ auth: true, namespaces: true });
try {
  await fetch(`${sqld.adminUrl}/v1/namespaces/registry/create`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  const env = {
    ZAPIS_REGISTRY_URL: `http://registry.localhost:${sqld.port}`,
    ZAPIS_REGISTRY_TOKEN: sqld.token!,
    ZAPIS_TENANT_DB_URL: `http://{slug}.localhost:${sqld.port}`,
    ZAPIS_TENANT_DB_TOKEN: sqld.token!,
    ZAPIS_TENANT_ADMIN_URL: sqld.adminUrl!,
    ZAPIS_PUBLIC_WRITE_BURST: "1000000",
    ZAPIS_PUBLIC_WRITES_PER_MINUTE: "1000000",
  };
  for (const instances of [1, 2]) await run(instances, env, join(dir, "cli"), dir);
} finally {
  await sqld.stop();
  rmSync(dir, { recursive: true, force: true });
}
