import { afterEach, describe, expect, test } from "bun:test";
import { count, eq } from "drizzle-orm";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { auditLog } from "../audit/schema.ts";
import { BASE, bookFor, deposit, HAIRCUT, newClient, TWENTY_STARTS, walletOf, type BookingBody } from "../balance/testing/salon.ts";
import { issueApiToken } from "../account/api-token.ts";
import { walletTransactions } from "./schema.ts";

let h: Harness;
afterEach(() => h.close());

const rows = async () => (await h.db.orm.select({ n: count() }).from(walletTransactions))[0]!.n;

describe("the client wallet", () => {
  test("deposit and withdraw; a withdrawal above the balance is refused in the reader's language and leaves the ledger as it was", async () => {
    h = await makeHarness();
    const client = await newClient(h);
    await deposit(h, client, 100_000);
    const out = await h.api("POST", `${BASE}/clients/${client}/wallet/transactions`, { type: "withdraw", amount: 30_000, method: "cash", note: "cash back" });
    expect(out.status).toBe(201);
    expect(((await out.json()) as { balance: number }).balance).toBe(70_000);

    const before = await rows();
    const tooMuch = await h.api("POST", `${BASE}/clients/${client}/wallet/transactions`, { type: "withdraw", amount: 70_001, method: "cash" }, { headers: { "accept-language": "ru" } });
    expect(tooMuch.status).toBe(409);
    const body = (await tooMuch.json()) as { code: string; messages: Array<{ field: string; message: string }> };
    expect(body.code).toBe("INSUFFICIENT_BALANCE");
    expect(body.messages[0]!.message).toContain("недостаточно");
    expect(await rows()).toBe(before);
    expect((await walletOf(h, client)).balance).toBe(70_000);
  });

  test("a correction needs a reason, is the owner's, and is audited with who and why", async () => {
    h = await makeHarness();
    const client = await newClient(h);
    const noReason = await h.api("POST", `${BASE}/clients/${client}/wallet/transactions`, { type: "correction", amount: -500 });
    expect(noReason.status).toBe(400);
    const manager = await issueApiToken(h.db, { name: "manager", role: "manager", now: h.clock.now() });
    const byManager = await h.api("POST", `${BASE}/clients/${client}/wallet/transactions`, { type: "correction", amount: 500, note: "gift" }, { auth: false, headers: { authorization: `Bearer ${manager}` } });
    expect(byManager.status).toBe(403);
    // a correction may not take the wallet below zero either
    expect((await h.api("POST", `${BASE}/clients/${client}/wallet/transactions`, { type: "correction", amount: -1, note: "typo" })).status).toBe(409);
    const ok = await h.api("POST", `${BASE}/clients/${client}/wallet/transactions`, { type: "correction", amount: 1_234, note: "imported balance from YClients" });
    expect(ok.status).toBe(201);
    const [entry] = await h.db.orm.select().from(auditLog).where(eq(auditLog.action, "wallet.correction"));
    expect(entry).toMatchObject({ entity: "client", entityId: String(client), details: { amount: 1_234, note: "imported balance from YClients" } });
    expect(entry!.actor).toStartWith("api-token:");
    expect(await walletOf(h, client)).toMatchObject({ balance: 1_234, transactions: [{ type: "correction", amount: 1_234 }] });
  });

  test("20 concurrent withdrawals: exactly what the balance holds is paid out, never more", async () => {
    h = await makeHarness();
    const client = await newClient(h);
    await deposit(h, client, 10_500);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => h.api("POST", `${BASE}/clients/${client}/wallet/transactions`, { type: "withdraw", amount: 1_000, method: "cash" })),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(10);
    expect((await walletOf(h, client)).balance).toBe(500);
  }, 60_000);

  test("20 concurrent visits paid from one wallet draw exactly the balance, never more", async () => {
    h = await makeHarness();
    const client = await newClient(h);
    const balance = 2 * HAIRCUT.price + 12_345; // enough for two haircuts and a bit of a third
    await deposit(h, client, balance);
    const answers = await Promise.all(TWENTY_STARTS.map((start) => bookFor(h, client, start, { pay_with_wallet: true })));
    expect(answers.map((r) => r.status)).toEqual(TWENTY_STARTS.map(() => 201));
    const bookings = await Promise.all(answers.map(async (r) => ((await r.json()) as BookingBody).booking));
    const paid = bookings.map((b) => b.price_lines.find((l) => l.kind === "wallet")?.amount ?? 0);
    expect(paid.reduce((a, b) => a + b, 0)).toBe(balance);
    expect(paid.filter((p) => p === HAIRCUT.price)).toHaveLength(2);
    expect(paid.filter((p) => p === 12_345)).toHaveLength(1);
    const wallet = await walletOf(h, client);
    expect(wallet.balance).toBe(0);
    expect(wallet.transactions.filter((t) => t.type === "payment")).toHaveLength(3);
  }, 60_000);

  test("staff pay a booked visit from the wallet later: at most what is due, once, shown as the visit's wallet line and returned on cancel", async () => {
    h = await makeHarness();
    const client = await newClient(h);
    await deposit(h, client, 500_000);
    const booked = ((await (await bookFor(h, client, TWENTY_STARTS[0]!)).json()) as BookingBody).booking;
    const pay = (amount: number) => h.api("POST", `${BASE}/clients/${client}/wallet/transactions`, { type: "payment", amount, booking_id: booked.id });
    expect((await pay(HAIRCUT.price + 1)).status).toBe(400);
    expect((await pay(HAIRCUT.price)).status).toBe(201);
    expect((await pay(1)).status).toBe(400);
    const other = await newClient(h, "+79169990000");
    expect((await h.api("POST", `${BASE}/clients/${other}/wallet/transactions`, { type: "payment", amount: 1, booking_id: booked.id })).status).toBe(404);
    const shown = ((await (await h.api("GET", `${BASE}/bookings/${booked.id}`)).json()) as BookingBody).booking;
    expect(shown).toMatchObject({ total: HAIRCUT.price, prepaid: HAIRCUT.price, price_lines: [{ kind: "wallet", amount: HAIRCUT.price }] });
    expect((await walletOf(h, client)).balance).toBe(250_000);
    // the visit's page (its manage link goes to the client) shows the payment and what the wallet still holds
    const link = new URL(booked.manage_url);
    const page = await (await h.request(link.pathname + link.search)).text();
    expect(page).toContain("Оплачено с баланса");
    expect(page).toMatch(/Осталось на балансе<\/dt>\s*<dd>2\u00a0500\u00a0₽/);
    expect((await h.api("DELETE", `${BASE}/bookings/${booked.id}`)).status).toBe(200);
    expect((await walletOf(h, client)).balance).toBe(500_000);
  });

  test("a visit paid in cash is not paid again from the wallet; a staff refund of a wallet payment is no longer counted as paid", async () => {
    h = await makeHarness();
    const client = await newClient(h);
    await deposit(h, client, 500_000);
    const [cashVisit, walletVisit] = await Promise.all(TWENTY_STARTS.slice(0, 2).map(async (start) => ((await (await bookFor(h, client, start!)).json()) as BookingBody).booking));
    expect((await h.api("POST", `${BASE}/bookings/${cashVisit!.id}/payments`, { method: "cash", amount: HAIRCUT.price })).status).toBe(201);
    const wallet = (bookingId: number, body: Record<string, unknown>) => h.api("POST", `${BASE}/clients/${client}/wallet/transactions`, { booking_id: bookingId, ...body });
    expect((await wallet(cashVisit!.id, { type: "payment", amount: HAIRCUT.price })).status).toBe(400);
    expect((await walletOf(h, client)).balance).toBe(500_000);

    expect((await wallet(walletVisit!.id, { type: "payment", amount: HAIRCUT.price })).status).toBe(201);
    expect((await wallet(walletVisit!.id, { type: "refund" })).status).toBe(201);
    const shown = ((await (await h.api("GET", `${BASE}/bookings/${walletVisit!.id}`)).json()) as { booking: Record<string, unknown> }).booking;
    expect(shown).toMatchObject({ paid: 0, due: HAIRCUT.price, payment_status: "unpaid" });
    expect((await walletOf(h, client)).balance).toBe(500_000);
  });

  test("an anonymous booker cannot spend a wallet by typing its owner's phone", async () => {
    h = await makeHarness();
    const client = await newClient(h, "+79161112233");
    await deposit(h, client, 500_000);
    const res = await h.api(
      "POST",
      `${BASE}/bookings`,
      { service_id: HAIRCUT.id, start_ts: TWENTY_STARTS[0], client: { name: "Someone", phone: "+79161112233" }, pay_with_wallet: true, use_package: true },
      { auth: false },
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { messages: Array<{ field: string }> };
    expect(body.messages.map((m) => m.field).sort()).toEqual(["pay_with_wallet", "use_package"]);
    expect((await walletOf(h, client)).balance).toBe(500_000);
  });
});
