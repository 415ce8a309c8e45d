import { afterEach, expect, spyOn, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeBackupHarness, UNREACHABLE_DB_URL, type BackupHarness } from "../../test/backup-harness.ts";
import { T0 } from "../../test/harness.ts";
import { backupFailures } from "../metrics/metrics.ts";
import { ConfigError, loadConfig } from "../config/config.ts";
import { JobLeases } from "../job/lease.ts";
import { BACKUP_LEASE_MS, lastTick, runBackups } from "./job.ts";
import { pruneBackups } from "./retention.ts";
import { backupFileName } from "./naming.ts";

const DAY = 86_400_000;
let h: BackupHarness;
let out: string;

afterEach(() => h?.close());

async function setup(): Promise<void> {
  // every quarter hour: the same instants in every time zone, so the test does not depend on TZ
  h = await makeBackupHarness({ BACKUP_CRON: "*/15 * * * *", BACKUP_KEEP: "2" });
  out = h.backupDir;
}

const ctx = () => ({ config: h.deps.config, clock: h.clock, registry: h.deps.registry, tenants: h.deps.tenants });

test("backs up each tenant once per BACKUP_CRON tick, named after the tick, and catches up a missed tick", async () => {
  await setup();
  const failedAt = new Map<string, number>();
  const dbFiles = () => readdirSync(out).filter((f) => f.endsWith(".db")).sort();
  h.clock.set(T0 + 5 * 60_000);
  const [first] = await runBackups(ctx(), failedAt);
  expect(first?.outcome).toBe("ok");
  expect(dbFiles()).toEqual(["salon-20270301T060000Z.db"]);
  h.clock.advance(60_000);
  expect((await runBackups(ctx(), failedAt)).map((r) => r.detail)).toEqual(["up to date"]);
  // the server was down from 06:06 to 08:07: the latest tick (08:00) is caught up, once
  h.clock.set(T0 + 127 * 60_000);
  await runBackups(ctx(), failedAt);
  expect(dbFiles()).toEqual(["salon-20270301T060000Z.db", "salon-20270301T080000Z.db"]);
});

test("skips a backup another instance is taking, without counting a failure", async () => {
  await setup();
  h.clock.set(T0 + DAY);
  writeFileSync(join(out, `${backupFileName("salon", T0 + DAY)}.partial`), "");
  const failures = backupFailures.get();
  const [result] = await runBackups(ctx(), new Map());
  expect(result).toMatchObject({ outcome: "ok", detail: "taken by another instance" });
  expect(backupFailures.get()).toBe(failures);
});

test("a failing tenant is logged loudly (without its token), counted, retried later, and does not stop the others", async () => {
  await setup();
  await h.registerBare({ slug: "gone", dbUrl: UNREACHABLE_DB_URL, dbToken: "secret-token-do-not-log", createdAt: T0 - DAY });
  h.clock.set(T0 + DAY);
  const failures = backupFailures.get();
  const failedAt = new Map<string, number>();
  const write = spyOn(process.stdout, "write").mockImplementation(() => true);
  let results;
  let logged: string;
  try {
    results = await runBackups(ctx(), failedAt);
  } finally {
    logged = write.mock.calls.map((c) => String(c[0])).join("");
    write.mockRestore();
  }
  expect(Object.fromEntries(results.map((r) => [r.slug, r.outcome]))).toEqual({ gone: "failed", salon: "ok" });
  const loud = logged.split("\n").filter((l) => l.includes("BACKUP FAILED")).map((l) => JSON.parse(l));
  expect(loud).toHaveLength(1);
  expect(loud[0]).toMatchObject({ level: "error", tenant: "gone" });
  expect(logged).not.toContain("secret-token-do-not-log");
  expect(backupFailures.get()).toBe(failures + 1);
  expect(existsSync(join(out, "salon-20270302T060000Z.db"))).toBe(true);

  h.clock.advance(60_000);
  const again = await runBackups(ctx(), failedAt);
  expect(again.find((r) => r.slug === "gone")?.detail).toBe("failed recently; retrying later");
});

test("retention keeps the newest N, drops those past the age limit, never the newest, and only the tenant's own", () => {
  const out = mkdtempSync(join(tmpdir(), "zapis-retention-"));
  const touch = (slug: string, at: number) => {
    const db = join(out, backupFileName(slug, at));
    for (const f of [db, `${db}.sha256`, db.replace(/\.db$/, ".manifest.json")]) writeFileSync(f, "");
  };
  for (let d = 0; d < 5; d++) touch("salon", T0 - d * DAY);
  touch("other", T0 - 100 * DAY);
  const deleted = pruneBackups(out, "salon", { keep: 3, maxAgeDays: 30 }, T0);
  expect(deleted.map((p) => p.slice(out.length + 1))).toEqual([backupFileName("salon", T0 - 3 * DAY), backupFileName("salon", T0 - 4 * DAY)]);
  expect(readdirSync(out).filter((f) => f.startsWith("salon-")).length).toBe(9);
  expect(pruneBackups(out, "salon", { keep: 10, maxAgeDays: 1 }, T0 + 10 * DAY).length).toBe(2);
  expect(pruneBackups(out, "other", { keep: 10, maxAgeDays: 1 }, T0)).toEqual([]);
  expect(existsSync(join(out, backupFileName("other", T0 - 100 * DAY)))).toBe(true);
  rmSync(out, { recursive: true });
});

test("BACKUP_CRON defaults to 03:00 daily, 'off' disables it, and a bad pattern is refused at boot", () => {
  expect(loadConfig({}).backupCron).toBe("0 3 * * *");
  expect(loadConfig({ BACKUP_CRON: "off" }).backupCron).toBeNull();
  expect(lastTick(null, T0)).toBeNull();
  expect(lastTick("*/15 * * * *", T0 + 7 * 60_000)).toBe(T0);
  expect(lastTick("*/15 * * * *", T0)).toBe(T0);
  expect(() => loadConfig({ BACKUP_CRON: "every night" })).toThrow(ConfigError);
  expect(() => loadConfig({ BACKUP_KEEP: "0" })).toThrow(ConfigError);
});

test("instances on two hosts (one registry, each its own BACKUP_DIR) back a salon up once per tick; a dead holder's lease is taken over", async () => {
  await setup();
  const elsewhere = mkdtempSync(join(tmpdir(), "zapis-backups-b-"));
  const other = () => ({ ...ctx(), config: { ...h.deps.config, backupDir: elsewhere } });
  const files = (folder: string) => readdirSync(folder).filter((f) => f.endsWith(".db"));
  try {
    h.clock.set(T0 + DAY);
    expect((await runBackups(ctx(), new Map()))[0]?.detail).toStartWith("backed up to");
    expect((await runBackups(other(), new Map()))[0]?.detail).toBe("up to date (backed up by another instance)");
    expect([files(out).length, files(elsewhere)]).toEqual([1, []]);

    // the next tick: an instance took the lease and died before finishing
    h.clock.advance(15 * 60_000);
    expect(await new JobLeases(h.deps.registry, h.clock, "dead-host:1").claim("backup:salon", BACKUP_LEASE_MS)).not.toBeNull();
    expect((await runBackups(other(), new Map()))[0]?.detail).toBe("taken by another instance");
    h.clock.advance(BACKUP_LEASE_MS);
    expect((await runBackups(other(), new Map()))[0]?.detail).toStartWith("backed up to");
    expect(files(elsewhere)).toHaveLength(1);
  } finally {
    rmSync(elsewhere, { recursive: true, force: true });
  }
});
