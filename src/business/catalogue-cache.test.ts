import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { loadVisit } from "../availability/load.ts";
import { visitTerms } from "../booking/recheck.ts";
import { services } from "../catalogue/schema.ts";
import { openDatabase, type Database } from "../db/database.ts";
import { statementsRun } from "../db/local-client.ts";
import { getProfile } from "./business.ts";
import { RECHECK_MS } from "./catalogue-cache.ts";
import { bumpDataVersion } from "./data-version.ts";
import { business } from "./schema.ts";

let h: Harness;
/** Another connection to the same file: what the CLI or a second instance writes through. */
let other: Database;
let serviceId: number;

beforeEach(async () => {
  h = await makeHarness();
  other = await openDatabase({ url: h.db.url });
  serviceId = (await h.db.orm.select({ id: services.id }).from(services).where(eq(services.active, true)).limit(1))[0]!.id;
});
afterEach(() => {
  other.close();
  h.close();
});

const duration = async (reader: Database["orm"]) => (await loadVisit(reader, [serviceId], "any")).services[0]!.durationMinutes;
const durationInWrite = () =>
  h.db.write(async (tx) => (await visitTerms(tx, [serviceId], "any", { onlineOnly: false })).get(serviceId)!.durationMinutes);
/** A catalogue write by the other connection; `door: false` skips bumpDataVersion (what no writer may do). */
const setDuration = (minutes: number, door = true) =>
  other.write(async (tx) => {
    await tx.update(services).set({ durationMinutes: minutes }).where(eq(services.id, serviceId));
    if (door) await bumpDataVersion(tx);
  });

async function book(): Promise<void> {
  const res = await h.api("GET", `/api/v1/businesses/${h.slug}/availability?service_id=${serviceId}&date=2027-03-02`);
  const slot = ((await res.json()) as { days: Array<{ slots: Array<{ start_ts: string }> }> }).days[0]!.slots[0]!;
  const booked = await h.api("POST", `/api/v1/businesses/${h.slug}/bookings`, { service_id: serviceId, start_ts: slot.start_ts, client: { name: "Ann", phone: "+79160000001" } });
  expect(booked.status).toBe(201);
}

describe("catalogue cache", () => {
  test("another process's catalogue change: seen at once inside a write, outside within the bound", async () => {
    expect(await durationInWrite()).toBeGreaterThan(0);
    const before = await duration(h.db.orm); // read last outside: this process knows of no newer write
    await setDuration(before + 15);
    expect(await duration(h.db.orm)).toBe(before); // cached, within the bound
    expect(await durationInWrite()).toBe(before + 15);
    await Bun.sleep(RECHECK_MS + 50);
    expect(await duration(h.db.orm)).toBe(before + 15);
  }, 10_000);

  test("the profile is cached per catalogue version and follows a settings write", async () => {
    expect((await getProfile(h.db)).business.name).toBe("Test Salon");
    await h.api("PATCH", `/api/v1/businesses/${h.slug}`, { name: "Renamed" });
    expect((await getProfile(h.db)).business.name).toBe("Renamed");
  });

  test("a booking does not invalidate it", async () => {
    const before = await duration(h.db.orm);
    // Rows changed behind the door's back stay unseen for as long as the cache holds…
    await setDuration(before + 15, false);
    await book();
    expect(await duration(h.db.orm)).toBe(before);
    expect(await durationInWrite()).toBe(before);
    // …and the door moves the version past them.
    await other.write(bumpDataVersion);
    expect(await durationInWrite()).toBe(before + 15);
  });

  test("a write reads the catalogue version once, however often it asks for the catalogue", async () => {
    await durationInWrite(); // the visit is cached
    const statementsOfSecondAsk = await h.db.write(async (tx) => {
      await loadVisit(tx, [serviceId], "any");
      const before = statementsRun;
      await loadVisit(tx, [serviceId], "any");
      return statementsRun - before;
    });
    expect(statementsOfSecondAsk).toBe(0);
  });

  test("a write that changes the catalogue and rolls back leaves nothing cached", async () => {
    const before = await duration(h.db.orm);
    const failed = h.db.write(async (tx) => {
      await tx.update(services).set({ durationMinutes: before + 30 }).where(eq(services.id, serviceId));
      await bumpDataVersion(tx);
      expect((await loadVisit(tx, [serviceId], "any")).services[0]!.durationMinutes).toBe(before + 30);
      throw new Error("rolled back");
    });
    expect(failed).rejects.toThrow("rolled back");
    await failed.catch(() => {});
    // The version the rolled-back write read is now taken by another change.
    await other.write(async (tx) => {
      await tx.update(business).set({ name: "Elsewhere" }).where(eq(business.id, 1));
      await bumpDataVersion(tx);
    });
    expect(await durationInWrite()).toBe(before);
  });

  test("one tenant's catalogue never answers for another's", async () => {
    const second = await makeHarness({ tenant: { slug: "second", name: "Second Salon" } });
    try {
      await second.db.write(async (tx) => {
        await tx.update(services).set({ durationMinutes: 200 }).where(eq(services.id, serviceId));
        await bumpDataVersion(tx);
      });
      expect(await duration(h.db.orm)).not.toBe(200);
      expect(await duration(second.db.orm)).toBe(200);
      expect((await getProfile(second.db)).business.name).toBe("Second Salon");
      expect((await getProfile(h.db)).business.name).toBe("Test Salon");
    } finally {
      second.close();
    }
  });
});
