import { createClient } from "@libsql/client";
import { afterEach, describe, expect, test } from "bun:test";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { LATEST_TENANT_MIGRATION, tenantMigrations } from "../../migrations/index.ts";
import { clients } from "../client/schema.ts";
import type { Database } from "../db/database.ts";
import { AppError } from "../error/app-error.ts";
import { makeBackupHarness, type BackupHarness } from "../../test/backup-harness.ts";
import { T0 } from "../../test/harness.ts";
import { backupTenant } from "./backup.ts";
import { countRows, readSchema, tableNames } from "./contents.ts";
import { checksumLine } from "./manifest.ts";
import { utcStamp } from "./naming.ts";
import { restoreTenant } from "./restore.ts";
import { sha256File } from "./files.ts";

let h: BackupHarness;
let out: string;

afterEach(() => h?.close());

async function setup(): Promise<void> {
  h = await makeBackupHarness();
  out = h.backupDir;
}

const deps = () => h.ops;

async function addClients(db: Database, n: number, prefix: string): Promise<void> {
  for (let i = 0; i < n; i++) {
    await db.write((tx) => tx.insert(clients).values({ name: `${prefix} ${i}`, phone: `+7900000${String(i).padStart(4, "0")}`, createdAt: T0, updatedAt: T0 }));
  }
}

async function countsOf(url: string): Promise<Record<string, number>> {
  const client = createClient({ url });
  try {
    return await countRows(client, tableNames(await readSchema(client)));
  } finally {
    client.close();
  }
}

async function integrityOf(path: string): Promise<string> {
  const client = createClient({ url: `file:${path}` });
  try {
    return String((await client.execute("PRAGMA integrity_check")).rows[0]?.[0]);
  } finally {
    client.close();
  }
}

const problemKeys = async (p: Promise<unknown>): Promise<string[]> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.problems.map((x) => x.key);
    throw e;
  }
  throw new Error("expected a refusal");
};

describe("backup", () => {
  test("is named by tenant and UTC time, with a sha256sum checksum and a manifest of schema and row counts", async () => {
    await setup();
    const done = await backupTenant(deps(), "salon", { outDir: out });
    expect(done.path).toBe(join(out, "salon-20270301T060000Z.db"));
    const sha = await sha256File(done.path);
    expect(readFileSync(`${done.path}.sha256`, "utf8")).toBe(checksumLine(sha, done.path));
    const check = Bun.spawnSync(["sha256sum", "-c", "salon-20270301T060000Z.db.sha256"], { cwd: out });
    expect(check.stdout.toString()).toContain("OK");
    const manifest = JSON.parse(readFileSync(join(out, "salon-20270301T060000Z.manifest.json"), "utf8"));
    expect(manifest).toMatchObject({ tenant: "salon", sha256: sha, source: "file", schema_version: LATEST_TENANT_MIGRATION });
    expect(manifest.migrations).toEqual(tenantMigrations.map((m) => m.name));
    expect(manifest.row_counts).toEqual(await countsOf(`file:${done.path}`));
    expect(manifest.row_counts.services).toBeGreaterThan(0);
    expect(await integrityOf(done.path)).toBe("ok");
  });

  test("taken while writes are happening, restores intact with exactly the row counts of its manifest", async () => {
    await setup();
    await addClients(h.db, 20, "before");
    // writes keep coming from this process while the snapshot is taken on its own connection
    const writing = addClients(h.db, 200, "during");
    const done = await backupTenant(deps(), "salon", { outDir: out });
    await writing;
    const taken = done.manifest.row_counts.clients ?? -1;
    expect(taken).toBeGreaterThanOrEqual(20);
    expect(taken).toBeLessThanOrEqual(220);

    const report = await restoreTenant(deps(), { slug: "copy", from: done.path });
    expect(report.created).toBe(true);
    const copyDb = join(h.dataDir, "copy", "tenant.db");
    expect(await integrityOf(copyDb)).toBe("ok");
    expect(await countsOf(`file:${copyDb}`)).toEqual(done.manifest.row_counts);
    expect((await h.deps.registry.get("copy"))?.name).toBe("Test Salon");
    expect((await h.request("/copy")).status).toBe(200);
  });

  test("a tampered backup is refused and nothing is restored", async () => {
    await setup();
    const done = await backupTenant(deps(), "salon", { outDir: out });
    const bytes = readFileSync(done.path);
    bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0xff;
    writeFileSync(done.path, bytes);
    expect(await problemKeys(restoreTenant(deps(), { slug: "copy", from: done.path }))).toEqual(["backup.checksum_mismatch"]);
    expect(await h.deps.registry.get("copy")).toBeNull();
    expect(existsSync(join(h.dataDir, "copy"))).toBe(false);
  });

  test("a damaged file whose checksum was updated to match still fails integrity_check", async () => {
    await setup();
    const done = await backupTenant(deps(), "salon", { outDir: out });
    truncateSync(done.path, 4096 * 3);
    writeFileSync(`${done.path}.sha256`, checksumLine(await sha256File(done.path), done.path));
    expect(await problemKeys(restoreTenant(deps(), { slug: "copy", from: done.path }))).toEqual(["backup.integrity_failed"]);
    expect(await h.deps.registry.get("copy")).toBeNull();
  });

  test("a backup without its checksum is refused", async () => {
    await setup();
    const done = await backupTenant(deps(), "salon", { outDir: out });
    const lone = join(mkdtempSync(join(tmpdir(), "zapis-lone-")), "salon.db");
    copyFileSync(done.path, lone);
    expect(await problemKeys(restoreTenant(deps(), { slug: "copy", from: lone }))).toEqual(["backup.checksum_missing"]);
    rmSync(dirname(lone), { recursive: true });
  });

  test("a backup made by a newer schema is refused", async () => {
    await setup();
    const done = await backupTenant(deps(), "salon", { outDir: out });
    const client = createClient({ url: `file:${done.path}` });
    await client.execute("INSERT INTO _migrations (name, applied_at) VALUES ('9999_future.sql', 0)");
    client.close();
    rmSync(`${done.path}.sha256`);
    rmSync(done.path.replace(/\.db$/, ".manifest.json"));
    writeFileSync(`${done.path}.sha256`, checksumLine(await sha256File(done.path), done.path));
    expect(await problemKeys(restoreTenant(deps(), { slug: "copy", from: done.path }))).toEqual(["backup.schema_newer"]);
  });
});

