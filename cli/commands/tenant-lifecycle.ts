import type { Command } from "commander";
import { writeFileSync } from "node:fs";
import { redactUrl } from "../../src/config/config.ts";
import { exportTenant } from "../../src/tenant/export.ts";
import { deleteTenant } from "../../src/tenant/lifecycle.ts";
import type { Runtime } from "../runtime.ts";
import { PRIVATE_FILE } from "../../src/fs/private.ts";

/** What backup, restore and the tenant lifecycle commands work with. */
export const opsDeps = (rt: Runtime) => ({ registry: rt.registry, dataDir: rt.config.dataDir, clock: rt.clock, tenants: rt.tenants });

type WithRuntime = (command: Command, fn: (rt: Runtime) => Promise<void>) => Promise<void>;

/** `tenant delete` and `tenant export`, added to the `tenant` command. */
export function addLifecycleCommands(tenant: Command, withRuntime: WithRuntime): void {
  tenant
    .command("delete <slug>")
    .description("take a final backup, unregister the salon and move its folder to <data>/.trash")
    .option("--out <dir>", "folder for the final backup (default: BACKUP_DIR)")
    .action(async (slug: string, opts: { out?: string }, command: Command) =>
      withRuntime(command, async (rt) => {
        const report = await deleteTenant(opsDeps(rt), slug, { backupDir: opts.out ?? rt.config.backupDir });
        console.log(`deleted tenant '${slug}'; final backup: ${report.backup}`);
        if (report.trashed) console.log(`its folder is now ${report.trashed}`);
        if (report.remoteUrl) console.log(`its database on ${redactUrl(report.remoteUrl)} was left in place`);
      }),
    );

  tenant
    .command("export <slug>")
    .description("export all of a salon's data as JSON; secrets are left out (password and token hashes, SMTP password, SMS.ru api_id, Telegram bot token, link-signing and webhook secrets)")
    .option("--out <file>", "write to this file instead of stdout")
    .action(async (slug: string, opts: { out?: string }, command: Command) =>
      withRuntime(command, async (rt) => {
        const json = `${JSON.stringify(await exportTenant(opsDeps(rt), slug), null, 2)}\n`;
        if (opts.out) writeFileSync(opts.out, json, { mode: PRIVATE_FILE });
        else process.stdout.write(json);
      }),
    );
}
