import { Command } from "commander";
import { tenantMigrations } from "../../migrations/index.ts";
import type { OpenTenant } from "../../src/tenant/connections.ts";
import { pendingMigrations } from "../../src/db/migrate.ts";
import { AppError, type Problem } from "../../src/error/app-error.ts";
import { t } from "../../src/i18n/i18n.ts";
import { importClientsFile } from "../../src/import/file/clients-file.ts";
import { progressPrinter } from "../../src/import/progress.ts";
import { formatReport, saveReport, type ImportReport } from "../../src/import/report.ts";
import { issueWebhookToken } from "../../src/import/webhook-token.ts";
import { apiBaseUrl, DEFAULT_BASE_URL, isApiToken, YClientsApi } from "../../src/import/yclients/api.ts";
import { importFromYClients } from "../../src/import/yclients/import.ts";
import { YClientsSource } from "../../src/import/yclients/source.ts";
import { DEFAULT_SYNC_MINUTES, keepSyncing } from "../../src/import/yclients/sync.ts";
import { branchForCompany } from "../../src/import/yclients/company.ts";
import { migrateTenants } from "../../src/tenant/tenant.ts";
import { isValidLocalDate } from "../../src/time/zone.ts";
import { openRuntime, type Runtime } from "../runtime.ts";
import { flagsOf } from "./shared.ts";

interface YClientsOptions {
  tenant: string;
  company: string;
  partnerToken: string;
  userToken: string;
  baseUrl: string;
  from?: string;
  to?: string;
  dryRun?: boolean;
  reminders: boolean;
  // issue 18: the scheduled sync
  keepSyncing?: boolean;
  syncMinutes: string;
  location?: string;
}

export function importCommand(): Command {
  const command = new Command("import").description("move a salon over from YClients: the API, the exported client list, live changes");

  command
    .command("yclients")
    .description("import company, catalogue, masters, clients, visits and reviews from the YClients API (safe to run again)")
    .requiredOption("--tenant <slug>", "the salon to import into")
    .requiredOption("--company <id>", "YClients company (branch) id")
    .requiredOption("--partner-token <token>", "YClients partner (developer) token")
    .requiredOption("--user-token <token>", "YClients user token of the owner or a full administrator")
    .option("--base-url <url>", "API address (Altegio: https://api.alteg.io)", DEFAULT_BASE_URL)
    .option("--from <date>", "first visit date to import, YYYY-MM-DD (default: a year ago)")
    .option("--to <date>", "last visit date to import, YYYY-MM-DD (default: a year ahead)")
    .option("--dry-run", "read everything and print what would change, writing nothing")
    .option("--no-reminders", "do not queue reminders for imported future visits")
    .option("--keep-syncing", "then let `serve` pull the records changed in YClients every --sync-minutes (the yclients-sync job), besides the webhook")
    .option("--sync-minutes <n>", "how often the kept sync runs, 5 to 1440", String(DEFAULT_SYNC_MINUTES))
    .option("--location <id|new>", "the branch the company goes into (required once the salon has two); new: a branch of its own, one per company of a network")
    .action(async (opts: YClientsOptions, cmd: Command) => {
      checkOptions(opts);
      await withTenant(cmd, opts.tenant, Boolean(opts.dryRun), async (rt, open) => {
        const locationId = opts.location === "new" ? await branchForCompany(open.db, rt.clock, opts.company, Boolean(opts.dryRun)) : opts.location === undefined ? undefined : Number(opts.location);
        const api = new YClientsApi({ baseUrl: apiBaseUrl(opts.baseUrl)!, partnerToken: opts.partnerToken, userToken: opts.userToken });
        const progress = progressPrinter(process.stderr);
        try {
          const startedAt = rt.clock.now();
          const report = await importFromYClients(
            { db: open.db, clock: rt.clock },
            {
              tenant: opts.tenant,
              source: new YClientsSource(api, opts.company),
              from: opts.from,
              to: opts.to,
              dryRun: Boolean(opts.dryRun),
              reminders: opts.reminders,
              locationId,
              stats: api.stats,
              onProgress: progress.update,
            },
          );
          if (opts.keepSyncing && !opts.dryRun) {
            const credentials = { companyId: opts.company, baseUrl: apiBaseUrl(opts.baseUrl)!, partnerToken: opts.partnerToken, userToken: opts.userToken, intervalMinutes: Number(opts.syncMinutes) };
            await keepSyncing({ db: open.db, clock: rt.clock }, credentials, startedAt);
          }
          return report;
        } finally {
          progress.finish();
        }
      });
    });

  command
    .command("yclients-file <file>")
    .description("import clients from the YClients web export (.xlsx or .csv; safe to run again)")
    .requiredOption("--tenant <slug>", "the salon to import into")
    .option("--dry-run", "read the file and print what would change, writing nothing")
    .action(async (file: string, opts: { tenant: string; dryRun?: boolean }, cmd: Command) =>
      withTenant(cmd, opts.tenant, Boolean(opts.dryRun), (rt, open) =>
        importClientsFile({ db: open.db, clock: rt.clock }, { tenant: opts.tenant, path: file, dryRun: Boolean(opts.dryRun) }),
      ),
    );

  command
    .command("yclients-webhook")
    .description("issue the URL to enter in YClients' webhook settings (replaces any earlier one) and print it")
    .requiredOption("--tenant <slug>", "the salon that receives the changes")
    .requiredOption("--company <id>", "YClients company id whose events are accepted")
    .option("--no-reminders", "do not queue reminders for visits that arrive by webhook (YClients still sends its own)")
    .action(async (opts: { tenant: string; company: string; reminders: boolean }, cmd: Command) => {
      if (!/^[1-9]\d*$/.test(opts.company)) throw new AppError("VALIDATION_ERROR", [{ field: "company", key: "import.option.company_invalid" }]);
      const rt = await openRuntime(flagsOf(cmd));
      try {
        const open = await openTenant(rt, opts.tenant, false);
        const token = await issueWebhookToken(open.db, "yclients", { externalId: opts.company, reminders: opts.reminders }, rt.clock.now());
        console.log(`${rt.config.publicUrl}/api/v1/businesses/${opts.tenant}/webhooks/yclients?token=${token}`);
      } finally {
        rt.close();
      }
    });

  return command;
}

