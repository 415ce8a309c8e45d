/**
 * Availability with branches (issue 17): the bench/availability.ts salon (10 masters, 3 rooms, 2,000
 * bookings over 30 days, one 60-minute service needing a room, any master) as ONE branch, and the
 * same salon as THREE branches in three zones (Moscow, Almaty, Vladivostok): each master works in two
 * of them on different weekdays, one room per branch, the bookings spread over the branches. A
 * branch's query reads its masters' occupancy from every branch (a master is never in two places).
 * Prints figures; asserts nothing.   bun bench/branches.ts
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bench, run, summary } from "mitata";
import { issueApiToken } from "../src/account/api-token.ts";
import { computeAvailability, prepareAvailability, type AvailabilityQuery } from "../src/availability/availability.ts";
import { findAvailability } from "../src/availability/engine.ts";
import { loadConfig } from "../src/config/config.ts";
import { createApp } from "../src/http/app.ts";
import { TenantConnections } from "../src/tenant/connections.ts";
import { Registry } from "../src/tenant/registry.ts";
import { createTenant } from "../src/tenant/tenant.ts";
import { manualClock } from "../src/time/clock.ts";
import { addDays, localToInstant } from "../src/time/zone.ts";

const FROM = "2027-03-02";
const DAYS = 30;
const MASTERS = 10;
const BOOKINGS = 2_000;
const MINUTE = 60_000;
const ZONES = ["Europe/Moscow", "Asia/Almaty", "Asia/Vladivostok"];

const dataDir = mkdtempSync(join(tmpdir(), "zapis-bench-branches-"));
const clock = manualClock(localToInstant(FROM, 7 * 60, ZONES[0]!, "compatible"));
const registry = await Registry.open(dataDir, clock.now());
const tenants = new TenantConnections(registry, dataDir, { maxOpen: 10, idleMs: 600_000 }, clock);

async function salon(slug: string, branches: number) {
  await createTenant({ registry, dataDir, clock }, { slug, name: slug, timezone: ZONES[0]! });
  const { db } = (await tenants.get(slug))!;
  const token = await issueApiToken(db, { name: "bench", role: "owner", now: clock.now() });
  const app = createApp({ config: loadConfig({ ZAPIS_DATA: dataDir }), clock, registry, tenants, version: "bench" });
  const api = async (method: string, path: string, body: unknown) => {
    const res = await app.handle(new Request(`http://localhost/api/v1/businesses/${slug}${path}`, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) }));
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: number };
  };
  const days = (list: number[], ranges: Array<[string, string]>) => list.flatMap((weekday) => ranges.map(([start, end]) => ({ weekday, start, end })));
  const every = [1, 2, 3, 4, 5, 6, 7];
  const locations = [1];
  for (let b = 1; b < branches; b++) locations.push((await api("POST", "/locations", { name: `Branch ${b + 1}`, timezone: ZONES[b]! })).id);
  const rooms: number[] = [];
  for (const [b, location] of locations.entries()) {
    await api("PUT", `/locations/${location}/hours`, { week: days(every, [["08:00", "21:00"]]) });
    rooms.push((await api("POST", "/resources", { name: `Room ${b + 1}`, kind: "room", location_id: location })).id);
  }
  if (branches === 1) for (let r = 1; r < 3; r++) rooms.push((await api("POST", "/resources", { name: `Room ${r + 1}`, kind: "room" })).id);
  const masters: number[] = [];
  for (let i = 0; i < MASTERS; i++) {
    // one branch: every day there; three: two branches each, split by weekday
    const here = branches === 1 ? [1] : [locations[i % branches]!, locations[(i + 1) % branches]!];
    const id = (await api("POST", "/staff", { name: `Master ${i + 1}`, location_ids: here })).id;
    for (const [k, location] of here.entries()) {
      const week = branches === 1 ? every : every.filter((d) => d % 2 === k);
      await api("PUT", `/staff/${id}/schedule`, { location_id: location, week: days(week, [["09:00", "13:00"], ["14:00", "20:00"]]) });
    }
    masters.push(id);
  }
  const service = (await api("POST", "/services", { title: "Cut", duration_minutes: 60, buffer_before: 10, buffer_after: 10, staff_ids: masters, resource_ids: rooms })).id;
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const statements: Array<{ sql: string; args: number[] }> = [];
  for (let b = 1; b <= BOOKINGS; b++) {
    const branch = b % branches;
    const start = localToInstant(addDays(FROM, Math.floor(random() * DAYS)), 9 * 60 + Math.floor(random() * 40) * 15, ZONES[branch]!, "compatible");
    statements.push({ sql: "INSERT INTO bookings (id, location_id, status, source, start_ts, end_ts, currency, created_at, updated_at) VALUES (?, ?, 'confirmed', 'api', ?, ?, 'RUB', 0, 0)", args: [b, locations[branch]!, start, start + 60 * MINUTE] });
    for (const resource of [masters[b % MASTERS]!, ...(b % 4 === 0 ? [rooms[branches === 1 ? b % 3 : branch]!] : [])]) {
      statements.push({ sql: "INSERT INTO occupancy (booking_id, resource_id, service_id, session_ts, start_ts, end_ts) VALUES (?, ?, ?, ?, ?, ?)", args: [b, resource, service, start, start - 10 * MINUTE, start + 70 * MINUTE] });
    }
  }
  await db.client.batch(statements, "write");
  return { db, service, locations };
}

const one = await salon("one", 1);
const three = await salon("three", 3);
const deps = (db: typeof one.db) => ({ reader: db.orm, clock });
const query = (service: number, locationId?: number): AvailabilityQuery => ({ serviceIds: [service], staffId: "any", from: FROM, days: DAYS, ...(locationId ? { locationId } : {}) });
const slotsOf = async (db: typeof one.db, q: AvailabilityQuery) => findAvailability((await prepareAvailability(deps(db), q)).input).reduce((n, d) => n + d.slots.length, 0);
console.log(`one branch: ${await slotsOf(one.db, query(one.service))} slots in ${DAYS} days, any master`);
for (const [i, id] of three.locations.entries()) console.log(`three branches, ${ZONES[i]}: ${await slotsOf(three.db, query(three.service, id))} slots`);

summary(() => {
  bench("one branch: load + engine", () => computeAvailability(deps(one.db), query(one.service)));
  for (const [i, id] of three.locations.entries()) bench(`three branches, ${ZONES[i]}: load + engine`, () => computeAvailability(deps(three.db), query(three.service, id)));
});
await run();

tenants.closeAll();
registry.close();
rmSync(dataDir, { recursive: true, force: true });
