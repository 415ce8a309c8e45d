import { afterEach, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { certificateTransactions } from "../certificate/schema.ts";
import { packageUses } from "../package/schema.ts";
import { walletTransactions } from "../wallet/schema.ts";
import { BASE, deposit, HAIRCUT, newClient, TWENTY_STARTS, walletOf, type BookingBody } from "./testing/salon.ts";

let h: Harness;
afterEach(() => h.close());

test("a visit priced by every step; cancelling it twice at once returns the package visit, certificate and wallet money exactly once", async () => {
  h = await makeHarness();
  const client = await newClient(h, "+79161112233", { discount_percent: 10 });
  await deposit(h, client, 200_000);
  const cert = ((await (await h.api("POST", `${BASE}/certificates`, { amount: 30_000, expires_at: "2027-12-31" })).json()) as { certificate: { code: string } }).certificate;
  expect((await h.api("POST", `${BASE}/promo-codes`, { code: "MINUS500", amount: 50_000 })).status).toBe(201);
  const pkg = ((await (await h.api("POST", `${BASE}/packages`, { title: "Мужские ×2", service_ids: [2], visits: 2, price: 250_000, valid_days: 60 })).json()) as { package: { id: number } }).package;
  expect((await h.api("POST", `${BASE}/clients/${client}/packages`, { package_id: pkg.id, method: "card" })).status).toBe(201);

  // a haircut (2 500 ₽) and a men's cut (1 500 ₽, the package's) in one visit, with Anna (Tuesday 11:00)
  const res = await h.api("POST", `${BASE}/bookings`, {
    services: [HAIRCUT.id, 2],
    start_ts: TWENTY_STARTS[0],
    client_id: client,
    use_package: true,
    pay_with_wallet: true,
    promo_code: "minus500",
    certificate_code: cert.code,
  });
  expect(res.status).toBe(201);
  const { booking } = (await res.json()) as BookingBody;
  // package takes the men's cut; 10 % of 250 000; 500 ₽ off the rest; the certificate's 300 ₽; the wallet the remaining 1 450 ₽
  expect(booking.price_lines).toEqual([
    { kind: "package", amount: 150_000 },
    { kind: "personal", amount: 25_000 },
    { kind: "promo", amount: 50_000 },
    { kind: "certificate", amount: 30_000 },
    { kind: "wallet", amount: 145_000 },
  ]);
  expect(booking).toMatchObject({ price: 400_000, discount: 225_000, total: 175_000, prepaid: 175_000 });
  expect((await walletOf(h, client)).balance).toBe(55_000);

  const [a, b] = await Promise.all([
    h.api("PATCH", `${BASE}/bookings/${booking.id}`, { status: "cancelled" }),
    h.api("DELETE", `${BASE}/bookings/${booking.id}`),
  ]);
  expect([a!.status, b!.status].sort()).toEqual([200, 400]);
  expect((await h.api("DELETE", `${BASE}/bookings/${booking.id}`)).status).toBe(400);

  const uses = await h.db.orm.select().from(packageUses).where(eq(packageUses.bookingId, booking.id));
  expect(uses.map((u) => u.delta).sort()).toEqual([-1, 1]);
  const draws = await h.db.orm.select().from(certificateTransactions).where(eq(certificateTransactions.bookingId, booking.id));
  expect(draws.map((d) => d.amountMinor).sort((x, y) => x - y)).toEqual([-30_000, 30_000]);
  const moves = await h.db.orm.select().from(walletTransactions).where(eq(walletTransactions.bookingId, booking.id));
  expect(moves.map((m) => [m.type, m.amountMinor])).toEqual([["payment", -145_000], ["refund", 145_000]]);

  const held = ((await (await h.api("GET", `${BASE}/clients/${client}/packages`)).json()) as { data: Array<{ visits_left: number }> }).data;
  expect(held[0]!.visits_left).toBe(2);
  const certs = ((await (await h.api("GET", `${BASE}/certificates`)).json()) as { data: Array<{ balance: number }> }).data;
  expect(certs[0]!.balance).toBe(30_000);
  expect((await walletOf(h, client)).balance).toBe(200_000);
}, 60_000);
