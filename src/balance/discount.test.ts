import { afterEach, expect, test } from "bun:test";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { BASE, bookFor, HAIRCUT, newClient, TWENTY_STARTS, type BookingBody } from "./testing/salon.ts";

let h: Harness;
afterEach(() => h.close());

test("a client's personal discount applies when the salon books them, never to a stranger typing their phone", async () => {
  h = await makeHarness();
  const client = await newClient(h, "+79161112233", { discount_percent: 7 });
  const byStaff = await bookFor(h, client, TWENTY_STARTS[0]!);
  expect(((await byStaff.json()) as BookingBody).booking).toMatchObject({ price: HAIRCUT.price, discount: 17_500, total: 232_500, price_lines: [{ kind: "personal", amount: 17_500 }] });

  const anonymous = await h.api("POST", `${BASE}/bookings`, { service_id: HAIRCUT.id, start_ts: TWENTY_STARTS[1], client: { name: "Кто-то", phone: "+79161112233" } }, { auth: false });
  expect(anonymous.status).toBe(201);
  // the same answer as for an unknown phone: nothing tells the stranger that the salon knows this number
  expect(((await anonymous.json()) as BookingBody).booking).toMatchObject({ discount: 0, total: HAIRCUT.price, price_lines: [] });
});
