import { afterEach, beforeEach, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { bookings } from "../booking/schema.ts";
import type { JobRunner } from "../job/job.ts";
import { nextPaymentCheckAt, paymentsJob } from "./job.ts";
import { bookPublic, paidSalon, type PaidSalon } from "./testing/setup.ts";

let s: PaidSalon;
let job: JobRunner;
beforeEach(async () => {
  s = await paidSalon();
  job = paymentsJob().start(s.h.deps);
});
afterEach(() => s.close());

/** The salons a run of the job opened. */
const looked = async () => (await job.run()).map((r) => r.slug);

test("a salon is opened on the first run, after a write and when its payment window ends, not every minute", async () => {
  expect(await looked()).toEqual(["salon"]);
  expect(await looked()).toEqual([]);
  const { body } = await bookPublic(s.h);
  expect(await looked()).toEqual(["salon"]); // written to: looked at, and it learns when the window ends
  const [row] = await s.h.db.orm.select().from(bookings).where(eq(bookings.id, body.booking.id));
  expect(await nextPaymentCheckAt(s.h.db.orm)).toBe(row!.awaitingPaymentUntil);
  s.h.clock.advance(5 * 60_000);
  expect(await looked()).toEqual([]);
  s.h.clock.set(row!.awaitingPaymentUntil! + 1);
  expect(await job.run()).toMatchObject([{ slug: "salon", outcome: "ok", detail: "0 retried, 1 released" }]);
  expect(await nextPaymentCheckAt(s.h.db.orm)).toBeNull();
});
