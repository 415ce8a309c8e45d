import { Cron } from "croner";
import { join, resolve } from "node:path";
import { parseSmtpUrl } from "../notification/channels/smtp-address.ts";
import { formatDbUrl, parseRemoteDbUrl, TenantDbTemplate } from "../tenant/db-url.ts";
import { YOOKASSA_URL } from "../payment/yookassa.ts";

/** Everything the process is configured with. Read once at boot by `loadConfig`; nothing else reads env. */
export interface Config {
  port: number;
  host: string;
  /** The data root: platform.db and one folder per tenant. */
  dataDir: string;
  /** When set, `<slug>.<domain>` hosts resolve to that tenant (besides the `/<slug>` path). */
  domain: string | null;
  /** Public base URL for links in emails and SMS; defaults to http://localhost:<port>. */
  publicUrl: string;
  smtpUrl: string | null;
  smtpFrom: string | null;
  /** How many tenant databases stay open at once, and how long an idle one stays open. */
  maxOpenTenants: number;
  tenantIdleSeconds: number;
  /** Take the client address from X-Forwarded-For (set only behind your own reverse proxy). */
  trustProxy: boolean;
  /** When `serve` backs up every tenant (cron, server local time); null = no scheduled backups. */
  backupCron: string | null;
  /** Where scheduled backups (and `tenant delete`'s final backup) go. */
  backupDir: string;
  /** Retention per tenant: keep at most this many backups, and none older than this many days. */
  backupKeep: number;
  backupMaxAgeDays: number;
  /** Per-address limit of public writes (booking, holds): a burst, then this many a minute. */
  publicWriteBurst: number;
  publicWritesPerMinute: number;
  /** Endpoints a salon types (its SMTP server) may be loopback, private or link-local addresses. */
  allowPrivateHosts: boolean;
  // issue 19: several instances on several hosts share the registry and the salons on a libSQL server
  /** ZAPIS_REGISTRY_URL: the registry on a libSQL server instead of `<data>/platform.db`. */
  registryUrl: string | null;
  registryToken: string | null;
  /** ZAPIS_TENANT_DB_URL: where a new salon's database goes, `{slug}` standing for the salon. */
  tenantDbUrl: string | null;
  tenantDbToken: string | null;
  /** ZAPIS_TENANT_ADMIN_URL: sqld's admin API, to create (and drop) a namespace per salon. */
  tenantAdminUrl: string | null;
  tenantAdminKey: string | null;
  // issue 16: the Telegram Bot API server (only ever from here, never from a salon's setting) and
  // how bots receive updates: a webhook on ZAPIS_PUBLIC_URL, or long polling for installs behind NAT.
  telegramApiUrl: string;
  telegramMode: "webhook" | "polling";
  /** issue 16: the WhatsApp Cloud API (Graph API) base with its version; tests point it at a fake. */
  whatsappApiUrl: string;
  // issue 13: the YooKassa API base (tests and proxies point it elsewhere); the only source of that URL
  yookassaUrl: string;
}

export class ConfigError extends Error {}

/** CLI flags that override the environment. */
export interface ConfigFlags {
  port?: string | undefined;
  host?: string | undefined;
  data?: string | undefined;
}

const SECRET_KEYS: ReadonlySet<keyof Config> = new Set(["smtpUrl", "registryToken", "tenantDbToken", "tenantAdminKey"]);

