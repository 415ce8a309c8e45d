import { afterEach, describe, expect, test } from "bun:test";
import { count } from "drizzle-orm";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { auditLog } from "../audit/schema.ts";
import { BASE, HAIRCUT, TWENTY_STARTS, type BookingBody } from "../balance/testing/salon.ts";
import { certificates, certificateTransactions } from "./schema.ts";
import { newCertificateCode, normalizeCertificateCode } from "./certificate.ts";

let h: Harness;
afterEach(() => h.close());

const anonymous = (start: string, fields: Record<string, unknown>) =>
  h.api("POST", `${BASE}/bookings`, { service_id: HAIRCUT.id, start_ts: start, client: { name: "Гость", phone: "+79160000077" }, ...fields }, { auth: false });

async function sell(amount: number, expiresAt = "2027-12-31"): Promise<{ id: number; code: string; balance: number }> {
  const res = await h.api("POST", `${BASE}/certificates`, { amount, expires_at: expiresAt });
  expect(res.status).toBe(201);
  expect(res.headers.get("cache-control")).toBe("no-store");
  return ((await res.json()) as { certificate: { id: number; code: string; balance: number } }).certificate;
}

const draws = async () => (await h.db.orm.select({ n: count() }).from(certificateTransactions))[0]!.n;

describe("gift certificates", () => {
  test("codes are random, typed any way, and never stored, listed or audited in the clear", async () => {
    h = await makeHarness();
    const codes = new Set(Array.from({ length: 1000 }, newCertificateCode));
    expect(codes.size).toBe(1000);
    const code = [...codes][0]!;
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(normalizeCertificateCode(` ${code.toLowerCase().replaceAll("-", " ")} `)).toBe(code.replaceAll("-", ""));
    expect(normalizeCertificateCode("not-a-code")).toBeNull();

    const sold = await sell(300_000);
    const plain = sold.code.replaceAll("-", "");
    const stored = JSON.stringify(await h.db.orm.select().from(certificates)) + JSON.stringify(await h.db.orm.select().from(auditLog));
    expect(stored).not.toContain(plain);
    const list = await (await h.api("GET", `${BASE}/certificates`)).text();
    expect(list).not.toContain(plain);
    expect(list).toContain(plain.slice(-4));
  });

  test("anyone holding the code pays with it; visits draw the balance down until it is spent", async () => {
    h = await makeHarness();
    const cert = await sell(300_000);
    const first = await anonymous(TWENTY_STARTS[0]!, { certificate_code: cert.code.toLowerCase() });
    expect(first.status).toBe(201);
    expect(((await first.json()) as BookingBody).booking).toMatchObject({ total: HAIRCUT.price, prepaid: HAIRCUT.price, price_lines: [{ kind: "certificate", amount: HAIRCUT.price }] });
    const second = await anonymous(TWENTY_STARTS[1]!, { certificate_code: cert.code });
    expect(((await second.json()) as BookingBody).booking.price_lines).toEqual([{ kind: "certificate", amount: 50_000 }]);
    const list = (await (await h.api("GET", `${BASE}/certificates`)).json()) as { data: Array<{ balance: number }> };
    expect(list.data[0]!.balance).toBe(0);

    const before = await draws();
    const spent = await anonymous(TWENTY_STARTS[2]!, { certificate_code: cert.code });
    expect(spent.status).toBe(409);
    expect(await spent.json()).toMatchObject({ code: "CERTIFICATE_NOT_USABLE", messages: [{ field: "certificate_code", message: "Сертификат израсходован полностью" }] });
    expect(await draws()).toBe(before);
  });

  test("an expired or unknown certificate is refused and no booking is made", async () => {
    h = await makeHarness();
    const cert = await sell(300_000, "2027-03-02");
    h.clock.advance(3 * 86_400_000);
    const expired = await anonymous(TWENTY_STARTS[8]!, { certificate_code: cert.code });
    expect(expired.status).toBe(409);
    expect(((await expired.json()) as { messages: Array<{ message: string }> }).messages[0]!.message).toBe("Срок действия сертификата истёк");
    const unknown = await anonymous(TWENTY_STARTS[8]!, { certificate_code: "AAAA-BBBB-CCCC-DDDD" });
    expect(unknown.status).toBe(409);
    expect(await draws()).toBe(0);
    expect(((await (await h.api("GET", `${BASE}/bookings`)).json()) as { meta: { total: number } }).meta.total).toBe(0);
  });
});

describe("promo codes", () => {
  test("percent off the chosen services, refused past its usage limit; a cancelled visit's use no longer counts", async () => {
    h = await makeHarness();
    const made = await h.api("POST", `${BASE}/promo-codes`, { code: "spring10", percent: 10, max_uses: 1, service_ids: [HAIRCUT.id], valid_to: "2027-03-31" });
    expect(made.status).toBe(201);
    expect(await made.json()).toMatchObject({ promo_code: { code: "SPRING10", uses: 0, valid_to: "2027-04-01T00:00:00+03:00" } });
    const first = await anonymous(TWENTY_STARTS[0]!, { promo_code: "Spring10" });
    expect(first.status).toBe(201);
    const { booking } = (await first.json()) as BookingBody;
    expect(booking).toMatchObject({ discount: 25_000, total: 225_000, price_lines: [{ kind: "promo", amount: 25_000 }] });

    const usedUp = await anonymous(TWENTY_STARTS[1]!, { promo_code: "SPRING10" });
    expect(usedUp.status).toBe(409);
    expect(await usedUp.json()).toMatchObject({ code: "PROMO_NOT_USABLE", messages: [{ field: "promo_code", message: "Промокод уже использован столько раз, сколько разрешил салон" }] });

    expect((await h.api("PATCH", `${BASE}/bookings/${booking.id}`, { status: "cancelled" })).status).toBe(200);
    expect((await anonymous(TWENTY_STARTS[1]!, { promo_code: "SPRING10" })).status).toBe(201);
  });

  test("bad promo definitions are refused naming each field; an unknown or expired code is refused at booking", async () => {
    h = await makeHarness();
    const bad = await h.api("POST", `${BASE}/promo-codes`, { code: "a b", percent: 10, amount: 500, valid_from: "2027-05-01", valid_to: "2027-04-01" });
    expect(bad.status).toBe(400);
    const fields = ((await bad.json()) as { messages: Array<{ field: string }> }).messages.map((m) => m.field).sort();
    expect(fields).toEqual(["code", "percent", "valid_to"]);
    expect((await h.api("POST", `${BASE}/promo-codes`, { code: "OLD", amount: 50_000, valid_to: "2027-02-28" })).status).toBe(201);
    expect((await h.api("POST", `${BASE}/promo-codes`, { code: "old", percent: 5 })).status).toBe(409);
    expect(((await (await anonymous(TWENTY_STARTS[0]!, { promo_code: "OLD" })).json()) as { messages: Array<{ message: string }> }).messages[0]!.message).toBe("Срок действия промокода истёк");
    expect((await anonymous(TWENTY_STARTS[0]!, { promo_code: "NOPE" })).status).toBe(409);
  });
});
