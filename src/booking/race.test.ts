import { afterEach, expect, test } from "bun:test";
import { count } from "drizzle-orm";
import { join } from "node:path";
import { makeHarness, T0, type Harness } from "../../test/harness.ts";
import { raceWithSecondProcess } from "../../test/second-process.ts";
import { bookings, occupancy } from "./schema.ts";

let h: Harness;
afterEach(() => h.close());

test("two processes on one data folder race for one slot: exactly one booking in total", async () => {
  h = await makeHarness();
  const payload = { service_id: 1, start_ts: "2027-03-01T10:00:00+03:00", client: { name: "Other process", phone: "+79160000001" } };
  const statuses = await raceWithSecondProcess(join(import.meta.dir, "testing/race-worker.ts"), [h.dataDir, h.slug, "60", JSON.stringify(payload), String(T0)], async () => {
    const here = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        h.api("POST", "/api/v1/businesses/salon/bookings", { ...payload, client: { name: `This process ${i}`, phone: "+79160000002" } }, { auth: false }),
      ),
    );
    return here.map((r) => r.status);
  });
  expect(statuses).toHaveLength(120);
  expect(statuses.filter((s) => s === 201)).toHaveLength(1);
  expect(statuses.filter((s) => s === 409)).toHaveLength(119);
  expect((await h.db.orm.select({ n: count() }).from(bookings))[0]!.n).toBe(1);
  expect((await h.db.orm.select({ n: count() }).from(occupancy))[0]!.n).toBe(1);
}, 30_000);