export function loadConfig(env: Record<string, string | undefined>, flags: ConfigFlags = {}): Config {
  const problems: string[] = [];
  const port = integer("PORT", flags.port ?? env.PORT ?? "3000", 1, 65535, problems);
  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (smtpUrl && !parseSmtpUrl(smtpUrl)) problems.push(`SMTP_URL must be smtp://[user:password@]host[:port] or smtps://…, with nothing after the port (got '${redactUrl(smtpUrl)}')`);
  const domain = env.ZAPIS_DOMAIN?.trim().toLowerCase() || null;
  if (domain && !/^[a-z0-9.-]+(:\d+)?$/.test(domain)) problems.push(`ZAPIS_DOMAIN must be a host name such as zapis.example.com (got '${domain}')`);
  const backupCron = env.BACKUP_CRON?.trim() === "off" ? null : env.BACKUP_CRON?.trim() || "0 3 * * *";
  if (backupCron && !isCron(backupCron)) problems.push(`BACKUP_CRON must be a cron pattern such as '0 3 * * *', or 'off' (got '${backupCron}')`);
  const publicUrl = (env.ZAPIS_PUBLIC_URL?.trim() || `http://localhost:${port}`).replace(/\/+$/, "");
  if (!/^https?:\/\//.test(publicUrl)) problems.push(`ZAPIS_PUBLIC_URL must start with http:// or https:// (got '${publicUrl}')`);
  const dataDir = resolve(flags.data ?? env.ZAPIS_DATA ?? "tenants");
  const config: Config = {
    port,
    host: flags.host ?? env.HOST ?? "0.0.0.0",
    dataDir,
    domain,
    publicUrl,
    smtpUrl,
    smtpFrom: env.SMTP_FROM?.trim() || null,
    maxOpenTenants: integer("ZAPIS_MAX_OPEN_TENANTS", env.ZAPIS_MAX_OPEN_TENANTS ?? "200", 1, 100_000, problems),
    tenantIdleSeconds: integer("ZAPIS_TENANT_IDLE_SECONDS", env.ZAPIS_TENANT_IDLE_SECONDS ?? "300", 1, 86_400, problems),
    trustProxy: flag(env.ZAPIS_TRUST_PROXY),
    backupCron,
    // the default sits inside the data folder (no slug can start with a dot); point it at another disk
    backupDir: resolve(env.BACKUP_DIR?.trim() || join(dataDir, ".backups")),
    backupKeep: integer("BACKUP_KEEP", env.BACKUP_KEEP ?? "14", 1, 10_000, problems),
    backupMaxAgeDays: integer("BACKUP_MAX_AGE_DAYS", env.BACKUP_MAX_AGE_DAYS ?? "30", 1, 3_650, problems),
    publicWriteBurst: integer("ZAPIS_PUBLIC_WRITE_BURST", env.ZAPIS_PUBLIC_WRITE_BURST ?? "20", 1, 1_000_000, problems),
    publicWritesPerMinute: integer("ZAPIS_PUBLIC_WRITES_PER_MINUTE", env.ZAPIS_PUBLIC_WRITES_PER_MINUTE ?? "30", 1, 1_000_000, problems),
    // issue 18: the webhook spelling of DESIGN §5 is an alias (one switch for every salon-typed host)
    allowPrivateHosts: flag(env.ZAPIS_ALLOW_PRIVATE_HOSTS) || flag(env.ZAPIS_WEBHOOK_ALLOW_PRIVATE),
    ...scaleOut(env, problems),
    // issue 16
    telegramApiUrl: providerUrl("ZAPIS_TELEGRAM_API_URL", env.ZAPIS_TELEGRAM_API_URL, "https://api.telegram.org", problems),
    telegramMode: env.ZAPIS_TELEGRAM_MODE?.trim() === "polling" ? "polling" : "webhook",
    whatsappApiUrl: providerUrl("ZAPIS_WHATSAPP_API_URL", env.ZAPIS_WHATSAPP_API_URL, "https://graph.facebook.com/v25.0", problems), // issue 16
    // issue 13
    yookassaUrl: providerUrl("ZAPIS_YOOKASSA_URL", env.ZAPIS_YOOKASSA_URL, YOOKASSA_URL, problems),
  };
  // issue 16
  if (!["", "webhook", "polling"].includes(env.ZAPIS_TELEGRAM_MODE?.trim() ?? "")) problems.push(`ZAPIS_TELEGRAM_MODE must be webhook or polling (got '${env.ZAPIS_TELEGRAM_MODE}')`);
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n  ${problems.join("\n  ")}`);
  return config;
}

/** The config as an operator may see it: secrets (and passwords inside URLs) masked. */
export function redactedConfig(config: Config): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [
      key,
      SECRET_KEYS.has(key as keyof Config) && typeof value === "string" ? redactUrl(value) : value,
    ]),
  );
}

/** `smtp://user:secret@host` → `smtp://user:***@host`; anything unparsable is hidden whole. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const secretParams = [...parsed.searchParams.keys()].filter((key) => /token|secret|pass|key/i.test(key));
    if (!parsed.password && secretParams.length === 0) return url;
    if (parsed.password) parsed.password = "***";
    for (const key of secretParams) parsed.searchParams.set(key, "***");
    return parsed.toString();
  } catch {
    return "***";
  }
}

