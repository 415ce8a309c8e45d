import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { and, count, eq } from "drizzle-orm";
import { bookings, occupancy } from "../../booking/schema.ts";
import { resources } from "../../catalogue/schema.ts";
import { clients } from "../../client/schema.ts";
import { notifications } from "../../notification/schema.ts";
import { makeHarness, type Harness } from "../../../test/harness.ts";
import { readFixture, startFakeYClients, type FakeYClients } from "../../../test/fakes/yclients-server.ts";
import { importLinks } from "../schema.ts";
import { issueWebhookToken } from "../webhook-token.ts";
import { YClientsApi } from "./api.ts";
import { importFromYClients } from "./import.ts";
import { YClientsSource } from "./source.ts";

type Event = { company_id: number; resource: string; resource_id: number; status: string; data: Record<string, unknown> };
const samples = readFixture<Event[]>("webhooks_sample.json");
const NOW = Date.parse(readFixture<{ companies: Array<{ now_local: string }> }>("_expected.json").companies[0]!.now_local);
const COMPANY = String(samples[0]!.company_id);

let fake: FakeYClients;
let h: Harness;
let token: string;
beforeAll(() => {
  fake = startFakeYClients({ requestsPerSecond: 1000 });
});
afterAll(() => fake.stop());
beforeEach(async () => {
  h = await makeHarness({ now: NOW, tenant: { demo: false } });
  token = await issueWebhookToken(h.db, "yclients", { externalId: COMPANY, reminders: true }, NOW);
});
afterEach(() => h.close());

const post = (body: unknown, query = `?token=${token}`) =>
  h.request(`/api/v1/businesses/${h.slug}/webhooks/yclients${query}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const replay = async (events: Event[]) => {
  const outcomes: string[] = [];
  for (const event of events) {
    const response = await post(event);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { applied: Array<{ outcome: string }> };
    outcomes.push(...body.applied.map((a) => a.outcome));
  }
  return outcomes;
};
const bookingOf = async (recordId: number) => {
  const [link] = await h.db.orm.select().from(importLinks).where(and(eq(importLinks.entity, "booking"), eq(importLinks.externalId, String(recordId))));
  return link ? (await h.db.orm.select().from(bookings).where(eq(bookings.id, link.localId)))[0] : undefined;
};
const bulkImport = () => {
  const api = new YClientsApi({ baseUrl: fake.url, partnerToken: fake.partnerToken, userToken: fake.userToken, requestsPerSecond: 1000 });
  return importFromYClients({ db: h.db, clock: h.clock }, { tenant: h.slug, source: new YClientsSource(api, COMPANY, 200), from: "2024-12-16", to: "2025-07-07", dryRun: false, reminders: true });
};

describe("YClients webhook", () => {
  test("no token or a wrong one: 401 and nothing written", async () => {
    expect((await post(samples[0], "")).status).toBe(401);
    expect((await post(samples[0], "?token=whk_wrong")).status).toBe(401);
    expect(await h.db.orm.select({ n: count() }).from(bookings)).toEqual([{ n: 0 }]);
  });

  test("replaying the sample: applied once, then unchanged; the bulk import afterwards duplicates nothing", async () => {
    // the record created first carries the client of the later client event: that one updates it
    expect(await replay(samples)).toEqual(["created", "created", "created", "updated"]);
    const deleted = samples.find((e) => e.status === "delete")!;
    expect((await bookingOf(deleted.resource_id))!.status).toBe("cancelled");
    const client = samples.find((e) => e.resource === "client")!;
    const [row] = await h.db.orm.select().from(clients).innerJoin(importLinks, eq(importLinks.localId, clients.id)).where(and(eq(importLinks.entity, "client"), eq(importLinks.externalId, String(client.resource_id))));
    expect(row!.clients.phone).toBe(String(client.data.phone));
    expect(row!.clients.tags).toEqual(["VIP"]);

    expect(await replay(samples)).toEqual(["unchanged", "unchanged", "unchanged", "unchanged"]);

    // masters seen first in webhooks were placeholders; the import fills them in instead of adding twins
    expect((await h.db.orm.select().from(resources)).every((r) => !r.active)).toBe(true);
    const report = await bulkImport();
    expect(report.entities.bookings?.created).toBe(readFixture<{ companies: Array<{ counts: { records_total_including_deleted: number } }> }>("_expected.json").companies[0]!.counts.records_total_including_deleted - 3);
    expect((await h.db.orm.select({ n: count() }).from(resources))[0]!.n).toBe(fake.data.staff.length);
  });

  test("a record moved into the future occupies the calendar and queues reminders; foreign companies are refused", async () => {
    await h.db.client.execute("UPDATE notification_settings SET smsru_api_id = 'test'"); // the client has a phone, no e-mail
    await bulkImport();
    expect(await replay(samples)).toEqual(["unchanged", "unchanged", "unchanged", "unchanged"]);
    const update = structuredClone(samples.find((e) => e.status === "update")!);
    Object.assign(update.data, { date: "2025-06-20 15:00:00", datetime: "2025-06-20T15:00:00+03:00", attendance: 2 });
    const before = await h.db.orm.select({ n: count() }).from(notifications);
    expect(await replay([update])).toEqual(["updated"]);
    const booking = (await bookingOf(update.resource_id))!;
    expect(booking.startTs).toBe(Date.parse("2025-06-20T15:00:00+03:00"));
    expect(booking.status).toBe("confirmed");
    expect((await h.db.orm.select({ n: count() }).from(occupancy).where(eq(occupancy.bookingId, booking.id)))[0]!.n).toBeGreaterThan(0);
    const reminders = await h.db.orm.select().from(notifications).where(and(eq(notifications.bookingId, booking.id), eq(notifications.event, "reminder"), eq(notifications.status, "pending")));
    expect(reminders.length).toBeGreaterThan(0);
    expect((await h.db.orm.select({ n: count() }).from(notifications))[0]!.n).toBeGreaterThan(before[0]!.n);

    const foreign = await post({ ...update, company_id: 1 });
    expect(foreign.status).toBe(403);
    expect((await post({ hello: "world" })).status).toBe(400);
  });
});
