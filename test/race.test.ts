// Several instances: two `zapis serve` processes on the same data folder (a local tenant, or one on
// the same sqld) race for the same slots. BEGIN IMMEDIATE + the conflict re-check inside the write
// transaction must let exactly one win.
import { afterAll, afterEach, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { book, freeSlots, type Slot, listedBookings, PARTIAL_ROWS_SQL, provisionSalon, withSalonDb } from "./booking-load.ts";
import { startServe, type ServeProcess } from "./serve.ts";
import { startSqld, type Sqld } from "./sqld.ts";

const SLOTS = 15;
// Requests per slot sent to each instance at the same moment.
const PER_INSTANCE = 3;
const LOAD = { ZAPIS_PUBLIC_WRITE_BURST: "1000000", ZAPIS_PUBLIC_WRITES_PER_MINUTE: "1000000" };

let dir: string;

const serverErrors = (...servers: ServeProcess[]) => servers.flatMap((s) => s.output().split("\n").filter((line) => line.includes('"level":"error"')));
let servers: ServeProcess[] = [];
let sqld: Sqld;

beforeAll(async () => {
  sqld = await startSqld({ auth: true });
});
afterAll(async () => {
  await sqld?.stop();
});

afterEach(async () => {
  for (const s of servers) if (s.proc.exitCode === null) await s.stop("SIGKILL");
  servers = [];
  rmSync(dir, { recursive: true, force: true });
});

test.each(["a local tenant", "a tenant on sqld"])("two serve processes never double-book a slot of %s", async (where) => {
  dir = mkdtempSync(join(tmpdir(), "zapis-race-"));
  const data = join(dir, "data");
  const token = provisionSalon(data, where === "a local tenant" ? [] : ["--db-url", sqld.url, "--db-token", sqld.token!]);
  const [a, b] = await Promise.all([startServe(data, LOAD), startServe(data, LOAD)]);
  servers.push(a!, b!);
  // slots of one master at least two hours apart (an hour's service plus its buffer): they cannot
  // conflict with each other, only each racer with the others
  const slots: Slot[] = [];
  for (const s of await freeSlots(a!.url)) {
    const last = slots.at(-1);
    if (slots.length < SLOTS && (!last || (s.staffId === last.staffId && Date.parse(s.startTs) - Date.parse(last.startTs) >= 2 * 3_600_000))) slots.push(s);
  }
  expect(slots).toHaveLength(SLOTS);

  for (const slot of slots) {
    const statuses = (await Promise.all(Array.from({ length: PER_INSTANCE }, () => [book(a!.url, slot), book(b!.url, slot)]).flat())).map((o) => o.status);
    // on a mismatch, the servers' error lines say why (a 500's body names nothing)
    const errors = statuses.some((s) => s !== 201 && s !== 409) ? serverErrors(a!, b!) : [];
    expect({ statuses: statuses.sort(), errors }).toEqual({ statuses: [201, ...Array(2 * PER_INSTANCE - 1).fill(409)], errors: [] });
  }

  const listed = await listedBookings(b!.url, token);
  expect(listed.map((x) => x.start_ts).sort()).toEqual(slots.map((s) => s.startTs).sort());
  expect(await a!.stop()).toBe(0);
  expect(await b!.stop()).toBe(0);
  await withSalonDb(where === "a local tenant" ? { dataDir: data } : { url: sqld.url, authToken: sqld.token! }, async (db) => {
    const overlaps = await db.execute(
      "SELECT count(*) FROM occupancy x JOIN occupancy y ON x.resource_id = y.resource_id AND x.id < y.id AND x.start_ts < y.end_ts AND y.start_ts < x.end_ts",
    );
    expect(Number(overlaps.rows[0]?.[0])).toBe(0);
    const partial = (await db.execute(PARTIAL_ROWS_SQL)).rows[0]!;
    expect({ ...partial }).toMatchObject({ without_services: 0, without_occupancy: 0, orphan_services: 0, orphan_occupancy: 0 });
  });
}, 60_000);
