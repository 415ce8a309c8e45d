import { afterEach, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { users } from "../account/schema.ts";
import { AppError } from "../error/app-error.ts";
import { manualClock } from "../time/clock.ts";
import { TenantConnections } from "./connections.ts";
import { Registry } from "./registry.ts";
import { createTenant, setTenantStatus } from "./tenant.ts";

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const fn of cleanups.splice(0).reverse()) fn();
});

async function setup() {
  const dataDir = mkdtempSync(join(tmpdir(), "zapis-tenant-"));
  const clock = manualClock(Date.UTC(2027, 0, 1));
  const registry = await Registry.open(dataDir, clock.now());
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }), () => registry.close());
  return { dataDir, clock, registry, deps: { registry, dataDir, clock } };
}

const problemKeys = async (promise: Promise<unknown>) => {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).problems.map((p) => p.key);
};

describe("createTenant", () => {
  test("creates the database, profile and owner with an argon2id hash, then registers it", async () => {
    const { deps, registry, dataDir } = await setup();
    await createTenant(deps, { slug: "acme", name: "Acme Salon", ownerEmail: "Owner@Acme.ru", ownerPassword: "long-enough" });
    expect((await registry.get("acme"))?.name).toBe("Acme Salon");
    expect(existsSync(join(dataDir, "acme", "tenant.db"))).toBe(true);
    const tenants = new TenantConnections(registry, dataDir, { maxOpen: 5, idleMs: 60_000 }, deps.clock);
    cleanups.push(() => tenants.closeAll());
    const open = await tenants.get("acme");
    const [owner] = await open!.db.orm.select().from(users).where(eq(users.email, "owner@acme.ru"));
    expect(owner?.role).toBe("owner");
    expect(owner?.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(await Bun.password.verify("long-enough", owner!.passwordHash)).toBe(true);
  });

  test("refuses bad input with one message per field and writes nothing", async () => {
    const { deps, registry, dataDir } = await setup();
    const keys = await problemKeys(
      createTenant(deps, { slug: "Bad Slug!", name: " ", timezone: "Moscow", locale: "de", currency: "rubles", ownerEmail: "nope", ownerPassword: "short" }),
    );
    expect(keys).toEqual(["tenant.slug_invalid", "error.field_required", "zone.unknown", "locale.unknown", "currency.invalid", "email.invalid", "password.too_short"]);
    expect(await registry.count()).toBe(0);
    expect(existsSync(join(dataDir, "Bad Slug!"))).toBe(false);
  });

  test("refuses reserved and duplicate slugs", async () => {
    const { deps } = await setup();
    expect(await problemKeys(createTenant(deps, { slug: "admin", name: "X" }))).toEqual(["tenant.slug_reserved"]);
    await createTenant(deps, { slug: "acme", name: "Acme" });
    const error = await createTenant(deps, { slug: "acme", name: "Acme 2" }).catch((e: AppError) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("ALREADY_EXISTS");
  });

  test("a failure after the database was made removes it and registers nothing", async () => {
    const { deps, registry, dataDir } = await setup();
    // the last step, registering, fails after the database was made and seeded
    const original = registry.insert.bind(registry);
    registry.insert = async () => {
      throw new Error("disk full");
    };
    await expect(createTenant(deps, { slug: "acme", name: "Acme", demo: true })).rejects.toThrow("disk full");
    registry.insert = original;
    expect(existsSync(join(dataDir, "acme"))).toBe(false);
    expect(await registry.get("acme")).toBeNull();
  });

  test("disable and enable; unknown slugs are reported", async () => {
    const { deps, registry } = await setup();
    await createTenant(deps, { slug: "acme", name: "Acme" });
    await setTenantStatus(deps, "acme", "disabled");
    expect((await registry.get("acme"))?.status).toBe("disabled");
    await setTenantStatus(deps, "acme", "active");
    expect((await registry.get("acme"))?.status).toBe("active");
    expect(await problemKeys(setTenantStatus(deps, "ghost", "disabled"))).toEqual(["tenant.not_found"]);
  });
});

describe("TenantConnections", () => {
  test("keeps at most maxOpen databases and closes idle ones", async () => {
    const { deps, registry, dataDir, clock } = await setup();
    for (const slug of ["aaa", "bbb", "ccc"]) await createTenant(deps, { slug, name: slug });
    const tenants = new TenantConnections(registry, dataDir, { maxOpen: 2, idleMs: 1_000 }, clock);
    cleanups.push(() => tenants.closeAll());
    await tenants.get("aaa");
    await tenants.get("bbb");
    await tenants.get("ccc");
    expect(tenants.size).toBe(2);
    expect(await tenants.get("nope")).toBeNull();
    clock.advance(5_000);
    await Bun.sleep(1_100); // the sweep runs every max(1 s, idle / 2)
    expect(tenants.size).toBe(0);
    // and a closed tenant opens again on demand
    expect((await tenants.get("aaa"))?.row.slug).toBe("aaa");
  });

  test("sees a status change made by another process within seconds", async () => {
    const { deps, registry, dataDir, clock } = await setup();
    await createTenant(deps, { slug: "acme", name: "Acme" });
    const tenants = new TenantConnections(registry, dataDir, { maxOpen: 5, idleMs: 60_000 }, clock);
    cleanups.push(() => tenants.closeAll());
    expect((await tenants.get("acme"))?.row.status).toBe("active");
    await setTenantStatus(deps, "acme", "disabled");
    clock.advance(3_000);
    expect((await tenants.get("acme"))?.row.status).toBe("disabled");
  });
});
