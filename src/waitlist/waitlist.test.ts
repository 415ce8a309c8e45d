import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { count, eq } from "drizzle-orm";
import { makeHarness, T0, type Harness } from "../../test/harness.ts";
import { bookings } from "../booking/schema.ts";
import { notifications, notificationSettings } from "../notification/schema.ts";
import { salonFacts } from "../business/business.ts";
import { waitlist, waitlistOffers } from "./schema.ts";
import { offerFreedTimes, OFFER_TTL_MS } from "./waitlist.ts";

const API = "/api/v1/businesses/salon";
const AT_10 = "2027-03-02T10:00:00+03:00";

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
  await h.db.write((tx) => tx.update(notificationSettings).set({ smsruApiId: "test-api-id" }).where(eq(notificationSettings.id, 1)));
});
afterEach(() => h.close());

const join = (phone: string, extra: Record<string, unknown> = {}) =>
  h.api("POST", `${API}/waitlist`, { service_id: 1, staff_id: 2, date_from: "2027-03-02", date_to: "2027-03-02", time_from: "10:00", time_to: "11:00", client: { name: `Client ${phone.slice(-2)}`, phone }, ...extra }, { auth: false });

/** The offers sent so far: claim links by phone. */
async function offersByPhone(): Promise<Map<string, string>> {
  const rows = await h.db.orm.select().from(notifications).where(eq(notifications.event, "waitlist_offer"));
  return new Map(rows.map((r) => [r.payload.direct!.to, /http:\/\/localhost:3000(\S+)/.exec(r.payload.direct!.text)![1]!]));
}

async function claim(link: string): Promise<Response> {
  const page = await h.request(link);
  const csrf = /zapis_csrf=([^;]+)/.exec(page.headers.get("set-cookie") ?? "")?.[1] ?? "x";
  const url = new URL(link, "http://localhost");
  return h.request(url.pathname, {
    method: "POST",
    headers: { cookie: `zapis_csrf=${csrf}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: csrf, t: url.searchParams.get("t")! }).toString(),
    redirect: "manual",
  });
}

const run = async () => offerFreedTimes({ db: h.db, clock: h.clock, claimUrl: (id, token) => `http://localhost:3000/salon/waitlist/claim/${id}?t=${token}` }, await salonFacts(h.db));
const bookingCount = async () => (await h.db.orm.select({ n: count() }).from(bookings))[0]!.n;

describe("waitlist", () => {
  test("a cancel frees the time: waiters are offered it in order, the first claim books it, the other is told it is gone", async () => {
    const taken = await h.api("POST", `${API}/bookings`, { service_id: 1, staff_id: 2, start_ts: AT_10, client: { name: "Early", phone: "+79160000000" } }, { auth: false });
    const takenId = ((await taken.json()) as { booking: { id: number } }).booking.id;
    expect((await join("+79161111111")).status).toBe(201);
    expect((await join("+79162222222")).status).toBe(201);
    expect(await run()).toBe(0);

    expect((await h.api("DELETE", `${API}/bookings/${takenId}`)).status).toBeLessThan(300);
    expect(await run()).toBe(2);
    const offers = await offersByPhone();
    expect([...offers.keys()]).toEqual(["+79161111111", "+79162222222"]);
    // a second run offers nothing new
    expect(await run()).toBe(0);

    const claimPage = await h.request(offers.get("+79162222222")!);
    expect(claimPage.status).toBe(200);
    const won = await claim(offers.get("+79162222222")!);
    expect(won.status).toBe(303);
    expect(won.headers.get("location")).toMatch(/^\/salon\/my\/\d+\?t=.+&new=1$/);
    const [booked] = await h.db.orm.select().from(waitlist).where(eq(waitlist.contactPhone, "+79162222222"));
    expect(booked!.status).toBe("booked");
    const [visit] = await h.db.orm.select().from(bookings).where(eq(bookings.id, booked!.bookingId!));
    expect(visit!.startTs).toBe(Date.parse(AT_10));

    // the other waiter: told it is gone, waiting again, and their link refused
    const gone = await h.db.orm.select().from(notifications).where(eq(notifications.event, "waitlist_gone"));
    expect(gone.map((g) => g.payload.direct!.to)).toEqual(["+79161111111"]);
    const before = await bookingCount();
    const late = await claim(offers.get("+79161111111")!);
    expect(late.status).toBe(410);
    // the winner's link used twice: refused, nothing booked twice
    expect((await claim(offers.get("+79162222222")!)).status).toBe(410);
    expect(await bookingCount()).toBe(before);
    const [waiting] = await h.db.orm.select().from(waitlist).where(eq(waitlist.contactPhone, "+79161111111"));
    expect(waiting!.status).toBe("waiting");
  });

  test("an offer claimed after it expired is refused and the waiter waits on; a forged link is a 404", async () => {
    await join("+79161111111");
    expect(await run()).toBe(1);
    const link = (await offersByPhone()).get("+79161111111")!;
    expect((await h.request(link.replace(/t=.*/, "t=forged"))).status).toBe(404);
    h.clock.set(T0 + OFFER_TTL_MS + 1);
    const before = await bookingCount();
    expect((await claim(link)).status).toBe(410);
    expect(await bookingCount()).toBe(before);
    await run();
    const [offer] = await h.db.orm.select().from(waitlistOffers).where(eq(waitlistOffers.waitlistId, 1));
    expect(offer!.status).toBe("expired");
  });

  test("bad requests are refused with nothing stored; staff list and remove requests", async () => {
    expect((await join("+79161111111", { date_from: "2027-03-05", date_to: "2027-03-02" })).status).toBe(400);
    expect((await join("+79161111111", { time_from: "25:00" })).status).toBe(400);
    expect((await join("not a phone")).status).toBe(400);
    expect((await join("+79161111111", { service_id: 999 })).status).toBe(404);
    expect((await join("+79161111111", { extra: 1 })).status).toBe(400);
    // a room, or no such master: refused now, not a row that would stop every later offer
    expect((await join("+79161111111", { staff_id: 1 })).status).toBe(404);
    expect((await join("+79161111111", { staff_id: 999999 })).status).toBe(404);
    expect((await h.db.orm.select({ n: count() }).from(waitlist))[0]!.n).toBe(0);

    await join("+79161111111");
    expect((await h.api("GET", `${API}/waitlist`, undefined, { auth: false })).status).toBe(401);
    const list = (await (await h.api("GET", `${API}/waitlist`)).json()) as { data: Array<{ id: number; time_from: string }> };
    expect(list.data).toEqual([expect.objectContaining({ time_from: "10:00" })]);
    expect((await h.api("DELETE", `${API}/waitlist/${list.data[0]!.id}`)).status).toBe(204);
    expect(await run()).toBe(0);
  });

  test("the time step links the waitlist, and its form joins", async () => {
    const time = await (await h.request("/salon/book/time?s=1&m=2&d=2027-03-02")).text();
    expect(time).toContain("/salon/waitlist?s=1&amp;m=2&amp;d=2027-03-02");
    const form = await h.request("/salon/waitlist?s=1&m=2&d=2027-03-02");
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('value="2027-03-02"');
  });
});
