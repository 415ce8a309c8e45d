import { afterEach, beforeEach, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { makeHarness, type Harness } from "../../test/harness.ts";
import type { JobRunner } from "../job/job.ts";
import { notificationSettings } from "../notification/schema.ts";
import { waitlistJob } from "./job.ts";
import { waitlistOffers } from "./schema.ts";
import { nextOfferCheckAt } from "./waitlist.ts";

const API = "/api/v1/businesses/salon";
const AT_10 = "2027-03-02T10:00:00+03:00";

let h: Harness;
let job: JobRunner;
beforeEach(async () => {
  h = await makeHarness();
  await h.db.write((tx) => tx.update(notificationSettings).set({ smsruApiId: "test-api-id" }).where(eq(notificationSettings.id, 1)));
  job = waitlistJob().start(h.deps);
});
afterEach(() => h.close());

/** The salons a run of the job opened. */
const looked = async () => (await job.run()).map((r) => r.slug);
const join = (phone: string) =>
  h.api("POST", `${API}/waitlist`, { service_id: 1, staff_id: 2, date_from: "2027-03-02", date_to: "2027-03-02", time_from: "10:00", time_to: "11:00", client: { name: "Waiter", phone } }, { auth: false });

test("a salon nobody waits in is opened on the first run and after a write, not every minute; one with a waiter every run", async () => {
  expect(await looked()).toEqual(["salon"]);
  expect(await looked()).toEqual([]);
  // the only time the waiter wants is taken: nothing to offer, but a cancel or a new day may free one
  expect((await h.api("POST", `${API}/bookings`, { service_id: 1, staff_id: 2, start_ts: AT_10, client: { name: "Early", phone: "+79160000000" } }, { auth: false })).status).toBe(201);
  expect((await join("+79161111111")).status).toBe(201);
  expect(await looked()).toEqual(["salon"]);
  expect(await looked()).toEqual(["salon"]);
  expect(await h.db.orm.select().from(waitlistOffers)).toHaveLength(0);
});

test("an offered waiter's salon sleeps until the offer expires; then the waiter is offered the next time", async () => {
  expect((await join("+79161111111")).status).toBe(201);
  expect(await job.run()).toMatchObject([{ slug: "salon", outcome: "ok", detail: "offered 1" }]);
  expect(await looked()).toEqual([]); // the job's own writes wake nobody
  const [offer] = await h.db.orm.select().from(waitlistOffers);
  expect(await nextOfferCheckAt(h.db.orm, h.clock.now())).toBe(offer!.expiresAt);
  h.clock.advance(5 * 60_000);
  expect(await looked()).toEqual([]);
  h.clock.set(offer!.expiresAt);
  expect(await looked()).toEqual(["salon"]);
  const offers = await h.db.orm.select().from(waitlistOffers).orderBy(waitlistOffers.id);
  expect(offers.map((o) => o.status)).toEqual(["expired", "open"]);
  expect(offers[1]!.startTs).not.toBe(offer!.startTs);
});
