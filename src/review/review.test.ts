import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { count, eq } from "drizzle-orm";
import { makeHarness, T0, type Harness } from "../../test/harness.ts";
import { notifications } from "../notification/schema.ts";
import { readSettings } from "../notification/settings.ts";
import { reviews } from "./schema.ts";
import { reviewToken } from "./token.ts";
import { formPost } from "../booking/testing/form-post.ts";

const API = "/api/v1/businesses/salon";
// Demo salon: service 1 with master 2 (Anna) on Monday 10:00.
const ANNA = 2;

let h: Harness;
beforeEach(async () => {
  h = await makeHarness({ tenant: { ownerEmail: "owner@example.com", ownerPassword: "a-long-password-1" } });
});
afterEach(() => h.close());

async function visit(status: "completed" | "confirmed" = "completed"): Promise<number> {
  const start = status === "completed" ? "2027-03-01T10:00:00+03:00" : "2027-03-02T10:00:00+03:00";
  const res = await h.api("POST", `${API}/bookings`, { service_id: 1, staff_id: ANNA, start_ts: start, client: { name: "Вера Петрова", phone: "+79161234567", email: "vera@example.com" } }, { auth: false });
  const { booking } = (await res.json()) as { booking: { id: number } };
  if (status === "completed") {
    h.clock.set(T0 + 3 * 3_600_000);
    expect((await h.api("PATCH", `${API}/bookings/${booking.id}`, { status: "completed" })).status).toBe(200);
  }
  return booking.id;
}

const tokenFor = async (id: number) => reviewToken((await readSettings(h.db.orm)).linkSecret, id);
const reviewCount = async () => (await h.db.orm.select({ n: count() }).from(reviews))[0]!.n;