// issue 19: typed URLs are parsed into their allowed fields and rebuilt (src/tenant/db-url.ts)
function scaleOut(env: Record<string, string | undefined>, problems: string[]) {
  const text = (name: string) => env[name]?.trim() || null;
  const registryUrl = text("ZAPIS_REGISTRY_URL");
  const registry = registryUrl === null ? null : parseRemoteDbUrl(registryUrl);
  if (registryUrl !== null && !registry) problems.push(`ZAPIS_REGISTRY_URL must be libsql://, http(s):// or ws(s)://host[:port][/path] (got '${redactUrl(registryUrl)}')`);
  const tenantDbUrl = text("ZAPIS_TENANT_DB_URL");
  const template = tenantDbUrl === null ? null : TenantDbTemplate.parse(tenantDbUrl);
  if (tenantDbUrl !== null && !template) problems.push(`ZAPIS_TENANT_DB_URL must be a libSQL URL with {slug} once in its host or path, e.g. http://{slug}.db.example:8080 (got '${redactUrl(tenantDbUrl)}')`);
  const adminUrl = text("ZAPIS_TENANT_ADMIN_URL");
  const admin = adminUrl === null ? null : parseRemoteDbUrl(adminUrl);
  if (adminUrl !== null && (!admin || !["http", "https"].includes(admin.scheme) || admin.path !== "")) problems.push(`ZAPIS_TENANT_ADMIN_URL must be http(s)://host:port of sqld's admin API (got '${redactUrl(adminUrl)}')`);
  if (admin && template && template.namespaceOf("x") === null) problems.push("ZAPIS_TENANT_ADMIN_URL needs ZAPIS_TENANT_DB_URL with {slug} as the first label of the host (sqld namespaces)");
  if (admin && !template) problems.push("ZAPIS_TENANT_ADMIN_URL needs ZAPIS_TENANT_DB_URL");
  return {
    registryUrl: registry ? formatDbUrl(registry) : null,
    registryToken: text("ZAPIS_REGISTRY_TOKEN"),
    tenantDbUrl: template ? template.toString() : null,
    tenantDbToken: text("ZAPIS_TENANT_DB_TOKEN"),
    tenantAdminUrl: admin ? formatDbUrl(admin) : null,
    tenantAdminKey: text("ZAPIS_TENANT_ADMIN_KEY"),
  };
}

const flag = (value: string | undefined): boolean => ["1", "true", "yes"].includes((value ?? "").toLowerCase());

function isCron(pattern: string): boolean {
  try {
    new Cron(pattern, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}

function integer(name: string, raw: string, min: number, max: number, problems: string[]): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max} (got '${raw}')`);
    return min;
  }
  return value;
}

/** issue 16: a provider's base URL from the operator: http(s), no credentials, no trailing slash. */
function providerUrl(name: string, raw: string | undefined, fallback: string, problems: string[]): string {
  const value = (raw?.trim() || fallback).replace(/\/+$/, "");
  const url = URL.parse(value);
  if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password || url.search) problems.push(`${name} must be an http(s) URL without credentials or query (got '${redactUrl(value)}')`);
  return value;
}
