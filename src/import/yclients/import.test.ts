import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "bun:test";
import { and, count, eq, gt, inArray, isNull, lte, ne } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { bookingServices, bookings, occupancy } from "../../booking/schema.ts";
import { business, locations } from "../../business/schema.ts";
import { resources, serviceCategories, services } from "../../catalogue/schema.ts";
import { clients } from "../../client/schema.ts";
import { AppError } from "../../error/app-error.ts";
import { notifications } from "../../notification/schema.ts";
import { schedules } from "../../schedule/schema.ts";
import { makeHarness, type Harness } from "../../../test/harness.ts";
import { FIXTURE_DIR, readFixture, startFakeYClients, type FakeYClients } from "../../../test/fakes/yclients-server.ts";
import { join } from "node:path";
import { importClientsFile } from "../file/clients-file.ts";
import { visitSiblings } from "../links.ts";
import { reviews } from "../../review/schema.ts";
import { importLinks } from "../schema.ts";
import { YClientsApi } from "./api.ts";
import { importFromYClients, type YClientsImportInput } from "./import.ts";
import { YClientsSource } from "./source.ts";

interface Counts {
  service_categories: number;
  services: number;
  staff_listed: number;
  staff_fired: number;
  clients: number;
  distinct_phone_digits: number;
  records_total_including_deleted: number;
  records_deleted: number;
  records_not_deleted_by_attendance: Record<"0" | "1" | "2" | "-1", number>;
  records_future_not_deleted: number;
  records_client_null: number;
  records_walk_in_client: number;
  records_multi_service: number;
  reviews: number;
}
interface Expected {
  companies: Array<{
    company_id: number;
    now_local: string;
    records_window: { start_date: string; end_date: string };
    counts: Counts;
    duplicate_phone_groups: Array<{ phone_digits: string; client_ids: number[] }>;
    walk_in_client_id: number;
    client_without_phone_id: number;
    visit_pairs: Array<{ visit_id: number; record_ids: number[] }>;
  }>;
}
const expected = readFixture<Expected>("_expected.json").companies[0]!;
const NOW = Date.parse(expected.now_local); // "2025-06-16T12:00:00+03:00": the fixture's "now"

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

function run(overrides: Partial<YClientsImportInput> & { userToken?: string; pageSize?: number; api?: YClientsApi } = {}) {
  const api = overrides.api ?? new YClientsApi({ baseUrl: fake.url, partnerToken: fake.partnerToken, userToken: overrides.userToken ?? fake.userToken, requestsPerSecond: 1000, backoffMs: 1 });
  const source = new YClientsSource(api, String(fake.companyId), overrides.pageSize ?? 100);
  return importFromYClients(
    { db: h.db, clock: h.clock },
    { tenant: h.slug, source, from: expected.records_window.start_date, to: expected.records_window.end_date, dryRun: false, reminders: true, ...overrides },
  );
}

const total = async (table: SQLiteTable) =>
  (await h.db.orm.select({ n: count() }).from(table))[0]!.n;
const linkOf = async (entity: string, externalId: number | string) =>
  (await h.db.orm.select().from(importLinks).where(and(eq(importLinks.entity, entity), eq(importLinks.externalId, String(externalId)))))[0];

