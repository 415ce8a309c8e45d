import { describe, expect, test } from "bun:test";
import { normalizePhone } from "../phone.ts";
import { weeklyHours, salonHours } from "./hours.ts";
import { wallTime } from "./coerce.ts";
import { readClient, readRecord, readReview, readService, readStaff } from "./model.ts";
import { moneyOf, splitVisit, statusOf, visitTimes } from "./visit.ts";

const MIN = 60_000;

describe("reading drifting YClients JSON", () => {
  test("ids, numbers and flags arrive as strings, numbers or booleans; [] stands for {}", () => {
    const service = readService({ id: "79067", title: " Стрижка ", category_id: "0", price_min: "1000.00", price_max: "1500.50", duration: "2700", active: "1", is_online: false, staff: [], image_group: [] });
    expect(service).toMatchObject({ id: "79067", title: "Стрижка", categoryId: null, priceMinMinor: 100000, priceMaxMinor: 150050, seconds: 2700, active: true, online: false });
    expect(readService({ id: 1, title: "x", hidden: "1" })?.online).toBe(false);
    expect(readStaff({ id: 5, name: "Марина", position: [], specialization: "Мастер", fired: "1" })).toMatchObject({ position: "Мастер", gone: true });
    expect(readStaff({ id: 6, name: "Ольга", position: { id: 1, title: "Топ" }, status: 1 })).toMatchObject({ position: "Топ", gone: true });
    expect(readStaff({ id: 7, name: "Анна", fired: 0, is_deleted: false, information: "<p>Опыт &amp; стиль</p>" })).toMatchObject({ gone: false, bio: "Опыт & стиль" });
    expect(readService({ title: "no id" })).toBeNull();
  });

  test("records: deleted as 0/1 or bool, visit_id as text, client null or absent, empty services", () => {
    const base = { id: 10, date: "2025-06-16 18:15:00", seance_length: "2700", attendance: "2", services: [] };
    expect(readRecord({ ...base, deleted: 1, visit_id: "8262996", client: null })).toMatchObject({ deleted: true, visitId: "8262996", client: null, attendance: 2, seconds: 2700 });
    expect(readRecord({ ...base, deleted: false })).toMatchObject({ deleted: false, client: null, services: [] });
    expect(readRecord({ ...base, date: "not a date", datetime: "also not" })).toBeNull();
    expect(readRecord({ ...base, date: null, datetime: "2025-06-16T18:15:00.000-05:00" })).toMatchObject({ date: "2025-06-16", minutes: 18 * 60 + 15 });
  });

  test("clients: full name in one field or three, birth_date 0/''/0000-00-00, emails with spaces", () => {
    expect(readClient({ id: 1, name: "Светлана", surname: "Фомина", patronymic: "Викторовна", birth_date: 0, email: " Sveta@Mail.ru " })).toMatchObject({
      name: "Светлана Викторовна Фомина",
      birthDate: null,
      email: "sveta@mail.ru",
    });
    expect(readClient({ id: 2, name: "  Матвеева   Арина ", birth_date: "0000-00-00" })).toMatchObject({ name: "Матвеева Арина", birthDate: null });
    expect(readClient({ id: 3, name: "Ева", birthday: "1990-05-01" })?.birthDate).toBe("1990-05-01");
  });

  test("reviews: string ids and rating, unix timestamp dates", () => {
    expect(readReview({ id: "2325439", type: "1", master_id: "2841517", rating: "5", date: 1749435300, text: "Спасибо", record_id: 0 })).toEqual({
      id: "2325439",
      staffId: "2841517",
      recordId: null,
      rating: 5,
      text: "Спасибо",
      author: "",
      at: { epochMs: 1749435300_000 },
    });
    expect(readReview({ id: 1, type: 0, master_id: 5, rating: 4, date: "2025-01-02 10:00:00" })).toMatchObject({ staffId: null, at: { date: "2025-01-02", minutes: 600 } });
  });

  test("wall time ignores whatever offset is printed", () => {
    expect(wallTime("2025-07-12T12:10:00+05:00")).toEqual({ date: "2025-07-12", minutes: 730 });
    expect(wallTime("2025-07-12 12:10:00")).toEqual({ date: "2025-07-12", minutes: 730 });
    expect(wallTime("2025-02-30 10:00:00")).toBeNull();
  });
});

