// Payment-flow timings (issue 13), printed, never asserted: a public booking that owes a prepayment
// until its answer carries YooKassa's confirmation_url (our write + the create call to a loopback
// YooKassa fake + applying its answer), and a notification until the visit is confirmed (the
// re-read GET /payments/{id} + the write). Run: node_modules/.bin/bun bench/payments.ts
import { eq } from "drizzle-orm";
import { bookings } from "../src/booking/schema.ts";
import { bookPublic, paidSalon, WEBHOOK } from "../src/payment/testing/setup.ts";

const N = 30;
const s = await paidSalon();
const stats = (ms: number[]) => {
  const sorted = ms.toSorted((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(2);
  return `median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`;
};

const create: number[] = [];
const confirm: number[] = [];
// four free times of the demo master each Monday within the booking horizon
const HOURS = ["10", "12", "15", "17"];
const starts = Array.from({ length: N }, (_, i) => `${new Date(Date.UTC(2027, 2, 1 + 7 * Math.floor(i / 4))).toISOString().slice(0, 10)}T${HOURS[i % 4]}:00:00+03:00`);
for (let i = 0; i < N; i++) {
  const t0 = performance.now();
  const { status, body } = await bookPublic(s.h, i, starts[i]);
  create.push(performance.now() - t0);
  if (status !== 201 || !body.payment?.confirmation_url) throw new Error(`booking ${i}: ${status} ${JSON.stringify(body)}`);
  const payment = [...s.fake.payments.values()].at(-1)!;
  s.fake.pay(payment.id);
  const t1 = performance.now();
  await s.h.api("POST", WEBHOOK, s.fake.notification("payment.succeeded", payment), { auth: false });
  confirm.push(performance.now() - t1);
  const [row] = await s.h.db.orm.select({ status: bookings.status }).from(bookings).where(eq(bookings.id, body.booking.id));
  if (row!.status !== "confirmed") throw new Error(`booking ${i} not confirmed`);
}
console.log(`create → confirmation_url (${N} bookings): ${stats(create)}`);
console.log(`notification → confirmed (${N} payments): ${stats(confirm)}`);
await s.close();
