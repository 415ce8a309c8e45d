// The clients API and GET /bookings/:id over real handlers: who may call them, search and paging,
// the one duplicate-phone rule, audit entries, and a client's visits by salon-local dates.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { issueTokenFor } from "../account/token-admin.ts";
import type { Role } from "../account/schema.ts";
import { addUser } from "../account/users.ts";
import { auditLog } from "../audit/schema.ts";
import { makeHarness, problemFields, type Harness } from "../../test/harness.ts";
import { clients } from "./schema.ts";

const ANNA = 2; // a master of the demo salon; service 1 is theirs
const OLGA = 3; // another master; service 4 is theirs
let h: Harness;
let base: string;
const tokens = {} as Record<Role, string>;

beforeAll(async () => {
  h = await makeHarness();
  base = `/api/v1/businesses/${h.slug}`;
  const deps = { db: h.db, clock: h.clock };
  const by = { userId: null, role: "owner" as const, staffId: null, label: "test" };
  for (const role of ["owner", "manager", "staff"] as const) {
    const userId = await addUser(deps, { email: `${role}@salon.test`, password: "long enough password", role, ...(role === "staff" ? { staffId: ANNA } : {}) });
    tokens[role] = await issueTokenFor(deps, by, { name: role, userId });
  }
});
afterAll(() => h.close());

const as = (role: Role) => ({ headers: { authorization: `Bearer ${tokens[role]}` } });
const call = (role: Role, method: string, path: string, body?: unknown) => h.api(method, `${base}${path}`, body, as(role));
const data = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;
type Client = { id: number; name: string; phone: string; email: string | null; notes: string | null; discount_percent: number; visits: number };
const created = async (body: Record<string, unknown>) => {
  const res = await call("manager", "POST", "/clients", body);
  expect(res.status).toBe(201);
  return (await data<{ client: Client }>(res)).client;
};

describe("who may use the clients API (the one permission table: clients)", () => {
  test("a master's token is refused on every clients route; a manager is allowed", async () => {
    for (const [method, path] of [["GET", "/clients"], ["POST", "/clients"], ["GET", "/clients/1"], ["PATCH", "/clients/1"], ["GET", "/clients/1/bookings"]] as const) {
      const res = await call("staff", method, path, method === "POST" || method === "PATCH" ? { name: "Ира", phone: "+79160000001" } : undefined);
      expect([method, path, res.status]).toEqual([method, path, 403]);
    }
    expect((await h.api("GET", `${base}/clients`, undefined, { auth: false })).status).toBe(401);
    expect((await call("manager", "GET", "/clients")).status).toBe(200);
    expect(await h.db.orm.select().from(clients)).toEqual([]);
  });
});

describe("clients", () => {
  test("create: phone normalized, 201 with the record, audited with the token as the actor", async () => {
    const client = await created({ name: "  Анна Петрова ", phone: "8 (916) 555-11-22", email: "anna@example.ru", notes: "аллергия", discount_percent: 10 });
    expect(client).toMatchObject({ name: "Анна Петрова", phone: "+79165551122", email: "anna@example.ru", notes: "аллергия", discount_percent: 10, visits: 0 });
    const [entry] = await h.db.orm.select().from(auditLog).where(eq(auditLog.action, "client.create"));
    expect(entry).toMatchObject({ entity: "client", entityId: String(client.id) });
    expect(entry!.actor).toStartWith("api-token:");
    expect(JSON.stringify(entry!.details)).not.toContain("916");
  });

  test("a phone another client has is refused, translated, naming that client; nothing is written", async () => {
    const first = await created({ name: "Мария", phone: "+7 916 555-22-33" });
    const before = await h.db.orm.select().from(clients);
    const ru = await h.api("POST", `${base}/clients`, { name: "Маша", phone: "89165552233" }, { headers: { ...as("manager").headers, "accept-language": "ru" } });
    expect(ru.status).toBe(409);
    const body = await data<{ code: string; message: string; messages: Array<{ field: string }> }>(ru);
    expect(body.code).toBe("ALREADY_EXISTS");
    expect(body.messages[0]!.field).toBe("phone");
    expect(body.message).toContain(`№ ${first.id}`);
    expect(body.message).toContain("телефон");
    const en = await h.api("POST", `${base}/clients?lang=en`, { name: "Маша", phone: "89165552233" }, as("manager"));
    expect((await data<{ message: string }>(en)).message).toContain("already has this phone");
    expect(await h.db.orm.select().from(clients)).toEqual(before);
  });

  test("bad input: every problem at once, nothing written", async () => {
    const res = await call("manager", "POST", "/clients", { name: "", phone: "12", email: "nope", discount_percent: 150 });
    expect(res.status).toBe(400);
    expect(await problemFields(res)).toEqual(["discount_percent", "email", "name", "phone"]);
  });

  test("search by name, e-mail or phone digits, with paging and the total", async () => {
    await created({ name: "Светлана Иванова", phone: "+79167770001", email: "sveta@mail.test" });
    await created({ name: "Светлана Орлова", phone: "+79167770002" });
    const search = async (q: string, extra = "") => data<{ data: Client[]; meta: { total: number; limit: number; offset: number } }>(await call("owner", "GET", `/clients?q=${encodeURIComponent(q)}${extra}`));
    expect((await search("светлана")).data.map((c) => c.name)).toEqual(["Светлана Орлова", "Светлана Иванова"]);
    expect((await search("sveta@")).data.map((c) => c.name)).toEqual(["Светлана Иванова"]);
    expect((await search("777 0002")).data.map((c) => c.name)).toEqual(["Светлана Орлова"]);
    const paged = await search("Светлана", "&limit=1&offset=1");
    expect(paged.meta).toEqual({ total: 2, limit: 1, offset: 1 });
    expect(paged.data.map((c) => c.name)).toEqual(["Светлана Иванова"]);
  });

  test("read and change one client; moving onto another's phone is refused; unknown ids are 404", async () => {
    const a = await created({ name: "Ольга", phone: "+79168880001" });
    const b = await created({ name: "Олеся", phone: "+79168880002" });
    expect((await data<{ client: Client }>(await call("manager", "GET", `/clients/${a.id}`))).client.name).toBe("Ольга");
    const changed = await call("manager", "PATCH", `/clients/${a.id}`, { notes: "любит чай", discount_percent: 5, email: null });
    expect(changed.status).toBe(200);
    expect((await data<{ client: Client }>(changed)).client).toMatchObject({ notes: "любит чай", discount_percent: 5, phone: "+79168880001" });
    const entries = await h.db.orm.select().from(auditLog).where(eq(auditLog.action, "client.update"));
    expect(entries.at(-1)).toMatchObject({ entityId: String(a.id), details: { changed: ["notes", "discountPercent"] } });
    const taken = await call("manager", "PATCH", `/clients/${a.id}`, { phone: "8 916 888-00-02" });
    expect(taken.status).toBe(409);
    expect((await data<{ client: Client }>(await call("manager", "GET", `/clients/${a.id}`))).client.phone).toBe("+79168880001");
    // the same phone written again is no conflict with itself
    expect((await call("manager", "PATCH", `/clients/${b.id}`, { phone: "+7 916 888 00 02" })).status).toBe(200);
    expect((await call("manager", "GET", "/clients/999999")).status).toBe(404);
    expect((await call("manager", "PATCH", "/clients/999999", { notes: "x" })).status).toBe(404);
  });
});

