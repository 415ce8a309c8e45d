import { afterEach, beforeEach, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { createTenant } from "../tenant/tenant.ts";
import { JobLeases } from "./lease.ts";
import { forEachTenant } from "./tenants.ts";

let h: Harness;
beforeEach(async () => {
  h = await makeHarness();
  for (const slug of ["broken", "other"]) await createTenant({ registry: h.deps.registry, dataDir: h.dataDir, clock: h.clock }, { slug, name: slug });
});
afterEach(() => h.close());

test("a tenant that throws is reported as failed; the others still run", async () => {
  const results = await forEachTenant(h.deps, "test-job", async ({ row }) => {
    if (row.slug === "broken") throw new Error("SMTP down");
    return `did ${row.slug}`;
  });
  const bySlug = Object.fromEntries(results.map((r) => [r.slug, [r.outcome, r.detail]]));
  expect(bySlug).toEqual({ broken: ["failed", "SMTP down"], other: ["ok", "did other"], salon: ["ok", "did salon"] });
});

test("a tenant still busy from the previous run is skipped, not queued behind; --tenant runs one", async () => {
  let release!: () => void;
  const slow = new Promise<void>((resolve) => (release = resolve));
  const finished: string[] = [];
  const first = forEachTenant(h.deps, "test-job", async ({ row }) => {
    if (row.slug === "broken") await slow;
    finished.push(row.slug);
    return "ok";
  });
  while (finished.length < 2) await Bun.sleep(1); // the quick two are done, "broken" hangs
  const second = await forEachTenant(h.deps, "test-job", async () => "second");
  expect(second.find((r) => r.slug === "broken")?.outcome).toBe("busy");
  expect(second.filter((r) => r.outcome === "ok").map((r) => r.slug).sort()).toEqual(["other", "salon"]);
  release();
  expect((await first).every((r) => r.outcome === "ok")).toBe(true);
  expect((await forEachTenant(h.deps, "test-job", async () => "x", { tenant: "other" })).map((r) => r.slug)).toEqual(["other"]);
});

test("with a lease, a tenant's part runs on one instance at a time; a dead holder's part is taken over when its lease expires", async () => {
  const elsewhere = new JobLeases(h.deps.registry, h.clock, "other-host:1");
  expect(await elsewhere.claim("sync:other", 60_000)).not.toBeNull();
  const ran: string[] = [];
  const run = () => forEachTenant(h.deps, "sync", async ({ row }) => (ran.push(row.slug), "synced"), { leaseMs: 60_000 });
  const first = await run();
  expect(first.find((r) => r.slug === "other")).toMatchObject({ outcome: "busy", detail: "running on another instance" });
  expect(ran.sort()).toEqual(["broken", "salon"]);
  h.clock.advance(60_000); // the other host died holding it
  ran.length = 0;
  expect((await run()).every((r) => r.outcome === "ok")).toBe(true);
  expect(ran.sort()).toEqual(["broken", "other", "salon"]);
  expect(await elsewhere.claim("sync:salon", 60_000)).not.toBeNull(); // released after the run
});

test("a salon only the job opened is closed after its part; one a request opened, or asked for meanwhile, stays open", async () => {
  const tenants = h.deps.tenants;
  expect(tenants.peek("salon")).not.toBeNull(); // the harness's requests use it
  let asked: Promise<unknown> | null = null;
  await forEachTenant(h.deps, "test-job", async ({ row, db }) => {
    expect(tenants.peek(row.slug)).toBe(db); // open while the job works on it, shared with requests
    if (row.slug === "other") asked = tenants.get("other"); // a request for it arrives meanwhile
    await db.orm.run(sql`SELECT 1`);
    return "ok";
  });
  await asked;
  expect(tenants.peek("broken")).toBeNull();
  expect(tenants.peek("other")).not.toBeNull();
  expect(tenants.peek("salon")).toBe(h.db);
  expect((await h.request(`/${h.slug}`)).status).toBe(200);
  // opened again by the next run, and closed again
  expect((await forEachTenant(h.deps, "test-job", async () => "again", { tenant: "broken" }))[0]?.outcome).toBe("ok");
  expect(tenants.peek("broken")).toBeNull();
});
