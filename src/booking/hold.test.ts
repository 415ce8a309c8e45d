// Issue 11 item 6: holds from one address cannot empty a master's day.
import { afterEach, beforeEach, expect, test } from "bun:test";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { PEER_HEADER } from "../http/peer.ts";
import { HOLDS_PER_ADDRESS } from "./hold.ts";
import { formPost } from "./testing/form-post.ts";

// Demo salon, Monday 2027-03-01: service 1 (60 min + 10 min buffer), master 2 (Anna) works 10–14 and 15–20.
const DAY = "/api/v1/businesses/salon/availability?date=2027-03-01&service_id=1&staff_id=2";

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
});
afterEach(() => h.close());

const freeStarts = async (): Promise<number[]> => {
  const { days } = (await (await h.request(DAY)).json()) as { days: Array<{ slots: Array<{ start_ts: string }> }> };
  return days[0]!.slots.map((s) => Date.parse(s.start_ts));
};

/** A script holding a time from `address`, never sending the hold cookie it gets back. */
const scriptHold = async (address: string, start: number) =>
  (await formPost(h, "/salon/book/hold", { s: "1", m: "2", start: String(start) }, { [PEER_HEADER]: address })).status;

test("many cookie-less holds from one address leave the master's other times bookable", async () => {
  const before = await freeStarts();
  // Starts that do not overlap (a visit and its buffer take 70 minutes): what an attacker would hold.
  const targets: number[] = [];
  for (const start of before) if (targets.length === 0 || start >= targets[targets.length - 1]! + 70 * 60_000) targets.push(start);
  expect(targets.length).toBeGreaterThan(HOLDS_PER_ADDRESS + 2);
  for (const start of targets) expect(await scriptHold("203.0.113.7", start)).toBe(303);

  const after = new Set(await freeStarts());
  const stillHeld = targets.slice(-HOLDS_PER_ADDRESS);
  for (const start of targets.slice(0, -HOLDS_PER_ADDRESS)) expect(after.has(start)).toBe(true);
  for (const start of stillHeld) expect(after.has(start)).toBe(false);
  // Each live hold blocks only the starts that overlap its own visit.
  const blocked = before.filter((s) => !after.has(s));
  expect(blocked.every((s) => stillHeld.some((held) => s > held - 70 * 60_000 && s < held + 70 * 60_000))).toBe(true);

  // The first time the script held is bookable by a real client again.
  const booked = await h.api("POST", "/api/v1/businesses/salon/bookings", {
    service_id: 1,
    staff_id: 2,
    start_ts: new Date(targets[0]!).toISOString(),
    client: { name: "Вера", phone: "+79161234567" },
  }, { auth: false });
  expect(booked.status).toBe(201);

  // Another address is not affected by the first one's cap.
  expect(await scriptHold("198.51.100.9", targets[1]!)).toBe(303);
  expect((await freeStarts()).includes(targets[targets.length - 1]!)).toBe(false);
});
