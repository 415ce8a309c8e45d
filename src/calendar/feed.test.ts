// A master's calendar subscription through the real handlers: issued from the admin staff page by an
// owner or manager, read by a calendar app with its token, replaced and revoked.
// Demo salon: service 1 "Женская стрижка" with Anna (2), Mon 2027-03-01 in Moscow.
import { afterEach, beforeEach, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { signedIn } from "../session/test-browser.ts";
import { staffCalendarFeeds } from "./schema.ts";

const ANNA = 2;
let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

async function book(start: string, name: string) {
  const res = await h.api("POST", "/api/v1/businesses/salon/bookings", { service_id: 1, staff_id: ANNA, start_ts: start, client: { name, phone: "+79161234567", email: "vera@example.com" } }, { auth: false });
  expect(res.status).toBe(201);
  return ((await res.json()) as { booking: { id: number } }).booking.id;
}

/** Issues Anna's link as `who` and returns the path + query the page shows once. */
async function issue(who: Awaited<ReturnType<typeof signedIn>>): Promise<string> {
  const page = await who.post(`/salon/admin/staff/${ANNA}/calendar-feed`);
  expect(page.status).toBe(200);
  const url = /value="(http:\/\/localhost:3000\/salon\/calendar\/staff\/2\.ics\?t=[\w-]+)"/.exec(await page.text())?.[1];
  expect(url).toBeDefined();
  return url!.replace("http://localhost:3000", "");
}

const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "");

test("the feed lists the master's visits by client first name and service, no phone or e-mail; a cancelled visit leaves it", async () => {
  const kept = await book("2027-03-01T11:00:00+03:00", "Вера Иванова");
  const gone = await book("2027-03-01T15:00:00+03:00", "Ольга Петрова");
  const feedPath = await issue(await signedIn(h, { email: "manager@salon.test", role: "manager" }));
  // only the hash is stored
  const [row] = await h.db.orm.select().from(staffCalendarFeeds).where(eq(staffCalendarFeeds.staffId, ANNA));
  expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  expect(feedPath).not.toContain(row!.tokenHash);

  expect((await h.api("PATCH", `/api/v1/businesses/salon/bookings/${gone}`, { status: "cancelled" })).status).toBe(200);
  const res = await h.request(feedPath);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toStartWith("text/calendar");
  expect(res.headers.get("cache-control")).toBe("no-store");
  const ics = unfold(await res.text());
  expect(ics).toContain("\r\nX-WR-CALNAME:Анна Смирнова — Test Salon\r\n");
  expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
  expect(ics).toContain(`\r\nUID:booking-${kept}.staff-2@salon.zapis\r\nSEQUENCE:0\r\n`);
  expect(ics).toContain("\r\nDTSTART:20270301T080000Z\r\n");
  expect(ics).toContain("\r\nSUMMARY:Вера — Женская стрижка\r\n");
  expect(ics).not.toMatch(/Иванова|Ольга|7916|\+7|vera@example/);
});

test("a wrong, empty or revoked token, or another master's id, is a plain 404; re-issuing retires the old link", async () => {
  await book("2027-03-01T11:00:00+03:00", "Вера");
  const owner = await signedIn(h, { email: "owner@salon.test", role: "owner" });
  const first = await issue(owner);
  const token = new URL(`http://x${first}`).searchParams.get("t")!;
  expect((await h.request(first)).status).toBe(200);
  const wrong = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
  for (const path of [`/salon/calendar/staff/2.ics?t=${wrong}`, "/salon/calendar/staff/2.ics", `/salon/calendar/staff/3.ics?t=${token}`, `/salon/calendar/staff/2.txt?t=${token}`]) {
    const res = await h.request(path);
    expect({ path, status: res.status }).toEqual({ path, status: 404 });
  }
  const second = await issue(owner);
  expect(second).not.toBe(first);
  expect((await h.request(first)).status).toBe(404);
  expect((await h.request(second)).status).toBe(200);

  expect((await owner.post(`/salon/admin/staff/${ANNA}/calendar-feed/revoke`)).status).toBe(303);
  expect((await h.request(second)).status).toBe(404);
});

test("a master's own account may not issue links (they show every visit of a master)", async () => {
  const anna = await signedIn(h, { email: "anna@salon.test", role: "staff", staffId: ANNA });
  expect((await anna.post(`/salon/admin/staff/${ANNA}/calendar-feed`)).status).toBe(403);
  expect(await h.db.orm.select().from(staffCalendarFeeds)).toHaveLength(0);
  const page = await (await anna.get("/salon/admin/staff")).text();
  expect(page).not.toContain("calendar-feed");
});
