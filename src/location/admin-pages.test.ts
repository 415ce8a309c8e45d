// The admin's branch switch and users limited to branches (issue 17), through the real handlers:
// the journal, the bookings list and the reports show one branch; a manager limited to Almaty never
// sees Moscow's visits on any page.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { users } from "../account/schema.ts";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { signedIn, type TestBrowser } from "../session/test-browser.ts";
import { setUserBranches } from "./location.ts";

const BASE = "/api/v1/businesses/salon";
const FRIDAY = "2027-03-05";
let h: Harness;
let almaty: number;
let moscowVisit: number;
let owner: TestBrowser;

async function book(location: number, start: string, name: string, phone: string): Promise<number> {
  const res = await h.api("POST", `${BASE}/bookings`, { service_id: 1, staff_id: 2, start_ts: start, location_id: location, client: { name, phone } }, { auth: false });
  expect(res.status).toBe(201);
  return ((await res.json()) as { booking: { id: number } }).booking.id;
}

beforeAll(async () => {
  h = await makeHarness();
  almaty = ((await (await h.api("POST", `${BASE}/locations`, { name: "Алматы", timezone: "Asia/Almaty" })).json()) as { id: number }).id;
  await h.api("PATCH", `${BASE}/staff/2`, { location_ids: [1, almaty] });
  await h.api("PUT", `${BASE}/staff/2/schedule`, { location_id: almaty, week: [{ weekday: 5, start: "09:00", end: "18:00" }] });
  moscowVisit = await book(1, `${FRIDAY}T10:00:00+03:00`, "Клиентка Москвы", "+79161110000");
  await book(almaty, `${FRIDAY}T15:00:00+05:00`, "Клиентка Алматы", "+79162220000");
  owner = await signedIn(h, { email: "owner@salon.test" });
});
afterAll(() => h.close());

test("the journal shows one branch, switched by ?branch= and remembered; times in the branch's zone", async () => {
  const moscow = await (await owner.get(`/${h.slug}/admin?date=${FRIDAY}`)).text();
  expect(moscow).toContain('class="branch-switch"');
  expect(moscow).toContain("Клиентка Москвы");
  expect(moscow).not.toContain("Клиентка Алматы");
  const switched = await owner.get(`/${h.slug}/admin?date=${FRIDAY}&branch=${almaty}`);
  expect(switched.headers.getSetCookie().some((c) => c.startsWith(`zapis_branch_${h.slug}=${almaty}`))).toBe(true);
  const there = await switched.text();
  expect(there).toContain("Клиентка Алматы");
  expect(there).not.toContain("Клиентка Москвы");
  expect(there).toContain("15:00"); // the Almaty visit at Almaty time
  // remembered: the next page without ?branch= stays in Almaty
  expect(await (await owner.get(`/${h.slug}/admin/bookings?from=2027-03-01&to=2027-03-31`)).text()).toContain("Клиентка Алматы");
  await owner.get(`/${h.slug}/admin?branch=1`);
});

test("reports are per branch: visits, revenue and the masters who work there", async () => {
  const csv = async (branch: number, table: string) => (await (await owner.get(`/${h.slug}/admin/reports.csv?table=${table}&from=2027-03-01&to=2027-03-31&branch=${branch}`)).text()).trim().split("\n");
  const bookingsIn = (rows: string[]) => rows.slice(1).reduce((sum, r) => sum + Number(r.split(",")[1]), 0);
  expect(bookingsIn(await csv(1, "series"))).toBe(1);
  expect(bookingsIn(await csv(almaty, "series"))).toBe(1);
  const mastersThere = (await csv(almaty, "masters")).slice(1).map((r) => r.split(",")[0]);
  expect(mastersThere).toEqual(["Анна Смирнова"]);
  expect((await csv(1, "masters")).length).toBeGreaterThan(2);
  await owner.get(`/${h.slug}/admin?branch=1`);
});

test("a manager limited to Almaty never sees Moscow in the admin pages", async () => {
  const manager = await signedIn(h, { email: "almaty@salon.test", role: "manager" });
  const [user] = await h.db.orm.select({ id: users.id }).from(users).where(eq(users.email, "almaty@salon.test"));
  await h.db.write((tx) => setUserBranches(tx, user!.id, [almaty]));
  const page = await (await manager.get(`/${h.slug}/admin?date=${FRIDAY}&branch=1`)).text();
  expect(page).toContain("Клиентка Алматы");
  expect(page).not.toContain("Клиентка Москвы");
  expect(page).not.toContain('class="branch-switch"'); // one branch to see: nothing to switch
  expect(await (await manager.get(`/${h.slug}/admin/bookings?from=2027-03-01&to=2027-03-31&branch=1`)).text()).not.toContain("Клиентка Москвы");
  expect((await manager.get(`/${h.slug}/admin/bookings/${moscowVisit}`)).status).toBe(404);
});

test("the owner adds and changes branches and limits accounts on /admin/settings/locations", async () => {
  const page = await (await owner.get(`/${h.slug}/admin/settings/locations`)).text();
  expect(page).toContain("Алматы");
  const bad = await owner.post(`/${h.slug}/admin/settings/locations`, { name: "Астана", timezone: "Asia/Almaty", map_url: "javascript:alert(1)" });
  expect(bad.status).toBe(400);
  expect(await bad.text()).toContain("Ссылка на карту должна начинаться с http(s)");
  expect((await owner.post(`/${h.slug}/admin/settings/locations`, { name: "Астана", timezone: "Asia/Almaty", address: "ул. Кенесары, 1" })).status).toBe(303);
  const listed = (await (await h.request(`${BASE}/locations`)).json()) as { data: Array<{ id: number; name: string; address: string | null }> };
  const astana = listed.data.find((l) => l.name === "Астана")!;
  expect(astana.address).toBe("ул. Кенесары, 1");
  expect((await owner.post(`/${h.slug}/admin/settings/locations/${astana.id}`, { name: "Астана-1", timezone: "Asia/Almaty", map_url: "https://2gis.kz/astana" })).status).toBe(303);
  expect(((await (await h.request(`${BASE}/locations/${astana.id}`)).json()) as { name: string; map_url: string }).map_url).toBe("https://2gis.kz/astana");

  await signedIn(h, { email: "staff-limit@salon.test", role: "manager" });
  const [user] = await h.db.orm.select({ id: users.id }).from(users).where(eq(users.email, "staff-limit@salon.test"));
  expect((await owner.post(`/${h.slug}/admin/settings/locations/users/${user!.id}`, { location_ids: [String(astana.id)] })).status).toBe(303);
  expect(await (await owner.get(`/${h.slug}/admin/settings/locations`)).text()).toMatch(new RegExp(`data-user="${user!.id}"[\\s\\S]*?value="${astana.id}" checked`));
});
