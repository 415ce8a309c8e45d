import { afterEach, expect, test } from "bun:test";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { makeBackupHarness, UNREACHABLE_DB_URL, type BackupHarness } from "../../test/backup-harness.ts";
import { inspectDatabaseFile } from "../backup/manifest.ts";
import { notificationSettings } from "../notification/schema.ts";
import { exportTenant } from "./export.ts";
import { deleteTenant } from "./lifecycle.ts";

let h: BackupHarness;
afterEach(() => h?.close());

test("delete takes a final backup, unregisters the salon and moves its folder to .trash", async () => {
  h = await makeBackupHarness();
  const report = await deleteTenant(h.ops, "salon", { backupDir: h.backupDir, settleMs: 0 });
  expect((await inspectDatabaseFile(report.backup)).rowCounts.services).toBeGreaterThan(0);
  expect(await h.deps.registry.get("salon")).toBeNull();
  expect(existsSync(join(h.dataDir, "salon"))).toBe(false);
  expect(report.trashed).toStartWith(join(h.dataDir, ".trash", "salon-"));
  expect(readdirSync(report.trashed!)).toContain("tenant.db");
  expect((await h.request("/salon")).status).toBe(404);
});

test("delete changes nothing when the final backup fails", async () => {
  h = await makeBackupHarness();
  await h.registerBare({ slug: "faraway", dbUrl: UNREACHABLE_DB_URL });
  await expect(deleteTenant(h.ops, "faraway", { backupDir: h.backupDir, settleMs: 0 })).rejects.toThrow();
  expect((await h.deps.registry.get("faraway"))?.status).toBe("active");
  expect(readdirSync(h.backupDir)).toEqual([]);
});

test("export gives every table's rows as JSON, without secret hashes or the migration ledger", async () => {
  h = await makeBackupHarness();
  const exported = await exportTenant(h.ops, "salon");
  expect(exported).toMatchObject({ format: 1, tenant: "salon", name: "Test Salon" });
  expect(exported.tables.services?.length).toBeGreaterThan(0);
  expect(exported.tables.api_tokens).toHaveLength(1);
  expect(Object.keys(exported.tables.api_tokens![0]!)).not.toContain("token_hash");
  expect(exported.tables._migrations).toBeUndefined();
  expect(JSON.parse(JSON.stringify(exported))).toEqual(exported);
});

test("export leaves every secret out: provider credentials, the SMTP password, our signing secrets", async () => {
  h = await makeBackupHarness();
  const planted = { smtp: "smtp-pass-PLANTED-1", sms: "SMSRU-PLANTED-0000-1111-2222", bot: "123456:PLANTED-bot-token-abcdefghij", link: "link-secret-PLANTED-3", hook: "webhook-secret-PLANTED-4" };
  await h.db.write((tx) =>
    tx.update(notificationSettings).set({
      smtpUrl: `smtp://salon:${planted.smtp}@smtp.example.com:587`,
      smsruApiId: planted.sms,
      telegramBotToken: planted.bot,
      linkSecret: planted.link,
      telegramWebhookSecret: planted.hook,
    }),
  );
  const text = JSON.stringify(await exportTenant(h.ops, "salon"));
  for (const secret of Object.values(planted)) expect([secret, text.includes(secret)]).toEqual([secret, false]);
  expect(text).toContain("smtp://salon@smtp.example.com:587"); // the server itself is the salon's data
});
