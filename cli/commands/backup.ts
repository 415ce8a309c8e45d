import { Command } from "commander";
import { backupAll, backupTenant } from "../../src/backup/backup.ts";
import { restoreTenant } from "../../src/backup/restore.ts";
import { AppError } from "../../src/error/app-error.ts";
import { t } from "../../src/i18n/i18n.ts";
import { withRuntime } from "./tenant.ts";
import { opsDeps } from "./tenant-lifecycle.ts";

const describe = (error: unknown): string =>
  error instanceof AppError ? error.problems.map((p) => t("en", p.key, p.params)).join("; ") : error instanceof Error ? error.message : String(error);

export const backupCommand = () =>
  new Command("backup")
    .description("take a consistent online backup of one salon (or --all) while the server runs")
    .argument("[slug]", "the salon to back up")
    .option("--all", "back up every salon")
    .option("--out <dir>", "folder for the backup files (default: BACKUP_DIR)")
    .action(async (slug: string | undefined, opts: { all?: boolean; out?: string }, command: Command) => {
      if (Boolean(slug) === Boolean(opts.all)) command.error("error: name one salon or pass --all", { exitCode: 2 });
      await withRuntime(command, async (rt) => {
        const outDir = opts.out ?? rt.config.backupDir;
        if (slug) {
          const done = await backupTenant(opsDeps(rt), slug, { outDir });
          console.log(done.path);
          return;
        }
        const outcomes = await backupAll(opsDeps(rt), { outDir });
        for (const o of outcomes) {
          if (o.result) console.log(o.result.path);
          else console.error(`error: ${o.slug}: backup failed: ${describe(o.error)}`);
        }
        if (outcomes.some((o) => o.error)) process.exitCode = 1;
      });
    });

export const restoreCommand = () =>
  new Command("restore")
    .description("restore a salon from a backup file (verified first); a new slug creates the salon")
    .argument("<slug>", "the salon to restore into")
    .requiredOption("--from <file>", "the backup's .db file (its .sha256 or manifest must be beside it)")
    .option("--force", "replace an existing salon's data (the current data is kept as .bak)")
    .action(async (slug: string, opts: { from: string; force?: boolean }, command: Command) =>
      withRuntime(command, async (rt) => {
        const report = await restoreTenant(opsDeps(rt), { slug, from: opts.from, force: opts.force });
        const rows = Object.values(report.rowCounts).reduce((a, b) => a + b, 0);
        if (report.created) console.log(`created tenant '${slug}' from ${opts.from} (${rows} rows)`);
        else console.log(`restored '${slug}' from ${opts.from} (${rows} rows); the previous data is in ${report.previous}`);
        if (report.migrated.length > 0) console.log(`applied migrations: ${report.migrated.join(", ")}`);
      }),
    );