describe("import from YClients", () => {
  test("a full import matches the fixture's ground truth", async () => {
    const report = await run({ pageSize: 50 });
    const c = expected.counts;

    const [profile] = await h.db.orm.select({ name: business.name, currency: business.currency, zone: locations.timezone }).from(business).innerJoin(locations, eq(locations.isPrimary, true));
    expect(profile).toEqual({ name: "Студия красоты «Лаванда»", currency: "RUB", zone: "Europe/Moscow" });
    expect(await total(serviceCategories)).toBe(c.service_categories);
    expect(await total(services)).toBe(c.services);
    const colouring = await linkOf("service", 9845201); // 7200 s, 4 500–7 500 ₽ in the fixture
    expect((await h.db.orm.select({ minutes: services.durationMinutes, price: services.priceMinor, max: services.priceMaxMinor }).from(services).where(eq(services.id, colouring!.localId)))[0]).toEqual({
      minutes: 120,
      price: 450000,
      max: 750000,
    });
    expect(await h.db.orm.select({ n: count() }).from(resources).where(eq(resources.active, false))).toEqual([{ n: c.staff_fired }]);
    expect(await total(resources)).toBe(c.staff_listed);

    // every client but the walk-in placeholder; no phone stays no phone; shared phones are all kept
    expect(await total(clients)).toBe(c.clients - 1);
    expect(report.entities.clients).toEqual({ created: c.clients - 1, updated: 0, unchanged: 0, skipped: 1 });
    expect(await linkOf("client", expected.walk_in_client_id)).toBeUndefined();
    const noPhone = await linkOf("client", expected.client_without_phone_id);
    expect((await h.db.orm.select({ phone: clients.phone }).from(clients).where(eq(clients.id, noPhone!.localId)))[0]!.phone).toBeNull();
    const phones = await h.db.orm.selectDistinct({ phone: clients.phone }).from(clients).where(ne(clients.phone, ""));
    expect(phones.filter((p) => p.phone !== null).length).toBe(c.distinct_phone_digits - 1); // minus the walk-in's zeros
    expect(report.merge_candidates.map((m) => ({ phone_digits: m.phone.slice(1), client_ids: m.clients.map((x) => Number(x.external_id)).sort() }))).toEqual(
      expected.duplicate_phone_groups.map((g) => ({ ...g, client_ids: [...g.client_ids].sort() })).sort((a, b) => a.phone_digits.localeCompare(b.phone_digits)),
    );

    // issue 14: a YClients discount becomes the client's standing discount, priced by src/pricing
    const discounted = await linkOf("client", 154625224); // "discount": 10 in the fixture
    expect((await h.db.orm.select({ percent: clients.discountPercent }).from(clients).where(eq(clients.id, discounted!.localId)))[0]!.percent).toBe(10);

    // one booking per record, status from attendance, cancelled = deleted
    expect(await total(bookings)).toBe(c.records_total_including_deleted);
    const byStatus = Object.fromEntries((await h.db.orm.select({ status: bookings.status, n: count() }).from(bookings).groupBy(bookings.status)).map((r) => [r.status, r.n]));
    const att = c.records_not_deleted_by_attendance;
    expect(byStatus).toEqual({ cancelled: c.records_deleted, completed: att["1"], pending: att["0"], confirmed: att["2"], no_show: att["-1"] });
    expect((await h.db.orm.select({ source: bookings.source }).from(bookings).groupBy(bookings.source)).map((r) => r.source)).toEqual(["import"]);
    const lines = await h.db.orm.select({ booking: bookingServices.bookingId, n: count() }).from(bookingServices).groupBy(bookingServices.bookingId);
    expect(lines.filter((l) => l.n === 2).length).toBe(c.records_multi_service);
    const noClient = await h.db.orm.select({ n: count() }).from(bookings).where(isNull(bookings.clientId));
    expect(noClient[0]!.n).toBe(c.records_client_null + c.records_walk_in_client);
    expect(report.facts.walk_in_visits).toBe(c.records_walk_in_client);

    // records of one visit stay linked
    for (const pair of expected.visit_pairs) {
      const [a, b] = await Promise.all(pair.record_ids.map((id) => linkOf("booking", id)));
      expect(a!.groupKey).toBe(String(pair.visit_id));
      expect(await visitSiblings(h.db.orm, a!.localId)).toEqual([b!.localId]);
    }

    // future visits occupy the calendar and have reminders; cancelled and past ones never notify
    const future = await h.db.orm.select({ id: bookings.id }).from(bookings).where(and(ne(bookings.status, "cancelled"), gt(bookings.startTs, NOW)));
    expect(future.length).toBe(c.records_future_not_deleted);
    const occupied = new Set((await h.db.orm.selectDistinct({ id: occupancy.bookingId }).from(occupancy)).map((r) => r.id));
    expect(future.every((b) => occupied.has(b.id))).toBe(true);
    const cancelled = await h.db.orm.select({ id: bookings.id }).from(bookings).where(eq(bookings.status, "cancelled"));
    expect(cancelled.some((b) => occupied.has(b.id))).toBe(false);
    const notified = await h.db.orm.select({ booking: notifications.bookingId, start: bookings.startTs, status: bookings.status }).from(notifications).innerJoin(bookings, eq(bookings.id, notifications.bookingId));
    expect(notified.length).toBeGreaterThan(0);
    expect(notified.every((n) => n.start > NOW && (n.status === "pending" || n.status === "confirmed"))).toBe(true);
    expect(report.facts.reminders_queued).toBe(notified.length);

    expect(await total(reviews)).toBe(c.reviews);
    expect(report.entities.bookings).toEqual({ created: c.records_total_including_deleted, updated: 0, unchanged: 0, skipped: 0 });
  });

  test("times come from the local date and the company zone; money from the lines", async () => {
    await run();
    const records = [1, 2, 3, 4].flatMap((p) => readFixture<{ data: Array<Record<string, unknown>> }>(`records_page${p}.json`).data);
    const sample = records.find((r) => (r.services as Array<{ discount: number }>).some((s) => s.discount > 0) && r.paid_full === 1)!;
    const link = await linkOf("booking", sample.id as number);
    const [row] = await h.db.orm.select().from(bookings).where(eq(bookings.id, link!.localId));
    const startUtc = Date.parse(`${String(sample.date).replace(" ", "T")}+03:00`);
    expect(row!.startTs).toBe(startUtc);
    expect(row!.endTs).toBe(startUtc + Number(sample.seance_length) * 1000);
    const charged = (sample.services as Array<{ cost: number }>).reduce((s, l) => s + l.cost * 100, 0);
    expect(row!.priceMinor).toBe(charged);
    expect(row!.paidMinor).toBe(charged);
    expect(row!.notes).toContain("Скидка");
    const parts = await h.db.orm.select().from(bookingServices).where(eq(bookingServices.bookingId, row!.id));
    expect(parts[0]!.startTs).toBe(row!.startTs);
    expect(parts.at(-1)!.endTs).toBe(row!.endTs);
  });

  test("a company in another zone and country: its zone, currency and phone country, never Moscow's", async () => {
    const saved = { ...fake.data.company };
    Object.assign(fake.data.company, { timezone_name: "Asia/Almaty", timezone: 5, country: "Казахстан", currency_short_title: "₸", phone: "+7 727 311-22-33" });
    try {
      await run();
      const [place] = await h.db.orm.select({ zone: locations.timezone, currency: business.currency, country: business.country, phone: business.phone }).from(business).innerJoin(locations, eq(locations.isPrimary, true));
      expect(place).toEqual({ zone: "Asia/Almaty", currency: "KZT", country: "KZ", phone: "+77273112233" });
      const record = fake.data.records[0]!;
      const [row] = await h.db.orm.select().from(bookings).where(eq(bookings.id, (await linkOf("booking", record.id as number))!.localId));
      expect(row!.startTs).toBe(Date.parse(`${String(record.date).replace(" ", "T")}+05:00`));
      expect(row!.currency).toBe("KZT");
    } finally {
      fake.data.company = saved;
    }
  });

  test("weekly hours are read from the dated schedule; fired masters stay, inactive", async () => {
    await run();
    const anna = await linkOf("staff", 2841503);
    const tuesday = await h.db.orm.select({ start: schedules.startMinutes, end: schedules.endMinutes }).from(schedules).where(and(eq(schedules.resourceId, anna!.localId), eq(schedules.weekday, 2)));
    expect(tuesday).toEqual([{ start: 600, end: 840 }, { start: 870, end: 1200 }]); // 10:00–14:00, 14:30–20:00 in the fixture
    const fired = await linkOf("staff", 2841530);
    expect((await h.db.orm.select().from(resources).where(eq(resources.id, fired!.localId)))[0]!.active).toBe(false);
    expect(await h.db.orm.select({ n: count() }).from(schedules).where(eq(schedules.resourceId, fired!.localId))).toEqual([{ n: 0 }]);
    expect((await h.db.orm.select({ n: count() }).from(schedules).where(isNull(schedules.resourceId)))[0]!.n).toBeGreaterThan(0);
  });

  test("a second run changes nothing; a third picks up what changed in YClients", async () => {
    await run();
    const before = { bookings: await total(bookings), clients: await total(clients), occupancy: await total(occupancy), notifications: await total(notifications), links: await total(importLinks) };
    const again = await run();
    for (const counts of Object.values(again.entities)) expect(counts).toMatchObject({ created: 0, updated: 0 });
    expect({ bookings: await total(bookings), clients: await total(clients), occupancy: await total(occupancy), notifications: await total(notifications), links: await total(importLinks) }).toEqual(before);

    const record = fake.data.records.find((r) => r.deleted === false && String(r.date) > "2025-06-20")!;
    const client = fake.data.clients.find((c) => c.id === expected.client_without_phone_id)!;
    const saved = { attendance: record.attendance, deleted: record.deleted, name: client.name };
    try {
      Object.assign(record, { deleted: true });
      Object.assign(client, { name: "Новое Имя" });
      const third = await run();
      expect(third.entities.bookings).toMatchObject({ created: 0, updated: 1 });
      expect(third.entities.clients).toMatchObject({ created: 0, updated: 1 });
      const link = await linkOf("booking", record.id as number);
      const [row] = await h.db.orm.select().from(bookings).where(eq(bookings.id, link!.localId));
      expect(row!.status).toBe("cancelled");
      expect(await h.db.orm.select({ n: count() }).from(occupancy).where(eq(occupancy.bookingId, row!.id))).toEqual([{ n: 0 }]);
      const pending = await h.db.orm.select().from(notifications).where(and(eq(notifications.bookingId, row!.id), eq(notifications.status, "pending")));
      expect(pending).toEqual([]);
    } finally {
      Object.assign(record, { deleted: saved.deleted });
      Object.assign(client, { name: saved.name });
    }
  });

  test("--dry-run reports what it would do and writes nothing", async () => {
    const nameBefore = (await h.db.orm.select({ name: business.name }).from(business))[0]!.name;
    const report = await run({ dryRun: true });
    expect(report.dry_run).toBe(true);
    expect(report.entities.bookings?.created).toBe(expected.counts.records_total_including_deleted);
    expect(report.entities.clients?.created).toBe(expected.counts.clients - 1);
    for (const table of [bookings, clients, services, resources, importLinks, notifications, reviews]) expect(await total(table)).toBe(0);
    expect((await h.db.orm.select({ name: business.name }).from(business))[0]!.name).toBe(nameBefore);
  });

  test("wrong tokens: a clear error and nothing written", async () => {
    const error = await run({ userToken: "wrong" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("UNAUTHORIZED");
    expect((error as AppError).problems[0]!.key).toBe("import.yclients.unauthorized");
    for (const table of [bookings, clients, services, importLinks]) expect(await total(table)).toBe(0);
    expect((await h.db.orm.select({ name: business.name }).from(business))[0]!.name).toBe("Test Salon");
  });

  test("429 and outages in the middle of an import: it backs off, retries and completes", async () => {
    const waits: number[] = [];
    const api = new YClientsApi({ baseUrl: fake.url, partnerToken: fake.partnerToken, userToken: fake.userToken, requestsPerSecond: 1000, backoffMs: 1, sleep: (ms) => (waits.push(ms), Bun.sleep(1)) });
    let calls = 0;
    const source = new YClientsSource(api, String(fake.companyId), 100);
    const records = source.records.bind(source);
    source.records = (from, to) => {
      // the API starts refusing just as the records are read
      if (calls++ === 0) fake.failNext(429, 2);
      return records(from, to);
    };
    const report = await run({ api, source });
    expect(api.stats.rateLimited).toBe(2);
    expect(waits.filter((ms) => ms === 1000).length).toBe(2);
    expect(report.entities.bookings?.created).toBe(expected.counts.records_total_including_deleted);
  });

  test("records naming missing masters or services get inactive placeholders; drifting types are read alike", async () => {
    const template = fake.data.records.find((r) => r.deleted === false && r.client !== null)!;
    const extra = [
      { ...structuredClone(template), id: 2000000001, staff_id: 999, staff: { id: 999, name: "Ирина (уволена и удалена)", position: [] }, services: [{ id: 777, title: "Снятая с продажи услуга", first_cost: 1000, cost: 1000, discount: 0, amount: 1 }] },
      { ...structuredClone(template), id: "2000000002", staff_id: "2841503", visit_id: "42", deleted: 0, attendance: "1", seance_length: "3600", services: [] },
    ];
    fake.data.records.push(...extra);
    try {
      const report = await run();
      const placeholders = await h.db.orm.select({ name: resources.name, active: resources.active }).from(resources).where(eq(resources.name, "Ирина (уволена и удалена)"));
      expect(placeholders).toEqual([{ name: "Ирина (уволена и удалена)", active: false }]);
      const retired = await h.db.orm.select({ active: services.active, online: services.bookableOnline }).from(services).where(eq(services.title, "Снятая с продажи услуга"));
      expect(retired).toEqual([{ active: false, online: false }]);
      expect(report.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(["placeholder_staff", "placeholder_service", "record_without_services"]));
      const drifted = await linkOf("booking", 2000000002);
      const [row] = await h.db.orm.select().from(bookings).where(eq(bookings.id, drifted!.localId));
      expect({ status: row!.status, minutes: (row!.endTs - row!.startTs) / 60_000, group: drifted!.groupKey }).toEqual({ status: "completed", minutes: 60, group: "42" });
      expect(await h.db.orm.select({ n: count() }).from(bookingServices).where(eq(bookingServices.bookingId, row!.id))).toEqual([{ n: 1 }]);
      expect(report.entities.bookings?.created).toBe(expected.counts.records_total_including_deleted + 2);
    } finally {
      fake.data.records.splice(-extra.length);
    }
  });

  test("a run cut off by the network keeps what it wrote; the next run resumes without twins", async () => {
    const cut = (request: Request) =>
      request.url.includes("/records/") && new URL(request.url).searchParams.get("page") === "3" ? Promise.reject(new TypeError("network down")) : fetch(request);
    const api = new YClientsApi({ baseUrl: fake.url, partnerToken: fake.partnerToken, userToken: fake.userToken, requestsPerSecond: 1000, maxAttempts: 2, backoffMs: 1, fetch: cut });
    const failed = await run({ api }).catch((e: unknown) => e);
    expect((failed as Error).message).toContain("did not answer");
    expect(await total(bookings)).toBe(200); // two pages of 100 were committed
    const resumed = await run();
    expect(resumed.entities.bookings).toMatchObject({ created: expected.counts.records_total_including_deleted - 200, unchanged: 200 });
    expect(await total(bookings)).toBe(expected.counts.records_total_including_deleted);
  });

  test("reviews the user may not read are reported, and everything else still imported", async () => {
    fake.forbidden.add("comments");
    try {
      const report = await run();
      expect(report.warnings.find((w) => w.code === "reviews_unavailable")?.message).toContain("Нет прав");
      expect(report.entities.bookings?.created).toBe(expected.counts.records_total_including_deleted);
      expect(await total(reviews)).toBe(0);
    } finally {
      fake.forbidden.delete("comments");
    }
  });

  test("the web export after the API import adds no twins", async () => {
    await run();
    const before = await total(clients);
    const report = await importClientsFile({ db: h.db, clock: h.clock }, { tenant: h.slug, path: join(FIXTURE_DIR, "clients_export.csv"), dryRun: false });
    expect(report.entities.clients?.created).toBe(0);
    expect(await total(clients)).toBe(before);
  });

  test("past visits never queue notifications, even with reminders on", async () => {
    await run();
    const past = await h.db.orm.select({ id: notifications.id }).from(notifications).innerJoin(bookings, eq(bookings.id, notifications.bookingId)).where(lte(bookings.startTs, NOW));
    expect(past).toEqual([]);
  });

  test("--no-reminders imports future visits without queuing anything", async () => {
    const report = await run({ reminders: false });
    expect(await total(notifications)).toBe(0);
    expect(report.facts.future_visits).toBe(expected.counts.records_future_not_deleted);
    const future = await h.db.orm.select({ id: bookings.id }).from(bookings).where(and(ne(bookings.status, "cancelled"), gt(bookings.startTs, NOW)));
    expect((await h.db.orm.selectDistinct({ id: occupancy.bookingId }).from(occupancy).where(inArray(occupancy.bookingId, future.map((f) => f.id)))).length).toBe(future.length);
  });
});
