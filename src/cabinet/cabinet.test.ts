import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { and, count, eq } from "drizzle-orm";
import { makeHarness, T0, type Harness } from "../../test/harness.ts";
import { bookings } from "../booking/schema.ts";
import { notifications, notificationSettings } from "../notification/schema.ts";
import { clientCodes } from "./schema.ts";
import { verifiedClient } from "./session.ts";
import { anonymizeClient } from "../client/privacy.ts";
import { waitlist } from "../waitlist/schema.ts";
import { deliverDue } from "../notification/delivery.ts";
import { fakeDeliveryDeps } from "../notification/testing/deps.ts";
import { startSmsRuFake } from "../notification/testing/fakes.ts";

const API = "/api/v1/businesses/salon";
const VERA = "+79161234567";

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
  // SMS.ru is configured: a code to a phone goes by SMS to that very phone
  await h.db.write((tx) => tx.update(notificationSettings).set({ smsruApiId: "test-api-id" }).where(eq(notificationSettings.id, 1)));
});
afterEach(() => h.close());

async function book(phone: string, start = "2027-03-02T10:00:00+03:00"): Promise<number> {
  const res = await h.api("POST", `${API}/bookings`, { service_id: 1, staff_id: 2, start_ts: start, client: { name: "Вера", phone } }, { auth: false });
  return ((await res.json()) as { booking: { id: number } }).booking.id;
}

/** A browser: its cookies, and form posts with the CSRF token of the page it opened. */
function browser() {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [k, v] = pair!.split("=");
      if (v) jar.set(k!, v);
      else jar.delete(k!);
    }
    return res;
  };
  return {
    get: async (path: string) => keep(await h.request(path, { headers: { cookie: cookie() }, redirect: "manual" })),
    post: async (path: string, fields: Record<string, string>) => {
      if (!jar.has("zapis_csrf")) keep(await h.request("/salon/me", { headers: { cookie: cookie() } }));
      return keep(
        await h.request(path, {
          method: "POST",
          headers: { cookie: cookie(), "content-type": "application/x-www-form-urlencoded", "x-zapis-peer": "198.51.100.7" },
          body: new URLSearchParams({ _csrf: jar.get("zapis_csrf")!, ...fields }).toString(),
          redirect: "manual",
        }),
      );
    },
    request: () => new Request("http://localhost/salon/me", { headers: { cookie: cookie() } }),
  };
}

const codesSent = async () => h.db.orm.select().from(notifications).where(eq(notifications.event, "client_code"));
const lastCode = async () => /(\d{6})/.exec((await codesSent()).at(-1)!.payload.direct!.text)![1]!;

