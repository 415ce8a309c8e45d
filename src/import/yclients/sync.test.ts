// The scheduled YClients sync (issue 18) against the fake YClients API: only salons that keep
// syncing are pulled, at their interval, for the records changed since the last good run
// (changed_after, deleted included), through the record import; a failed run keeps the cursor.
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from "bun:test";
import { and, eq } from "drizzle-orm";
import { bookings } from "../../booking/schema.ts";
import { makeHarness, type Harness } from "../../../test/harness.ts";
import { readFixture, startFakeYClients, type FakeYClients } from "../../../test/fakes/yclients-server.ts";
import { exportTenant } from "../../tenant/export.ts";
import { yclientsSyncJob } from "../sync-job.ts";
import { importLinks, yclientsSync } from "../schema.ts";
import { keepSyncing } from "./sync.ts";

const NOW = Date.parse(readFixture<{ companies: Array<{ now_local: string }> }>("_expected.json").companies[0]!.now_local);
const MIN = 60_000;
const iso = (ts: number) => new Date(ts).toISOString();

let fake: FakeYClients;
let h: Harness;
beforeAll(() => {
  fake = startFakeYClients({ requestsPerSecond: 1000 });
});
afterAll(() => fake.stop());
beforeEach(async () => {
  h = await makeHarness({ now: NOW, tenant: { demo: false } });
  // nothing changed lately, except what a test touches
  for (const r of fake.data.records) r.last_change_date = "2024-01-01T00:00:00+0300";
  fake.requests.length = 0;
});
afterEach(() => h.close());

const touch = (index: number, at: number) => {
  const record = fake.data.records[index]!;
  record.last_change_date = iso(at);
  return String(record.id);
};
const imported = async (recordId: string) =>
  (await h.db.orm.select().from(importLinks).where(and(eq(importLinks.entity, "booking"), eq(importLinks.externalId, recordId)))).length === 1;
const asked = () => fake.requests.filter((r) => r.path.startsWith("/api/v1/records/")).map((r) => r.query.get("changed_after"));
const enable = () =>
  keepSyncing({ db: h.db, clock: h.clock }, { companyId: String(fake.companyId), baseUrl: fake.url, partnerToken: fake.partnerToken, userToken: fake.userToken, intervalMinutes: 30 }, NOW - 60 * MIN);

test("a salon that does not keep syncing is left alone", async () => {
  const runner = yclientsSyncJob().start(h.deps);
  expect((await runner.run()).map((r) => r.detail)).toEqual(["not configured"]);
  expect(fake.requests).toEqual([]);
  expect(await runner.run()).toEqual([]); // not looked at again before the default interval
});

test("pulls what changed since the cursor, every 30 minutes, and moves the cursor", async () => {
  await enable();
  const first = touch(0, NOW - 10 * MIN);
  const runner = yclientsSyncJob().start(h.deps);
  const [run] = await runner.run();
  expect(run).toMatchObject({ outcome: "ok" });
  expect(await imported(first)).toBe(true);
  expect(asked()).toEqual([iso(NOW - 65 * MIN)]); // the cursor, minus 5 minutes of overlap
  const [row] = await h.db.orm.select().from(yclientsSync);
  expect(row).toMatchObject({ cursorAt: NOW, lastRunAt: NOW });

  h.clock.advance(10 * MIN);
  expect(await runner.run()).toEqual([]); // not due yet
  h.clock.advance(20 * MIN);
  const second = touch(1, NOW + 15 * MIN);
  await runner.run();
  expect(await imported(second)).toBe(true);
  expect(asked()).toEqual([iso(NOW - 65 * MIN), iso(NOW - 5 * MIN)]);
});

test("a cancelled record (deleted in YClients) cancels the visit", async () => {
  await enable();
  const id = touch(0, NOW - 10 * MIN);
  const runner = yclientsSyncJob().start(h.deps);
  await runner.run();
  fake.data.records[0]!.deleted = true;
  touch(0, NOW + 20 * MIN);
  h.clock.advance(30 * MIN);
  await runner.run();
  const [link] = await h.db.orm.select().from(importLinks).where(and(eq(importLinks.entity, "booking"), eq(importLinks.externalId, id)));
  const [booking] = await h.db.orm.select().from(bookings).where(eq(bookings.id, link!.localId));
  expect(booking!.status).toBe("cancelled");
});

test("a failed run (a revoked token) keeps the cursor and is tried again after the interval; the tokens are not exported", async () => {
  await enable();
  await h.db.write((tx) => tx.update(yclientsSync).set({ userToken: "revoked-token" }));
  const runner = yclientsSyncJob().start(h.deps);
  const [failed] = await runner.run();
  expect(failed).toMatchObject({ outcome: "failed" });
  expect(failed!.detail).not.toContain("revoked-token");
  expect((await h.db.orm.select().from(yclientsSync))[0]).toMatchObject({ cursorAt: NOW - 60 * MIN, lastRunAt: NOW });
  expect((await runner.run()).map((r) => r.detail)).toEqual(["not due"]);
  await h.db.write((tx) => tx.update(yclientsSync).set({ userToken: fake.userToken }));
  h.clock.advance(30 * MIN);
  expect(await runner.run()).toMatchObject([{ outcome: "ok" }]);
  const exported = JSON.stringify(await exportTenant({ registry: h.deps.registry, dataDir: h.dataDir, clock: h.clock }, h.slug));
  expect(exported).not.toContain(fake.userToken);
  expect(exported).not.toContain(fake.partnerToken);
});