describe("reviews", () => {
  test("a completed visit carries its review_url; the review is pending, the owner is e-mailed, publishing shows it in the ratings", async () => {
    const id = await visit();
    const { booking } = (await (await h.api("GET", `${API}/bookings/${id}`)).json()) as { booking: { review_url: string } };
    const token = await tokenFor(id);
    expect(booking.review_url).toBe(`http://localhost:3000/salon/review/${id}?t=${token}`);

    const res = await h.api("POST", `${API}/reviews`, { booking_id: id, token, rating: 4, text: "Хорошо, спасибо" }, { auth: false });
    expect(res.status).toBe(201);
    const { review } = (await res.json()) as { review: { id: number; staff_id: number; author_name: string } };
    expect(review).toMatchObject({ staff_id: ANNA, author_name: "Вера" });
    const [mail] = await h.db.orm.select().from(notifications).where(eq(notifications.event, "review_received"));
    expect(mail).toMatchObject({ channel: "email", bookingId: null });
    expect(mail!.payload.direct!.to).toBe("owner@example.com");
    expect(mail!.payload.direct!.text).toContain("Хорошо, спасибо");
    expect(mail!.payload.direct!.text).toContain("/salon/admin/reviews");

    // pending: not public, not counted
    expect(((await (await h.api("GET", `${API}/reviews`, undefined, { auth: false })).json()) as { data: unknown[] }).data).toHaveLength(0);
    expect(((await (await h.api("GET", `${API}`, undefined, { auth: false })).json()) as { rating: unknown }).rating).toEqual({ average: null, count: 0 });

    const patched = await h.api("PATCH", `${API}/reviews/${review.id}`, { status: "published", reply: "Ждём снова!" });
    expect(patched.status).toBe(200);
    const list = (await (await h.api("GET", `${API}/reviews`, undefined, { auth: false })).json()) as { data: Array<Record<string, unknown>> };
    expect(list.data).toEqual([expect.objectContaining({ id: review.id, rating: 4, reply: "Ждём снова!" })]);
    expect(list.data[0]).not.toHaveProperty("booking_id");
    expect(((await (await h.api("GET", `${API}`, undefined, { auth: false })).json()) as { rating: unknown }).rating).toEqual({ average: 4, count: 1 });
    const staff = (await (await h.api("GET", `${API}/staff/${ANNA}`, undefined, { auth: false })).json()) as { rating: unknown };
    expect(staff.rating).toEqual({ average: 4, count: 1 });

    // the salon page: the average, the text, and schema.org AggregateRating
    const page = await (await h.request("/salon")).text();
    expect(page).toContain("Хорошо, спасибо");
    const ld = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)?.[1];
    expect(JSON.parse(ld!).aggregateRating).toMatchObject({ "@type": "AggregateRating", ratingValue: 4, reviewCount: 1 });

    // hidden again: gone from the page and the ratings
    await h.api("PATCH", `${API}/reviews/${review.id}`, { status: "hidden" });
    expect(await (await h.request("/salon")).text()).not.toContain("Хорошо, спасибо");
  });

  test("a forged token, a reused link and a visit that did not take place are refused, with nothing written", async () => {
    const id = await visit();
    const token = await tokenFor(id);
    const forged = await h.api("POST", `${API}/reviews`, { booking_id: id, token: token.replace(/^./, (c) => (c === "A" ? "B" : "A")), rating: 5 }, { auth: false });
    expect(forged.status).toBe(403);
    // another visit's token does not open this one
    const other = await h.api("POST", `${API}/reviews`, { booking_id: id + 1, token, rating: 5 }, { auth: false });
    expect(other.status).toBe(403);
    expect(await reviewCount()).toBe(0);

    expect((await h.api("POST", `${API}/reviews`, { booking_id: id, token, rating: 5 }, { auth: false })).status).toBe(201);
    const again = await h.api("POST", `${API}/reviews`, { booking_id: id, token, rating: 1, text: "second" }, { auth: false });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { code: string }).code).toBe("ALREADY_EXISTS");
    expect(await reviewCount()).toBe(1);

    const upcoming = await visit("confirmed");
    const early = await h.api("POST", `${API}/reviews`, { booking_id: upcoming, token: await tokenFor(upcoming), rating: 5 }, { auth: false });
    expect(early.status).toBe(409);
    expect(((await early.json()) as { code: string }).code).toBe("VISIT_NOT_COMPLETED");
    expect(await reviewCount()).toBe(1);
  });

  test("bad ratings, unknown fields and moderation without the permission are refused", async () => {
    const id = await visit();
    const token = await tokenFor(id);
    for (const rating of [0, 6, 2.5]) expect((await h.api("POST", `${API}/reviews`, { booking_id: id, token, rating }, { auth: false })).status).toBe(400);
    expect((await h.api("POST", `${API}/reviews`, { booking_id: id, token, rating: 5, status: "published" }, { auth: false })).status).toBe(400);
    expect(await reviewCount()).toBe(0);
    expect((await h.api("PATCH", `${API}/reviews/1`, { status: "published" }, { auth: false })).status).toBe(401);
    expect((await h.api("PATCH", `${API}/reviews/999`, { status: "published" })).status).toBe(404);
    expect((await h.api("PATCH", `${API}/reviews/1`, { status: "deleted" })).status).toBe(400);
  });

  test("the review page: forged link 403, the form, a sent review thanks once and then says it is done", async () => {
    const id = await visit();
    const token = await tokenFor(id);
    expect((await h.request(`/salon/review/${id}?t=nope`)).status).toBe(403);
    const form = await h.request(`/salon/review/${id}?t=${token}`);
    expect(form.status).toBe(200);
    expect(form.headers.get("cache-control")).toBe("no-store");
    expect(await form.text()).toContain('name="rating"');
    // no star: the form again with the reason, nothing written
    const missing = await formPost(h, `/salon/review/${id}`, { t: token, text: "no stars" });
    expect(missing.status).toBe(400);
    expect(await reviewCount()).toBe(0);
    const sent = await formPost(h, `/salon/review/${id}`, { t: token, rating: "5", text: "Отлично" });
    expect(sent.status).toBe(303);
    expect(await (await h.request(sent.headers.get("location")!)).text()).toContain("Спасибо!");
    expect(await (await h.request(`/salon/review/${id}?t=${token}`)).text()).toContain("Вы уже оставили отзыв");
    const twice = await formPost(h, `/salon/review/${id}`, { t: token, rating: "1" });
    expect(twice.status).toBe(409);
    expect(await reviewCount()).toBe(1);
  });

  test("review_request_delay_minutes on PATCH / sets when the request goes out, and the salon JSON shows it", async () => {
    expect((await h.api("PATCH", API, { review_request_delay_minutes: 30 })).status).toBe(200);
    expect((await h.api("PATCH", API, { review_request_delay_minutes: -1 })).status).toBe(400);
    const id = await visit();
    const [row] = await h.db.orm.select().from(notifications).where(eq(notifications.dedupeKey, `b${id}:review`));
    // the visit ended at 11:00 MSK (08:00 UTC), completed at 12:00 MSK: asked 30 minutes after that
    expect(row!.dueAt).toBe(T0 + 3 * 3_600_000 + 30 * 60_000);
    expect(((await (await h.api("GET", API)).json()) as { review_request_delay_minutes: number }).review_request_delay_minutes).toBe(30);
  });

  test("imported YClients reviews count in the ratings as published, in the API and the master picker", async () => {
    await h.db.write((tx) => tx.insert(reviews).values([{ staffId: ANNA, rating: 5, text: "из YClients", createdAt: T0 }, { staffId: ANNA, rating: 4, text: "тоже", createdAt: T0 }]));
    expect(((await (await h.api("GET", API, undefined, { auth: false })).json()) as { rating: unknown }).rating).toEqual({ average: 4.5, count: 2 });
    const picker = await (await h.request("/salon/book?s=1")).text();
    expect(picker).toContain("4.5 ★");
  });
});
