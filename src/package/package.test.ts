import { afterEach, describe, expect, test } from "bun:test";
import { count } from "drizzle-orm";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { BASE, bookFor, deposit, HAIRCUT, newClient, TWENTY_STARTS, walletOf, type BookingBody } from "../balance/testing/salon.ts";
import { loadFacts } from "../notification/compose.ts";
import { packageUses } from "./schema.ts";

let h: Harness;
afterEach(() => h.close());

type Held = { id: number; visits_total: number; visits_left: number; expired: boolean; expires_at: string };

async function product(visits: number, validDays = 30): Promise<number> {
  const res = await h.api("POST", `${BASE}/packages`, { title: "5 стрижек", service_ids: [HAIRCUT.id], visits, price: 4 * HAIRCUT.price, valid_days: validDays });
  expect(res.status).toBe(201);
  return ((await res.json()) as { package: { id: number } }).package.id;
}

async function sell(clientId: number, packageId: number, method = "cash"): Promise<Response> {
  return h.api("POST", `${BASE}/clients/${clientId}/packages`, { package_id: packageId, method });
}

const held = async (clientId: number) => ((await (await h.api("GET", `${BASE}/clients/${clientId}/packages`)).json()) as { data: Held[] }).data;
const uses = async () => (await h.db.orm.select({ n: count() }).from(packageUses))[0]!.n;

describe("packages", () => {
  test("sold to a client, a visit that uses it costs nothing and leaves one visit fewer", async () => {
    h = await makeHarness();
    const client = await newClient(h);
    const pkg = await product(5);
    expect((await sell(client, pkg)).status).toBe(201);
    const res = await bookFor(h, client, TWENTY_STARTS[0]!, { use_package: true });
    expect(res.status).toBe(201);
    const { booking } = (await res.json()) as BookingBody;
    expect(booking).toMatchObject({ price: HAIRCUT.price, discount: HAIRCUT.price, total: 0, price_lines: [{ kind: "package", amount: HAIRCUT.price }] });
    expect(await held(client)).toMatchObject([{ visits_total: 5, visits_left: 4, expired: false }]);

    // the client's page and the e-mail say it line by line: the package, what it has left, nothing to pay
    const link = new URL(booking.manage_url);
    const page = await (await h.request(link.pathname + link.search)).text();
    expect(page).toContain("Абонемент «5 стрижек»: осталось 4 из 5 визитов");
    expect(page).toMatch(/К оплате<\/dt>\s*<dd>\s*<strong>0\s₽<\/strong>/);
    const facts = await loadFacts(h.db.orm, booking.id, "https://example/manage");
    expect(facts!.values.price).toBe("Стоимость: 2\u00a0500\u00a0₽; Абонемент «5 стрижек»: осталось 4 из 5 визитов: −2\u00a0500\u00a0₽; К оплате: 0\u00a0₽");
  });

  test("paid from the wallet: the sale is a wallet payment, refused when the wallet holds too little", async () => {
    h = await makeHarness();
    const client = await newClient(h);
    const pkg = await product(5);
    expect((await sell(client, pkg, "wallet")).status).toBe(409);
    expect(await held(client)).toEqual([]);
    await deposit(h, client, 4 * HAIRCUT.price);
    expect((await sell(client, pkg, "wallet")).status).toBe(201);
    expect((await walletOf(h, client)).balance).toBe(0);
  });

  test("two tabs booking the last visit at once: one booking uses it, the other is refused and the uses are unchanged", async () => {
    h = await makeHarness();
    const client = await newClient(h);
    expect((await sell(client, await product(1))).status).toBe(201);
    const [a, b] = await Promise.all([bookFor(h, client, TWENTY_STARTS[0]!, { use_package: true }), bookFor(h, client, TWENTY_STARTS[1]!, { use_package: true })]);
    expect([a!.status, b!.status].sort()).toEqual([201, 409]);
    const refused = [a!, b!].find((r) => r.status === 409)!;
    const body = (await refused.json()) as { code: string; messages: Array<{ field: string; message: string }> };
    expect(body.code).toBe("PACKAGE_NOT_USABLE");
    expect(body.messages[0]).toMatchObject({ field: "use_package", message: "В абонементе клиента на эту услугу не осталось визитов" });
    expect(await uses()).toBe(1);
    expect(await held(client)).toMatchObject([{ visits_left: 0 }]);
  });

  test("an expired package is not usable (the visit falls after its end) and is shown as expired", async () => {
    h = await makeHarness();
    const client = await newClient(h);
    expect((await sell(client, await product(5, 1))).status).toBe(201);
    const late = await bookFor(h, client, TWENTY_STARTS[4]!, { use_package: true });
    expect(late.status).toBe(409);
    expect(((await late.json()) as { messages: Array<{ message: string }> }).messages[0]!.message).toBe("Абонемент клиента на эту услугу истекает раньше визита");
    h.clock.advance(2 * 86_400_000);
    expect(await held(client)).toMatchObject([{ visits_left: 5, expired: true }]);
    expect(await uses()).toBe(0);
  });

  test("a package for another service is refused; the messages are in the salon's language", async () => {
    h = await makeHarness();
    const client = await newClient(h);
    const res = await h.api("POST", `${BASE}/packages`, { title: "Маникюр ×3", service_ids: [6], visits: 3, price: 600_000, valid_days: 90 });
    const manicure = ((await res.json()) as { package: { id: number } }).package.id;
    expect((await sell(client, manicure)).status).toBe(201);
    const refused = await bookFor(h, client, TWENTY_STARTS[0]!, { use_package: true });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { messages: Array<{ message: string }> }).messages[0]!.message).toBe("У клиента нет абонемента на эту услугу");
  });
});