describe("restore onto a live tenant", () => {
  test("is refused without --force and changes nothing", async () => {
    await setup();
    const done = await backupTenant(deps(), "salon", { outDir: out });
    await addClients(h.db, 3, "after");
    expect(await problemKeys(restoreTenant(deps(), { slug: "salon", from: done.path }))).toEqual(["backup.tenant_live"]);
    expect((await countsOf(`file:${join(h.dataDir, "salon", "tenant.db")}`)).clients).toBe(3);
  });

  test("with --force replaces the data in one swap, keeps the previous as .bak and serves the restored data", async () => {
    await setup();
    await addClients(h.db, 2, "kept");
    const done = await backupTenant(deps(), "salon", { outDir: out });
    await addClients(h.db, 5, "after the backup");
    const live = join(h.dataDir, "salon", "tenant.db");
    const versionBefore = Number((await h.db.client.execute("SELECT data_version FROM business")).rows[0]?.[0]);

    const report = await restoreTenant(deps(), { slug: "salon", from: done.path, force: true });
    expect(report.created).toBe(false);
    expect(report.previous).toBe(`${live}.${utcStamp(T0)}.bak`);
    expect((await countsOf(`file:${report.previous}`)).clients).toBe(7);
    expect(await integrityOf(live)).toBe("ok");
    const restored = await countsOf(`file:${live}`);
    expect(restored).toEqual(done.manifest.row_counts);
    expect(restored.clients).toBe(2);

    // the open connection was evicted; the tenant reopens on the restored data
    const reopened = await h.deps.tenants.get("salon");
    expect(reopened?.db).not.toBe(h.db);
    const versionAfter = Number((await reopened!.db.client.execute("SELECT data_version FROM business")).rows[0]?.[0]);
    expect(versionAfter).toBeGreaterThan(versionBefore);
    expect((await h.request("/salon")).status).toBe(200);
  });

  test("a second restore keeps its own pre-restore copy: the first one is not overwritten", async () => {
    await setup();
    const done = await backupTenant(deps(), "salon", { outDir: out });
    await addClients(h.db, 4, "before the first restore");
    const first = await restoreTenant(deps(), { slug: "salon", from: done.path, force: true });
    const reopened = await h.deps.tenants.get("salon");
    await addClients(reopened!.db, 6, "before the second restore");
    const second = await restoreTenant(deps(), { slug: "salon", from: done.path, force: true }); // same (frozen) second
    expect(second.previous).not.toBe(first.previous);
    expect((await countsOf(`file:${first.previous}`)).clients).toBe(4);
    expect((await countsOf(`file:${second.previous}`)).clients).toBe(6);
  });
});
