// Issue 11 item 5: an Idempotency-Key is bound to its request, and a manage link is not derivable
// from the caller-chosen key without the salon's secret.
import { afterEach, beforeEach, expect, test } from "bun:test";
import { count, eq } from "drizzle-orm";
import { hashToken } from "../account/api-token.ts";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { bookings } from "./schema.ts";

const PATH = "/api/v1/businesses/salon/bookings";
const KEY = "0f8c3b0e-5d5a-4a51-9d7e-3f1c2a9b8e77";
const request = (name: string, start = "2027-03-01T10:00:00+03:00") => ({ service_id: 1, start_ts: start, client: { name, phone: "+79161234567", email: `${name}@example.com` } });
const post = (body: unknown, key = KEY) =>
  h.api("POST", PATH, body, { auth: false, headers: { "idempotency-key": key, "accept-language": "en" } });

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

const bookingCount = async () => (await h.db.orm.select({ n: count() }).from(bookings))[0]!.n;

test("the same key with another body: 422 IDEMPOTENCY_KEY_REUSED in the caller's language, nothing of the first booking", async () => {
  const first = await post(request("victim"));
  expect(first.status).toBe(201);
  const { booking } = (await first.json()) as { booking: { manage_url: string } };

  const replay = await post(request("victim"));
  expect(replay.status).toBe(201);
  expect(((await replay.json()) as { booking: { manage_url: string } }).booking.manage_url).toBe(booking.manage_url);

  for (const other of [request("attacker"), request("victim", "2027-03-01T12:00:00+03:00")]) {
    const reused = await post(other);
    expect(reused.status).toBe(422);
    const text = await reused.text();
    const answer = JSON.parse(text) as { code: string; messages: Array<{ field: string; message: string }> };
    expect(answer.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(answer.messages[0]).toEqual({ field: "Idempotency-Key", message: expect.stringContaining("already used for a different request") });
    expect(text).not.toContain("victim");
    expect(text).not.toContain(new URL(booking.manage_url).searchParams.get("t")!);
  }
  expect(await bookingCount()).toBe(1);
});

test("a manage token is not derivable from the key alone, and links made the old way still open", async () => {
  const res = await post(request("vera"));
  const { booking } = (await res.json()) as { booking: { id: number; manage_url: string } };
  const token = new URL(booking.manage_url).searchParams.get("t")!;
  // What the token used to be: a keyless hash of the key anyone who saw (or chose) the key could compute.
  const keyless = new Bun.CryptoHasher("sha256", KEY).update("zapis:manage-link").digest("base64url");
  expect(token).not.toBe(keyless);
  expect((await h.request(`/salon/my/${booking.id}?t=${keyless}`)).status).toBe(404);
  expect((await h.request(`/salon/my/${booking.id}?t=${token}`)).status).toBe(200);

  // A booking from before this change: its stored hash is of the keyless token, which its client holds.
  await h.db.write((tx) => tx.update(bookings).set({ manageTokenHash: hashToken(keyless), requestHash: null }).where(eq(bookings.id, booking.id)));
  expect((await h.request(`/salon/my/${booking.id}?t=${keyless}`)).status).toBe(200);
  // …and its key, bound to no known request, never replays its data.
  const replay = await post(request("vera"));
  expect(replay.status).toBe(422);
  expect(await replay.text()).not.toContain(keyless);
});