describe("client cabinet", () => {
  test("asking for a code answers the same for a known and an unknown phone; only the client's own phone gets an SMS", async () => {
    await book(VERA);
    const known = await browser().post("/salon/me/code", { phone: "8 916 123-45-67" });
    const unknown = await browser().post("/salon/me/code", { phone: "+79169999999" });
    expect(known.status).toBe(unknown.status);
    const strip = (html: string) => html.replace(/value="[^"]*"/g, "");
    expect(strip(await known.text())).toBe(strip(await unknown.text()));
    const sent = await codesSent();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ channel: "sms" });
    expect(sent[0]!.payload.direct!.to).toBe(VERA);
    // both phones have a code row, stored hashed
    const rows = await h.db.orm.select().from(clientCodes);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => !/^\d{6}$/.test(r.codeHash))).toBe(true);
  });

  test("the code signs in for 30 days; the cabinet lists visits, opens their manage page without a link, and signs out server-side", async () => {
    const mine = await book(VERA);
    const theirs = await book("+79160000001", "2027-03-02T15:00:00+03:00");
    const b = browser();
    await b.post("/salon/me/code", { phone: VERA });
    const signedIn = await b.post("/salon/me/verify", { phone: VERA, code: await lastCode() });
    expect(signedIn.status).toBe(303);
    const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith("zapis_me_salon="))!;
    expect(cookie).toContain("Max-Age=2592000");
    expect(cookie).toContain("HttpOnly");
    expect(await verifiedClient(h.db, b.request(), "salon", h.clock.now())).not.toBeNull();

    const home = await (await b.get("/salon/me")).text();
    expect(home).toContain(`/salon/my/${mine}`);
    expect(home).not.toContain(`/salon/my/${theirs}`);
    expect(home).toContain("/salon/book/time?s=1&amp;m=2");
    expect((await b.get(`/salon/my/${mine}`)).status).toBe(200);
    expect((await b.get(`/salon/my/${theirs}`)).status).toBe(404);
    // cancel within policy through the same use-case
    expect((await b.post(`/salon/my/${mine}/cancel`, { t: "" })).status).toBe(303);
    expect((await h.db.orm.select({ status: bookings.status }).from(bookings).where(eq(bookings.id, mine)))[0]!.status).toBe("cancelled");
    expect((await b.post(`/salon/my/${theirs}/cancel`, { t: "" })).status).toBe(404);

    const copied = b.request();
    expect((await b.post("/salon/me/signout", {})).status).toBe(303);
    // a copy of the old cookie no longer works: the session row is revoked
    expect(await verifiedClient(h.db, copied, "salon", h.clock.now())).toBeNull();
    expect(await verifiedClient(h.db, copied, "salon", h.clock.now() + 31 * 86_400_000)).toBeNull();
  });

  test("the cabinet shows what the client holds: the wallet, a package with visits left, a certificate they bought", async () => {
    await book(VERA);
    const [client] = (await (await h.api("GET", `${API}/clients?q=${encodeURIComponent(VERA)}`)).json() as { data: Array<{ id: number }> }).data;
    const b = browser();
    await b.post("/salon/me/code", { phone: VERA });
    await b.post("/salon/me/verify", { phone: VERA, code: await lastCode() });
    expect(await (await b.get("/salon/me")).text()).not.toContain('id="balance"'); // nothing held yet

    await h.api("POST", `${API}/clients/${client!.id}/wallet/transactions`, { type: "deposit", amount: 150_000, method: "cash" });
    const pkg = ((await (await h.api("POST", `${API}/packages`, { title: "Пять стрижек", service_ids: [1], visits: 5, price: 1_000_000, valid_days: 90 })).json()) as { package: { id: number } }).package.id;
    await h.api("POST", `${API}/clients/${client!.id}/packages`, { package_id: pkg, method: "cash" });
    const sold = (await (await h.api("POST", `${API}/certificates`, { amount: 300_000, expires_at: "2027-12-31", buyer_id: client!.id })).json()) as { certificate: { code: string } };

    const home = await (await b.get("/salon/me")).text();
    expect(home).toContain('id="balance"');
    expect(home).toMatch(/1\s500\s₽/);
    expect(home).toContain("Абонемент «Пять стрижек»: осталось 5 из 5 визитов");
    expect(home).toContain(`Сертификат …${sold.certificate.code.slice(-4)}`);
    expect(home).not.toContain(sold.certificate.code); // the code itself is the salon's printout, never shown again
  });

  test("signed in, the client pays a visit from the wallet on the booking page; the same form from another browser is refused", async () => {
    await book(VERA);
    const [client] = (await (await h.api("GET", `${API}/clients?q=${encodeURIComponent(VERA)}`)).json() as { data: Array<{ id: number }> }).data;
    await h.api("POST", `${API}/clients/${client!.id}/wallet/transactions`, { type: "deposit", amount: 300_000, method: "cash" });
    const b = browser();
    await b.post("/salon/me/code", { phone: VERA });
    await b.post("/salon/me/verify", { phone: VERA, code: await lastCode() });
    const start = Date.parse("2027-03-03T10:00:00+03:00");
    const details = await (await b.get(`/salon/book/details?s=1&m=2&start=${start}`)).text();
    expect(details).toMatch(/Оплатить с баланса \(3\s000\s₽\)/);
    const form = { s: "1", m: "2", start: String(start), name: "Вера", phone: VERA, consent: "yes", pay_with_wallet: "yes" };

    const stranger = browser();
    const refused = await stranger.post("/salon/book", { ...form, key: "cabinet-wallet-0001" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("войдите в кабинет");
    expect(await h.db.orm.select().from(bookings)).toHaveLength(1);

    const paid = await b.post("/salon/book", { ...form, key: "cabinet-wallet-0002" });
    expect(paid.status).toBe(303);
    const wallet = (await (await h.api("GET", `${API}/clients/${client!.id}/wallet`)).json()) as { balance: number };
    expect(wallet.balance).toBe(300_000 - 250_000);
  });

  test("a code goes only by SMS to the phone itself, never to an e-mail a stranger left when booking with that phone", async () => {
    // someone books first with Vera's phone and their own e-mail; SMS.ru is not set up
    await h.api("POST", `${API}/bookings`, { service_id: 1, staff_id: 2, start_ts: "2027-03-02T10:00:00+03:00", client: { name: "Вера", phone: VERA, email: "mallory@evil.test" } }, { auth: false });
    await h.db.write((tx) => tx.update(notificationSettings).set({ smsruApiId: null }).where(eq(notificationSettings.id, 1)));
    const b = browser();
    await b.post("/salon/me/code", { phone: VERA });
    expect(await h.db.orm.select().from(clientCodes)).toHaveLength(1); // asked, and answered as for anyone
    expect(await codesSent()).toHaveLength(0);
  });

  test("brute force: five wrong tries, then the sixth is refused even with the right code; new codes are limited per phone", async () => {
    await book(VERA);
    const b = browser();
    await b.post("/salon/me/code", { phone: VERA });
    const right = await lastCode();
    const wrong = right === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) expect((await b.post("/salon/me/verify", { phone: VERA, code: wrong })).status).toBe(400);
    const sixth = await b.post("/salon/me/verify", { phone: VERA, code: right });
    expect(sixth.status).toBe(429);
    expect(sixth.headers.getSetCookie().some((c) => c.startsWith("zapis_me_"))).toBe(false);
    // two more codes this hour, then no more (per phone, whoever asks)
    expect((await b.post("/salon/me/code", { phone: VERA })).status).toBe(200);
    expect((await browser().post("/salon/me/code", { phone: VERA })).status).toBe(200);
    expect((await browser().post("/salon/me/code", { phone: VERA })).status).toBe(429);
    expect(await codesSent()).toHaveLength(3);
    // an hour later a code works again
    h.clock.set(T0 + 61 * 60_000);
    await b.post("/salon/me/code", { phone: VERA });
    expect((await b.post("/salon/me/verify", { phone: VERA, code: await lastCode() })).status).toBe(303);
  });

  test("a code expires after 5 minutes and works once", async () => {
    await book(VERA);
    const b = browser();
    await b.post("/salon/me/code", { phone: VERA });
    const code = await lastCode();
    h.clock.set(T0 + 5 * 60_000 + 1);
    expect((await b.post("/salon/me/verify", { phone: VERA, code })).status).toBe(400);
    h.clock.set(T0 + 6 * 60_000);
    await b.post("/salon/me/code", { phone: VERA });
    const fresh = await lastCode();
    expect((await b.post("/salon/me/verify", { phone: VERA, code: fresh })).status).toBe(303);
    expect((await browser().post("/salon/me/verify", { phone: VERA, code: fresh })).status).toBe(400);
    const [used] = await h.db.orm.select({ n: count() }).from(clientCodes).where(and(eq(clientCodes.phone, VERA)));
    expect(used!.n).toBe(2);
  });

  test("codes are limited per address too", async () => {
    for (let i = 0; i < 10; i++) expect((await browser().post("/salon/me/code", { phone: `+7916555000${i}` })).status).toBe(200);
    expect((await browser().post("/salon/me/code", { phone: "+79165550100" })).status).toBe(429);
    expect((await browser().post("/salon/me/code", { phone: "not a phone" })).status).toBe(400);
  });
});

