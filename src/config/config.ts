import { Cron } from "croner";
import { join, resolve } from "node:path";
import { parseSmtpUrl } from "../notification/channels/smtp-address.ts";

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
}

export class ConfigError extends Error {}

/** CLI flags that override the environment. */
export interface ConfigFlags {
  port?: string | undefined;
  host?: string | undefined;
  data?: string | undefined;
}

const SECRET_KEYS: ReadonlySet<keyof Config> = new Set(["smtpUrl"]);

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
  };
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
