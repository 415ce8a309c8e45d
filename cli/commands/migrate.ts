import { Command } from "commander";
import { migrateTenants } from "../../src/tenant/tenant.ts";
import { openRuntime } from "../runtime.ts";
import { flagsOf } from "./shared.ts";

export const migrateCommand = () =>
  new Command("migrate")
    .description("apply pending migrations to every tenant (or one)")
    .option("--tenant <slug>", "only this tenant")
    .action(async (opts: { tenant?: string }, command: Command) => {
      const rt = await openRuntime(flagsOf(command));
      try {
        const reports = await migrateTenants({ registry: rt.registry, dataDir: rt.config.dataDir, clock: rt.clock }, { only: opts.tenant });
        for (const r of reports) {
          if (r.error) console.error(`${r.slug}: FAILED ${r.error}`);
          else if (r.skipped) console.log(`${r.slug}: skipped: ${r.skipped}`);
          else console.log(`${r.slug}: ${r.applied.length === 0 ? "up to date" : `applied ${r.applied.join(", ")}`}`);
        }
        if (reports.some((r) => r.error)) process.exitCode = 1;
      } finally {
        rt.close();
      }
    });
