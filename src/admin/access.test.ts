// Who may reach what: the role matrix of the admin pages, masters confined to their own visits,
// and two salons in one data folder that cannot reach each other by any URL.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { bookings } from "../booking/schema.ts";
import { signedIn, type TestBrowser } from "../session/test-browser.ts";
import { createTenant } from "../tenant/tenant.ts";
import { eq } from "drizzle-orm";

let h: Harness;
let owner: TestBrowser;
let manager: TestBrowser;
let anna: TestBrowser; // master #2
let olga: TestBrowser; // master #3
let annaBooking: number;
let olgaBooking: number;
const ANNA = 2;
const OLGA = 3;

async function book(b: TestBrowser, staffId: number, serviceId: number, time: string, name: string): Promise<number> {
  const res = await b.post(`/${h.slug}/admin/bookings`, { staff_id: String(staffId), service_id: String(serviceId), date: "2027-03-03", time, name, phone: `+7916${String(1000000 + staffId * 1000 + Number(time.slice(0, 2))).slice(-7)}` });
  const html = await res.text();
  const id = /Запись №(\d+)/.exec(html)?.[1];
  if (!id) throw new Error(`booking failed: ${res.status} ${html.slice(0, 500)}`);
  return Number(id);
}

beforeAll(async () => {
  h = await makeHarness();
  await createTenant({ registry: h.deps.registry, dataDir: h.dataDir, clock: h.clock }, { slug: "other", name: "Other Salon", demo: true, ownerEmail: "boss@other.test", ownerPassword: "other password" });
  owner = await signedIn(h, { email: "owner@salon.test", role: "owner" });
  manager = await signedIn(h, { email: "manager@salon.test", role: "manager" });
  anna = await signedIn(h, { email: "anna@salon.test", role: "staff", staffId: ANNA });
  olga = await signedIn(h, { email: "olga@salon.test", role: "staff", staffId: OLGA });
  annaBooking = await book(owner, ANNA, 1, "11:00", "Клиентка Анны");
  olgaBooking = await book(owner, OLGA, 4, "12:00", "Клиентка Ольги");
});
afterAll(() => h.close());

describe("role matrix", () => {
  const pages: Array<[path: string, allowed: Array<"owner" | "manager" | "staff">]> = [
    ["/admin", ["owner", "manager", "staff"]],
    ["/admin/account", ["owner", "manager", "staff"]],
    ["/admin/bookings", ["owner", "manager", "staff"]],
    ["/admin/bookings.csv", ["owner"]],
    ["/admin/tokens", ["owner"]],
    ["/admin/audit", ["owner"]],
  ];
  for (const [path, allowed] of pages) {
    test(`${path}: ${allowed.join(", ")}`, async () => {
      for (const [role, b] of [["owner", owner], ["manager", manager], ["staff", anna]] as const) {
        const status = (await b.get(`/${h.slug}${path}`)).status;
        expect({ role, status }).toEqual({ role, status: allowed.includes(role) ? 200 : 403 });
      }
    });
  }
});

