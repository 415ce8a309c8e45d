// One salon with YooKassa set up against the loopback fake, for the payment tests.
import { makeHarness, type Harness } from "../../../test/harness.ts";
import { startFakeYooKassa, type FakeYooKassa } from "./fake-yookassa.ts";

export const SHOP = { shopId: "506751", secret: "test_Fh8hUAVVBGUGbjmlzba6TB0iyUbos_lueTHE-axOwM0" };
export const BOOKINGS = "/api/v1/businesses/salon/bookings";
export const WEBHOOK = "/api/v1/businesses/salon/webhooks/yookassa";
// Demo salon: service 1 (60 min, 2 500.00) by master 2, Monday 2027-03-01 from 10:00 Moscow
export const AT_10 = "2027-03-01T10:00:00+03:00";

export interface PaidSalon {
  h: Harness;
  fake: FakeYooKassa;
  close(): Promise<void>;
}

export async function paidSalon(prepayment: Record<string, unknown> = { mode: "percent", value: 30, applies_to: "all" }): Promise<PaidSalon> {
  const fake = startFakeYooKassa(SHOP);
  const h = await makeHarness({ env: { ZAPIS_YOOKASSA_URL: fake.url } });
  const res = await h.api("PATCH", "/api/v1/businesses/salon", { yookassa: { shop_id: SHOP.shopId, secret_key: SHOP.secret }, receipts: { enabled: true, vat_code: 1, tax_system_code: 2 }, prepayment });
  if (res.status !== 200) throw new Error(`settings refused: ${await res.text()}`);
  return { h, fake, close: async () => (h.close(), await fake.close()) };
}

export async function bookPublic(h: Harness, i = 0, start = AT_10, headers: Record<string, string> = {}) {
  const res = await h.api("POST", BOOKINGS, { service_id: 1, start_ts: start, client: { name: `Client ${i}`, phone: `+7916${String(1_000_000 + i)}`, email: `c${i}@example.com` } }, { auth: false, headers });
  return { status: res.status, body: (await res.json()) as any };
}
