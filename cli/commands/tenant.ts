import { Command, Option } from "commander";
import { issueApiToken } from "../../src/account/api-token.ts";
import { redactUrl } from "../../src/config/config.ts";
import { AppError } from "../../src/error/app-error.ts";
import type { TenantRow } from "../../src/tenant/schema.ts";
import { createTenant, setTenantStatus } from "../../src/tenant/tenant.ts";
import { openRuntime, type Runtime } from "../runtime.ts";
import { flagsOf } from "./shared.ts";
import { addLifecycleCommands } from "./tenant-lifecycle.ts";

interface CreateOptions {
  name: string;
  timezone: string;
  locale: string;
  currency: string;
  ownerEmail?: string;
  ownerPassword?: string;
  dbUrl?: string;
  dbToken?: string;
  demo?: boolean;
}

/** What `tenant list` shows: never the database token. */
const publicRow = (row: TenantRow) => ({
  slug: row.slug,
  name: row.name,
  status: row.status,
  db_url: row.dbUrl === null ? null : redactUrl(row.dbUrl),
  created_at: new Date(row.createdAt).toISOString(),
});

export async function withRuntime(command: Command, fn: (rt: Runtime) => Promise<void>): Promise<void> {
  const rt = await openRuntime(flagsOf(command));
  try {
    await fn(rt);
  } finally {
    rt.close();
  }
}

export function tenantCommand(): Command {
  const tenant = new Command("tenant").description("provision and manage salons (tenants)");

  tenant
    .command("create <slug>")
    .description("create a salon: its database, profile, owner account and (with --demo) demo data")
    .requiredOption("--name <name>", "the salon's name as clients see it")
    .option("--timezone <zone>", "IANA time zone of the salon", "Europe/Moscow")
    .addOption(new Option("--locale <locale>", "default language of pages and messages").choices(["ru", "en", "kk"]).default("ru"))
    .option("--currency <code>", "ISO 4217 currency of prices", "RUB")
    .option("--owner-email <email>", "e-mail of the owner account (admin login)")
    .option("--owner-password <password>", "password of the owner account (min 8 characters)")
    .option("--db-url <url>", "keep this tenant on a libSQL server (libsql://… or http://…)")
    .option("--db-token <token>", "auth token for --db-url")
    .option("--demo", "fill with a demo catalogue, masters and hours")
    .action(async (slug: string, opts: CreateOptions, command: Command) =>
      withRuntime(command, async (rt) => {
        const row = await createTenant(
          { registry: rt.registry, dataDir: rt.config.dataDir, clock: rt.clock },
          { slug, ...opts },
        );
        console.log(`created tenant '${row.slug}' (${row.name}): ${rt.config.publicUrl}/${row.slug}`);
      }),
    );

  tenant
    .command("list")
    .description("list salons")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean }, command: Command) =>
      withRuntime(command, async (rt) => {
        const rows = (await rt.registry.list()).map(publicRow);
        if (opts.json) {
          console.log(JSON.stringify(rows, null, 2));
          return;
        }
        if (rows.length === 0) console.log("no tenants yet: create one with `zapis tenant create <slug> --name <name>`");
        for (const r of rows) console.log(`${r.slug.padEnd(24)} ${r.status.padEnd(9)} ${r.name}${r.db_url ? `  [${r.db_url}]` : ""}`);
      }),
    );

  for (const status of ["disable", "enable"] as const) {
    tenant
      .command(`${status} <slug>`)
      .description(status === "disable" ? "stop serving a salon's pages and API (data is kept)" : "serve a disabled salon again")
      .action(async (slug: string, _opts: unknown, command: Command) =>
        withRuntime(command, async (rt) => {
          await setTenantStatus(rt, slug, status === "disable" ? "disabled" : "active");
          console.log(`tenant '${slug}' ${status}d`);
        }),
      );
  }

  tenant
    .command("token <slug>")
    .description("create an owner API token and print it (only the token, on stdout)")
    .option("--name <name>", "what the token is for", "cli")
    .action(async (slug: string, opts: { name: string }, command: Command) =>
      withRuntime(command, async (rt) => {
        const open = await rt.tenants.get(slug);
        if (!open) throw new AppError("NOT_FOUND", [{ field: "slug", key: "tenant.not_found", params: { slug } }]);
        console.log(await issueApiToken(open.db, { name: opts.name, role: "owner", now: rt.clock.now() }));
      }),
    );

  addLifecycleCommands(tenant, withRuntime);
  return tenant;
}