describe("the code over SMS.ru", () => {
  test("reaches the client's phone, and the outbox forgets it once sent", async () => {
    await book(VERA);
    const sms = startSmsRuFake();
    const deps = fakeDeliveryDeps(h.clock, { smsRu: sms.url });
    try {
      await browser().post("/salon/me/code", { phone: VERA });
      const code = await lastCode();
      await deliverDue(deps, { slug: "salon", db: h.db });
      expect(sms.received.find((m) => m.msg.startsWith(code))).toMatchObject({ to: "79161234567" });
      expect((await codesSent())[0]!.payload.direct!.text).toBe("");
    } finally {
      deps.close();
      await sms.close();
    }
  });
});

describe("erasing a client", () => {
  test("signs their devices out and removes their codes and waitlist requests", async () => {
    await book(VERA);
    const b = browser();
    await b.post("/salon/me/code", { phone: VERA });
    await b.post("/salon/me/verify", { phone: VERA, code: await lastCode() });
    await h.api("POST", `${API}/waitlist`, { service_id: 1, date_from: "2027-03-03", date_to: "2027-03-04", client: { name: "Вера", phone: VERA } }, { auth: false });
    const clientId = await verifiedClient(h.db, b.request(), "salon", h.clock.now());
    expect(clientId).not.toBeNull();
    await anonymizeClient({ db: h.db, clock: h.clock }, { userId: null, role: "owner", staffId: null, label: "test" }, clientId!);
    expect(await verifiedClient(h.db, b.request(), "salon", h.clock.now())).toBeNull();
    expect(await h.db.orm.select().from(clientCodes)).toHaveLength(0);
    expect(await h.db.orm.select().from(waitlist)).toHaveLength(0);
  });
});