describe("a master sees only their own visits", () => {
  test("the calendar shows a master their column only", async () => {
    const html = await (await anna.get(`/${h.slug}/admin?date=2027-03-03`)).text();
    expect(html).toContain("Клиентка Анны");
    expect(html).not.toContain("Клиентка Ольги");
    const asked = await (await anna.get(`/${h.slug}/admin?date=2027-03-03&staff=${OLGA}&view=week`)).text();
    expect(asked).not.toContain("Клиентка Ольги");
    const all = await (await manager.get(`/${h.slug}/admin?date=2027-03-03`)).text();
    expect(all).toContain("Клиентка Анны");
    expect(all).toContain("Клиентка Ольги");
  });

  test("another master's booking is 'not found' to read and to change", async () => {
    expect((await anna.get(`/${h.slug}/admin/bookings/${annaBooking}`)).status).toBe(200);
    expect((await anna.get(`/${h.slug}/admin/bookings/${olgaBooking}`)).status).toBe(404);
    expect((await anna.post(`/${h.slug}/admin/bookings/${olgaBooking}/cancel`, { reason: "x" })).status).toBe(404);
    expect((await anna.post(`/${h.slug}/admin/bookings/${olgaBooking}/status`, { status: "no_show" })).status).toBe(404);
    expect((await anna.post(`/${h.slug}/admin/bookings/${olgaBooking}/notes`, { notes: "mine now" })).status).toBe(404);
    expect((await anna.get(`/${h.slug}/admin/bookings/${olgaBooking}/reschedule`)).status).toBe(404);
    const [row] = await h.db.orm.select().from(bookings).where(eq(bookings.id, olgaBooking));
    expect(row!.status).toBe("confirmed");
    expect(row!.notes).toBeNull();
  });

  test("the owner's CSV export has every master's visits, with formula-looking text defused", async () => {
    await book(owner, OLGA, 4, "17:00", "=HYPERLINK(1)");
    const res = await owner.get(`/${h.slug}/admin/bookings.csv?from=2027-03-01&to=2027-03-31`);
    expect(res.headers.get("content-type")).toContain("text/csv");
    // Bytes, not res.text(): a standard UTF-8 decode drops the BOM that spreadsheet apps need.
    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(csv.startsWith("\uFEFFid,start,end,status")).toBe(true);
    expect(csv).toContain("Клиентка Анны");
    expect(csv).toContain("Клиентка Ольги");
    expect(csv).toContain("'=HYPERLINK(1)");
    expect(csv).toContain("2027-03-03T11:00:00+03:00");
  });

  test("the bookings list ignores a master's ?staff= for someone else", async () => {
    const html = await (await anna.get(`/${h.slug}/admin/bookings?from=2027-03-01&to=2027-03-31&staff=${OLGA}`)).text();
    expect(html).toContain("Клиентка Анны");
    expect(html).not.toContain("Клиентка Ольги");
  });

  test("a master cannot book into another master's column", async () => {
    const res = await olga.post(`/${h.slug}/admin/bookings`, { staff_id: String(ANNA), service_id: "1", date: "2027-03-03", time: "15:00", name: "Чужая", phone: "+79160000001" });
    expect(res.status).toBe(404);
    expect((await olga.get(`/${h.slug}/admin/bookings/new?staff=${ANNA}&date=2027-03-03&time=15:00`)).status).toBe(404);
  });
});

describe("two salons in one data folder", () => {
  test("a session of one salon opens nothing in the other, whatever the cookie is called", async () => {
    const token = owner.cookies.get(`zapis_session_${h.slug}`)!;
    for (const path of ["/other/admin", "/other/admin/account", `/other/admin/bookings/${annaBooking}`, "/other/admin/bookings", "/other/admin/bookings.csv"]) {
      for (const cookie of [`zapis_session_${h.slug}=${token}`, `zapis_session_other=${token}`]) {
        const res = await h.request(path, { headers: { cookie } });
        expect({ path, status: res.status }).toEqual({ path, status: 303 });
        expect(res.headers.get("location")).toStartWith("/other/admin/login");
      }
    }
  });

  test("the other salon's owner sees only their own salon", async () => {
    const boss = await signedIn(h, { email: "boss@other.test", password: "other password", create: false }, "other");
    const html = await (await boss.get("/other/admin?date=2027-03-03")).text();
    expect(html).not.toContain("Клиентка Анны");
    expect((await boss.get(`/other/admin/bookings/${annaBooking}`)).status).toBe(404);
    expect((await boss.get(`/${h.slug}/admin`)).status).toBe(303);
    const salonLogin = await boss.post(`/${h.slug}/admin/login`, { email: "boss@other.test", password: "other password" });
    expect(salonLogin.status).toBe(401);
  });

  test("an API token of one salon is unknown to the other", async () => {
    const res = await h.request("/api/v1/businesses/other/services?limit=1", { headers: { authorization: `Bearer ${h.token}` } });
    expect(res.status).toBe(401);
  });
});

