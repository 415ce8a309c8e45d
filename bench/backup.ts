// How long backups, restores and readiness probes take for a salon with a realistic amount of data,
// on a local file and on sqld. Prints figures; asserts nothing.
//   bun bench/backup.ts [clients=20000]
import { clients } from "../src/client/schema.ts";
import { backupTenant } from "../src/backup/backup.ts";
import { restoreTenant } from "../src/backup/restore.ts";
import { checkReadiness } from "../src/health/readiness.ts";
import { makeBackupHarness, type BackupHarness } from "../test/backup-harness.ts";
import { T0 } from "../test/harness.ts";
import { startSqld } from "../test/sqld.ts";

const CLIENTS = Number(process.argv[2] ?? 20_000);

async function fill(h: BackupHarness): Promise<void> {
  for (let i = 0; i < CLIENTS; i += 1_000) {
    await h.db.write((tx) =>
      tx.insert(clients).values(
        Array.from({ length: Math.min(1_000, CLIENTS - i) }, (_, j) => ({
          name: `Клиент ${i + j}`,
          phone: `+7900${String(10_000_000 + i + j).slice(1)}`,
          notes: "постоянный клиент, предпочитает утро",
          createdAt: T0,
          updatedAt: T0,
        })),
      ),
    );
  }
}

async function time<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await fn();
  console.log(`${label.padEnd(44)} ${(performance.now() - started).toFixed(0).padStart(7)} ms`);
  return result;
}

async function run(where: string, h: BackupHarness): Promise<void> {
  await fill(h);
  const done = await time(`${where}: backup (${CLIENTS} clients)`, () => backupTenant(h.ops, "salon", { outDir: h.backupDir }));
  console.log(`${where}: backup file ${(done.manifest.bytes / 1024).toFixed(0)} KiB`);
  await time(`${where}: restore --force in place`, () => restoreTenant(h.ops, { slug: "salon", from: done.path, force: true }));
  await time(`${where}: restore into a new local slug`, () => restoreTenant(h.ops, { slug: "copy", from: done.path }));
  h.close();
}

await run("local", await makeBackupHarness());
const sqld = await startSqld();
try {
  await run("sqld", await makeBackupHarness({}, { dbUrl: sqld.url }));
} finally {
  await sqld.stop();
}

// readiness opens every active tenant once per check (then caches the answer for 15 s)
const many = await makeBackupHarness();
for (let i = 0; i < 199; i++) await restoreTenant(many.ops, { slug: `tenant-${i}`, from: (await backupTenant(many.ops, "salon", { outDir: many.backupDir, at: T0 + i * 1000 })).path });
await time("readiness check over 200 local tenants", () => checkReadiness({ config: many.deps.config, clock: many.clock, registry: many.deps.registry }));
many.close();
