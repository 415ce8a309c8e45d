// Crash safety: book under load, SIGKILL the server mid-write, restart it, and find every booking
// that was answered 201, and no half-written booking.
import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { book, freeSlots, listedBookings, PARTIAL_ROWS_SQL, provisionSalon, withSalonDb, type BookingOutcome } from "./booking-load.ts";
import { startServe, type ServeProcess } from "./serve.ts";

const WORKERS = 12;
// Kill once this many bookings have been confirmed, while the workers keep writing.
const KILL_AFTER_CREATED = 40;
const LOAD = { ZAPIS_PUBLIC_WRITE_BURST: "1000000", ZAPIS_PUBLIC_WRITES_PER_MINUTE: "1000000" };

let dir: string;
let servers: ServeProcess[] = [];

afterEach(async () => {
  for (const s of servers) if (s.proc.exitCode === null) await s.stop("SIGKILL");
  servers = [];
  rmSync(dir, { recursive: true, force: true });
});

test("every booking answered 201 survives a SIGKILL under load, and no booking is half written", async () => {
  dir = mkdtempSync(join(tmpdir(), "zapis-crash-"));
  const data = join(dir, "data");
  const token = provisionSalon(data);
  const first = await startServe(data, LOAD);
  servers.push(first);
  const slots = await freeSlots(first.url);
  expect(slots.length).toBeGreaterThan(KILL_AFTER_CREATED * 2);

  const outcomes: BookingOutcome[] = [];
  let next = 0;
  let killed: Promise<number> | null = null;
  const worker = async () => {
    while (next < slots.length && killed === null) {
      const outcome = await book(first.url, slots[next++]!);
      outcomes.push(outcome);
      if (killed === null && outcomes.filter((o) => o.status === 201).length >= KILL_AFTER_CREATED) killed = first.stop("SIGKILL");
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  await killed;
  expect(first.proc.signalCode).toBe("SIGKILL");
  const created = outcomes.filter((o) => o.status === 201);
  // the kill landed while requests were in flight (those got no answer), not after the load ended
  expect(outcomes.filter((o) => o.status === 0).length).toBeGreaterThan(0);
  expect(created.length).toBeGreaterThanOrEqual(KILL_AFTER_CREATED);
  expect(outcomes.every((o) => [0, 201, 409].includes(o.status))).toBe(true);

  const second = await startServe(data, LOAD);
  servers.push(second);
  const listed = new Map((await listedBookings(second.url, token)).map((b) => [b.id, b]));
  for (const c of created) {
    expect(listed.get(c.id!)).toMatchObject({ start_ts: c.startTs, status: "confirmed" });
  }
  expect(await second.stop("SIGTERM")).toBe(0);

  await withSalonDb({ dataDir: data }, async (db) => {
    expect((await db.execute("PRAGMA integrity_check")).rows.map((r) => r[0])).toEqual(["ok"]);
    expect((await db.execute("PRAGMA foreign_key_check")).rows).toHaveLength(0);
    const partial = (await db.execute(PARTIAL_ROWS_SQL)).rows[0]!;
    expect({ ...partial }).toMatchObject({ without_services: 0, without_occupancy: 0, orphan_services: 0, orphan_occupancy: 0 });
  });
}, 60_000);
