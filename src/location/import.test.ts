// YClients import into a chosen branch (issue 17): `--location <id>` puts the company, its masters,
// hours and visits into that branch and leaves the salon's own profile alone; `--location new`
// makes one branch per company of a network, and a second run reuses it.
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from "bun:test";
import { count, eq, ne } from "drizzle-orm";
import { bookings } from "../booking/schema.ts";
import { business, locations } from "../business/schema.ts";
import { resources } from "../catalogue/schema.ts";
import { schedules } from "../schedule/schema.ts";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { readFixture, startFakeYClients, type FakeYClients } from "../../test/fakes/yclients-server.ts";
import { YClientsApi } from "../import/yclients/api.ts";
import { branchForCompany } from "../import/yclients/company.ts";
import { importFromYClients } from "../import/yclients/import.ts";
import { YClientsSource } from "../import/yclients/source.ts";
import { staffLocations } from "./schema.ts";

const expected = readFixture<{ companies: Array<{ now_local: string; records_window: { start_date: string; end_date: string } }> }>("_expected.json").companies[0]!;
const NOW = Date.parse(expected.now_local);
let fake: FakeYClients;
let h: Harness;

beforeAll(() => {
  fake = startFakeYClients({ requestsPerSecond: 1000 });
});
afterAll(() => fake.stop());
beforeEach(async () => {
  h = await makeHarness({ now: NOW, tenant: { demo: false } });
});
afterEach(() => h.close());

const run = (locationId: number | undefined) => {
  const api = new YClientsApi({ baseUrl: fake.url, partnerToken: fake.partnerToken, userToken: fake.userToken, requestsPerSecond: 1000, backoffMs: 1 });
  return importFromYClients(
    { db: h.db, clock: h.clock },
    { tenant: h.slug, source: new YClientsSource(api, String(fake.companyId), 100), from: expected.records_window.start_date, to: expected.records_window.end_date, dryRun: false, reminders: false, locationId },
  );
};

test("--location <id>: the company becomes that branch; the salon's profile and primary branch stay as they were", async () => {
  const res = await h.api("POST", "/api/v1/businesses/salon/locations", { name: "Второй", timezone: "Asia/Almaty" });
  const branch = ((await res.json()) as { id: number }).id;
  await expect(run(undefined)).rejects.toMatchObject({ code: "VALIDATION_ERROR" }); // two branches: name one
  await run(branch);
  const [salon] = await h.db.orm.select({ name: business.name }).from(business);
  expect(salon!.name).toBe("Test Salon");
  const [there] = await h.db.orm.select().from(locations).where(eq(locations.id, branch));
  expect(there).toMatchObject({ name: "Студия красоты «Лаванда»", timezone: "Europe/Moscow" });
  const all = await h.db.orm.select({ n: count() }).from(bookings);
  expect(all[0]!.n).toBeGreaterThan(0);
  expect((await h.db.orm.select({ n: count() }).from(bookings).where(ne(bookings.locationId, branch)))[0]!.n).toBe(0);
  const masters = await h.db.orm.select({ id: resources.id }).from(resources).where(eq(resources.kind, "staff"));
  const places = await h.db.orm.select().from(staffLocations);
  expect(places.filter((p) => masters.some((m) => m.id === p.staffId)).every((p) => p.locationId === branch)).toBe(true);
  expect((await h.db.orm.select({ n: count() }).from(schedules).where(ne(schedules.locationId, branch)))[0]!.n).toBe(6); // only the primary's default hours
});

test("--location new: one branch per company, the same one on the next run", async () => {
  const first = await branchForCompany(h.db, h.clock, String(fake.companyId), false);
  await run(first);
  const again = await branchForCompany(h.db, h.clock, String(fake.companyId), false);
  expect(again).toBe(first);
  expect((await h.db.orm.select({ n: count() }).from(locations))[0]!.n).toBe(2);
  const [made] = await h.db.orm.select().from(locations).where(eq(locations.id, first));
  expect(made!.name).toBe("Студия красоты «Лаванда»");
});