function checkOptions(opts: YClientsOptions): void {
  const problems: Problem[] = [];
  if (!/^[1-9]\d*$/.test(opts.company)) problems.push({ field: "company", key: "import.option.company_invalid" });
  for (const option of ["from", "to"] as const) {
    const value = opts[option];
    if (value !== undefined && !isValidLocalDate(value)) problems.push({ field: option, key: "import.option.date_invalid", params: { option, value } });
  }
  if (opts.from && opts.to && isValidLocalDate(opts.from) && isValidLocalDate(opts.to) && opts.from > opts.to) {
    problems.push({ field: "from", key: "import.option.window_invalid", params: { from: opts.from, to: opts.to } });
  }
  if (!/^\d{1,4}$/.test(opts.syncMinutes) || Number(opts.syncMinutes) < 5 || Number(opts.syncMinutes) > 1440) {
    problems.push({ field: "sync_minutes", key: "import.option.sync_minutes_invalid", params: { value: opts.syncMinutes } });
  }
  if (opts.location !== undefined && opts.location !== "new" && !/^[1-9]\d{0,8}$/.test(opts.location)) problems.push({ field: "location", key: "error.field_invalid" });
  if (!apiBaseUrl(opts.baseUrl)) problems.push({ field: "base_url", key: "import.option.base_url_invalid", params: { value: opts.baseUrl } });
  for (const [option, value] of [["partner-token", opts.partnerToken], ["user-token", opts.userToken]] as const) {
    if (!isApiToken(value)) problems.push({ field: option.replace("-", "_"), key: "import.option.token_invalid", params: { option } });
  }
  if (problems.length > 0) throw new AppError("VALIDATION_ERROR", problems);
}

/** The tenant's database, brought up to date first — or, for a dry run, refused when behind (a dry run changes nothing, schema included). */
async function openTenant(rt: Runtime, slug: string, dryRun: boolean): Promise<OpenTenant> {
  if (!(await rt.registry.get(slug))) throw new AppError("NOT_FOUND", [{ field: "tenant", key: "tenant.not_found", params: { slug } }]);
  if (!dryRun) {
    const [migrated] = await migrateTenants({ registry: rt.registry, dataDir: rt.config.dataDir, clock: rt.clock }, { only: slug });
    if (migrated?.error) throw new Error(migrated.error);
  }
  const open = await rt.tenants.get(slug);
  if (!open) throw new AppError("NOT_FOUND", [{ field: "tenant", key: "tenant.not_found", params: { slug } }]);
  if (dryRun && (await pendingMigrations(open.db.client, tenantMigrations)).length > 0) throw new Error(t("en", "import.tenant_behind", { slug }));
  return open;
}

/** Runs an import against the tenant, prints its report and (unless a dry run) saves it in the tenant's folder. */
async function withTenant(cmd: Command, slug: string, dryRun: boolean, run: (rt: Runtime, open: OpenTenant) => Promise<ImportReport>): Promise<void> {
  const rt = await openRuntime(flagsOf(cmd));
  try {
    const report = await run(rt, await openTenant(rt, slug, dryRun));
    console.log(formatReport(report));
    if (!dryRun) console.log(`report saved to ${saveReport(rt.config.dataDir, report)}`);
  } finally {
    rt.close();
  }
}