describe("the JSON API applies the same roles", () => {
  test("a master's token cannot list another master's bookings", async () => {
    const page = await (await owner.get(`/${h.slug}/admin/tokens`)).text();
    const annaId = /<option value="(\d+)">anna@salon.test/.exec(page)?.[1];
    const created = await (await owner.post(`/${h.slug}/admin/tokens`, { name: "Anna's app", user_id: annaId! })).text();
    const token = /(zap_[A-Za-z0-9_-]{40,})/.exec(created)![1]!;
    const res = await h.request(`/api/v1/businesses/${h.slug}/bookings?staff_id=${OLGA}`, { headers: { authorization: `Bearer ${token}` } });
    const text = await res.text();
    expect(text).not.toContain("Клиентка Ольги");
    expect([200, 403]).toContain(res.status);
    const managerView = await h.request(`/api/v1/businesses/${h.slug}/bookings?staff_id=${OLGA}`, { headers: { authorization: `Bearer ${h.token}` } });
    expect(await managerView.text()).toContain("Клиентка Ольги");
  });

  test("a master's token cannot change or cancel another master's booking, only their own", async () => {
    const page = await (await owner.get(`/${h.slug}/admin/tokens`)).text();
    const annaId = /<option value="(\d+)">anna@salon.test/.exec(page)?.[1];
    const created = await (await owner.post(`/${h.slug}/admin/tokens`, { name: "Anna's phone", user_id: annaId! })).text();
    const token = /(zap_[A-Za-z0-9_-]{40,})/.exec(created)![1]!;
    const asAnna = (method: string, id: number, body?: unknown) => h.api(method, `/api/v1/businesses/${h.slug}/bookings/${id}`, body, { auth: false, headers: { authorization: `Bearer ${token}` } });
    expect((await asAnna("PATCH", olgaBooking, { status: "no_show" })).status).toBe(404);
    expect((await asAnna("DELETE", olgaBooking)).status).toBe(404);
    const [untouched] = await h.db.orm.select().from(bookings).where(eq(bookings.id, olgaBooking));
    expect(untouched?.status).not.toBe("cancelled");
    expect(untouched?.status).not.toBe("no_show");
    const own = await asAnna("PATCH", annaBooking, { status: "confirmed" });
    expect(own.status).toBe(200);
    expect((await own.json()).booking.status).toBe("confirmed");
  });
});

describe("owner pages", () => {
  test("a cancel by a master shows in the audit log under their account", async () => {
    const id = await book(owner, ANNA, 2, "16:00", "Отменяемая");
    const res = await anna.post(`/${h.slug}/admin/bookings/${id}/cancel`, { reason: "просьба клиента" });
    expect(await res.text()).toContain("Отменена");
    const audit = await (await owner.get(`/${h.slug}/admin/audit?entity=booking`)).text();
    expect(audit).toMatch(new RegExp(`anna@salon.test</td><td>booking.cancel</td><td><a href="/${h.slug}/admin/bookings/${id}"`));
  });

  test("the owner creates a token shown once, which works until revoked", async () => {
    const page = await (await owner.get(`/${h.slug}/admin/tokens`)).text();
    const managerId = /<option value="(\d+)">manager@salon.test/.exec(page)?.[1];
    expect(managerId).toBeDefined();
    const created = await (await owner.post(`/${h.slug}/admin/tokens`, { name: "CRM sync", user_id: managerId! })).text();
    const token = /(zap_[A-Za-z0-9_-]{40,})/.exec(created)?.[1];
    expect(token).toBeDefined();
    const api = (t: string) => h.request(`/api/v1/businesses/${h.slug}/services?limit=1`, { headers: { authorization: `Bearer ${t}` } });
    expect((await api(token!)).status).toBe(200);
    const listed = await (await owner.get(`/${h.slug}/admin/tokens`)).text();
    expect(listed).not.toContain(token!);
    const tokenId = new RegExp(`CRM sync[\\s\\S]*?/tokens/(\\d+)/revoke`).exec(listed)?.[1];
    expect((await owner.post(`/${h.slug}/admin/tokens/${tokenId}/revoke`)).status).toBe(303);
    expect((await api(token!)).status).toBe(401);
  });
});