describe("a client's visits and GET /bookings/:id", () => {
  const book = async (role: Role, body: Record<string, unknown>) => {
    const res = await call(role, "POST", "/bookings", { service_id: 1, staff_id: ANNA, ...body });
    expect(res.status).toBe(201);
    return (await data<{ booking: { id: number } }>(res)).booking.id;
  };

  test("a client's bookings by salon-local dates; an unknown client is 404", async () => {
    const client = await created({ name: "Вера", phone: "+79169990001" });
    const first = await book("owner", { client_id: client.id, start_ts: "2027-03-03T10:00:00+03:00" });
    const second = await book("owner", { client_id: client.id, start_ts: "2027-03-04T10:00:00+03:00" });
    await book("owner", { client: { name: "Кто-то", phone: "+79169990002" }, start_ts: "2027-03-03T12:00:00+03:00" });
    const list = async (query: string) => data<{ data: Array<{ id: number }>; meta: { total: number } }>(await call("manager", "GET", `/clients/${client.id}/bookings${query}`));
    expect((await list("")).data.map((b) => b.id)).toEqual([first, second]);
    expect((await list("?from=2027-03-04&to=2027-03-04")).data.map((b) => b.id)).toEqual([second]);
    expect((await list("?to=2027-03-03")).meta.total).toBe(1);
    expect((await call("manager", "GET", "/clients/999999/bookings")).status).toBe(404);
  });

  test("GET /bookings/:id: owners see any, a master only their own", async () => {
    const annas = await book("owner", { client: { name: "Инна", phone: "+79169990003" }, start_ts: "2027-03-05T10:00:00+03:00" });
    const olgas = await book("owner", { service_id: 4, staff_id: OLGA, client: { name: "Инна", phone: "+79169990003" }, start_ts: "2027-03-05T12:00:00+03:00" });
    const got = await call("owner", "GET", `/bookings/${olgas}`);
    expect(got.status).toBe(200);
    expect((await data<{ booking: { id: number; services: Array<{ staff_id: number }> } }>(got)).booking).toMatchObject({ id: olgas, services: [{ staff_id: OLGA }] });
    expect((await call("staff", "GET", `/bookings/${annas}`)).status).toBe(200);
    expect((await call("staff", "GET", `/bookings/${olgas}`)).status).toBe(404);
    expect((await call("owner", "GET", "/bookings/999999")).status).toBe(404);
  });
});

describe("from/to on GET /bookings: a salon-local date is that whole local day", () => {
  let far: Harness;
  beforeAll(async () => {
    // UTC+12: the salon's morning is the previous UTC day, so a UTC reading of the date would miss it
    far = await makeHarness({ tenant: { timezone: "Asia/Kamchatka" } });
  });
  afterAll(() => far.close());

  test("local dates, instants, and a clear 400 for anything else", async () => {
    const b = `/api/v1/businesses/${far.slug}`;
    const res = await far.api("POST", `${b}/bookings`, { service_id: 1, staff_id: ANNA, start_ts: "2027-03-04T10:00:00+12:00", client: { name: "Зоя", phone: "+79169990004" } });
    expect(res.status).toBe(201);
    const id = (await data<{ booking: { id: number } }>(res)).booking.id;
    const ids = async (query: string) => (await data<{ data: Array<{ id: number }> }>(await far.api("GET", `${b}/bookings${query}`))).data.map((x) => x.id);
    expect(await ids("?from=2027-03-04&to=2027-03-04")).toEqual([id]);
    expect(await ids("?from=2027-03-03&to=2027-03-03")).toEqual([]);
    expect(await ids("?from=2027-03-03T22:00:00Z&to=2027-03-03T22:00:01Z")).toEqual([id]);
    const bad = await far.api("GET", `${b}/bookings?from=2027-02-30&to=tomorrow`);
    expect(bad.status).toBe(400);
    expect(await problemFields(bad)).toEqual(["from", "to"]);
  });
});
