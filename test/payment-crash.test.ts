// Crash safety of prepayments: `serve` is SIGKILLed while YooKassa is creating the payment (the
// fake kills it from inside the create call: before its answer, or just after it), then restarted
// on the same data. The client's retry (same Idempotency-Key) reuses the Idempotence-Key stored
// before the first call: YooKassa holds exactly one payment, and the visit ends up confirmed.
import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { apiOf, freeSlots, provisionSalon, withSalonDb } from "./booking-load.ts";
import { startServe, type ServeProcess } from "./serve.ts";
import { startFakeYooKassa, type FakeYooKassa } from "../src/payment/testing/fake-yookassa.ts";
import { SHOP } from "../src/payment/testing/setup.ts";

let dir: string;
let servers: ServeProcess[] = [];
let fake: FakeYooKassa | null = null;

afterEach(async () => {
  for (const s of servers) if (s.proc.exitCode === null) await s.stop("SIGKILL");
  servers = [];
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function book(url: string, slot: { serviceId: number; staffId: number; startTs: string }, key: string) {
  const body = { service_id: slot.serviceId, staff_id: slot.staffId, start_ts: slot.startTs, client: { name: "Вера", phone: "+79161234567" } };
  try {
    const res = await fetch(`${apiOf(url)}/bookings`, { method: "POST", headers: { "content-type": "application/json", "idempotency-key": key }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as any };
  } catch {
    return { status: 0, body: null }; // the server died mid-request
  }
}

for (const when of ["before", "after"] as const) {
  test(`SIGKILL ${when} YooKassa answers the create call, restart, retry → exactly one payment, visit confirmed once paid`, async () => {
    dir = mkdtempSync(join(tmpdir(), "zapis-paycrash-"));
    const data = join(dir, "data");
    const token = provisionSalon(data);
    let server: ServeProcess | null = null;
    let kills = 0;
    fake = startFakeYooKassa({
      ...SHOP,
      onPaymentCreated: async () => {
        if (kills++ > 0 || !server) return;
        const victim = server;
        // "before": the payment exists at YooKassa, our server never hears of it; "after": it dies as the answer goes out
        if (when === "before") await victim.stop("SIGKILL");
        else setTimeout(() => void victim.stop("SIGKILL"), 0);
      },
    });
    // a fixed public URL, as in production: the retried create call must carry the very same return_url
    const env = { ZAPIS_YOOKASSA_URL: fake.url, ZAPIS_PUBLIC_URL: "https://zapis.example.com" };
    server = await startServe(data, env);
    servers.push(server);
    const settings = await fetch(apiOf(server.url), {
      method: "PATCH",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ yookassa: { shop_id: SHOP.shopId, secret_key: SHOP.secret }, prepayment: { mode: "full" } }),
    });
    expect(settings.status).toBe(200);
    const [slot] = await freeSlots(server.url);
    const key = "crash-test-key-0001";

    const first = await book(server.url, slot!, key);
    await server.proc.exited;
    expect(server.proc.signalCode).toBe("SIGKILL");
    if (when === "before") expect(first.status).toBe(0);
    expect(fake.payments.size).toBe(1);

    // restarted on the same data: the booking and its payment row (with its key) were committed before the call
    const again = await startServe(data, env);
    servers.push(again);
    const retry = await book(again.url, slot!, key);
    expect(retry.status).toBe(201);
    expect(retry.body.booking.status).toBe("awaiting_payment");
    expect(retry.body.payment.status).toBe("pending");
    expect(fake.payments.size).toBe(1);
    const [only] = [...fake.payments.values()];
    expect(retry.body.payment.confirmation_url).toBe(only!.confirmation.confirmation_url);
    const keys = fake.requests.filter((r) => r.method === "POST" && r.path === "/payments").map((r) => r.key);
    expect(new Set(keys).size).toBe(1);

    fake.pay(only!.id);
    const note = await fetch(`${apiOf(again.url)}/webhooks/yookassa`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fake.notification("payment.succeeded", only!)) });
    expect(note.status).toBe(200);
    const visit = (await (await fetch(`${apiOf(again.url)}/bookings/${retry.body.booking.id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as any;
    expect(visit.booking).toMatchObject({ status: "confirmed", paid: visit.booking.total, due: 0, payment_status: "paid" });
    await again.stop("SIGTERM");
    const rows = await withSalonDb({ dataDir: data }, async (db) => (await db.execute("SELECT count(*) AS n, sum(status = 'succeeded') AS ok FROM payments")).rows[0]);
    expect(rows).toMatchObject({ n: 1, ok: 1 });
    expect(fake.payments.size).toBe(1);
  }, 120_000);
}