describe("phones", () => {
  test.each<[unknown, string]>([
    [79161234567, "+79161234567"],
    ["79161234567", "+79161234567"],
    ["+7 916 123-45-67", "+79161234567"],
    ["8 (916) 123-45-67", "+79161234567"],
    ["9161234567", "+79161234567"],
    ["+77770220606", "+77770220606"],
    ["380501234567", "+380501234567"],
  ])("%p → %s", (raw, e164) => {
    expect(normalizePhone(raw, "RU")).toEqual({ kind: "ok", e164 });
  });

  test("no phone, the walk-in placeholder, and garbage are told apart", () => {
    expect(normalizePhone("", "RU")).toEqual({ kind: "none" });
    expect(normalizePhone(null, "RU")).toEqual({ kind: "none" });
    expect(normalizePhone("+7 000 000-00-00", "RU")).toEqual({ kind: "placeholder", raw: "+7 000 000-00-00" });
    expect(normalizePhone("123", "RU")).toEqual({ kind: "invalid", raw: "123" });
  });
});

describe("visit rules", () => {
  test("attendance and deletion → status", () => {
    expect([1, -1, 2, 0, 7].map((attendance) => statusOf({ attendance, deleted: false }))).toEqual(["completed", "no_show", "confirmed", "pending", "pending"]);
    expect(statusOf({ attendance: 1, deleted: true })).toBe("cancelled");
  });

  test("times come from the local wall time and the zone, not the printed offset (DST)", () => {
    // Berlin is UTC+2 in summer; YClients would print the company's fixed +01:00 — never read
    const summer = readRecord({ id: 1, date: "2025-07-01 10:00:00", datetime: "2025-07-01T10:00:00+01:00", seance_length: 3600 })!;
    expect(visitTimes(summer, "Europe/Berlin", 0)).toEqual({ start: Date.parse("2025-07-01T08:00:00Z"), end: Date.parse("2025-07-01T09:00:00Z") });
    // Almaty moved from UTC+6 to UTC+5 on 2024-03-01: history uses the zone's rules of the day
    const before = readRecord({ id: 2, date: "2024-01-15 10:00:00", seance_length: 1800 })!;
    expect(visitTimes(before, "Asia/Almaty", 0).start).toBe(Date.parse("2024-01-15T04:00:00Z"));
    const gap = readRecord({ id: 3, date: "2025-03-30 02:30:00", seance_length: 0 })!;
    expect(visitTimes(gap, "Europe/Berlin", 45)).toEqual({ start: Date.parse("2025-03-30T01:30:00Z"), end: Date.parse("2025-03-30T02:15:00Z") });
  });

  test("a record's length is split among its services in proportion, on whole minutes", () => {
    const start = Date.parse("2025-06-16T10:00:00Z");
    expect(splitVisit(start, start + 90 * MIN, [60, 30])).toEqual([
      { start, end: start + 60 * MIN },
      { start: start + 60 * MIN, end: start + 90 * MIN },
    ]);
    expect(splitVisit(start, start + 100 * MIN, [0, 0]).map((p) => (p.end - p.start) / MIN)).toEqual([50, 50]);
    const odd = splitVisit(start, start + 7 * MIN, [1, 1, 1]);
    expect(odd.at(-1)!.end).toBe(start + 7 * MIN);
    expect(odd.every((p) => (p.end - p.start) % MIN === 0)).toBe(true);
  });

  test("money: charged total, discount and paid", () => {
    const record = readRecord({
      id: 1,
      date: "2025-06-16 10:00:00",
      paid_full: 1,
      services: [
        { id: 1, first_cost: 2500, cost: 2250, discount: 10 },
        { id: 2, first_cost: "400", cost: "400" },
      ],
    })!;
    expect(moneyOf(record)).toEqual({ priceMinor: 265000, listMinor: 290000, discountMinor: 25000, paidMinor: 265000 });
  });
});

describe("weekly hours from a dated schedule", () => {
  test("the most frequent shift per weekday wins; a missing date votes for a day off", () => {
    const shift = (date: string, ...slots: Array<[number, number]>) => ({ staffId: "1", date, slots: slots.map(([start, end]) => ({ start, end })) });
    const days = [
      shift("2025-06-09", [600, 1200]), // Mon
      shift("2025-06-16", [600, 1200]),
      shift("2025-06-23", [660, 1260]),
      shift("2025-06-10", [600, 840], [870, 1200]), // Tue, once in four weeks
    ];
    const week = weeklyHours(days, "2025-06-09", "2025-07-06").get("1")!;
    expect(week).toEqual([{ weekday: 1, start: 600, end: 1200 }]);
    expect(salonHours([week, [{ weekday: 1, start: 540, end: 1100 }, { weekday: 3, start: 600, end: 700 }]])).toEqual([
      { weekday: 1, start: 540, end: 1200 },
      { weekday: 3, start: 600, end: 700 },
    ]);
  });
});
