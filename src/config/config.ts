import { resolve } from "node:path";

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
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) problems.push(`SMTP_URL must start with smtp:// or smtps:// (got '${redactUrl(smtpUrl)}')`);
  const domain = env.ZAPIS_DOMAIN?.trim().toLowerCase() || null;
  if (domain && !/^[a-z0-9.-]+(:\d+)?$/.test(domain)) problems.push(`ZAPIS_DOMAIN must be a host name such as zapis.example.com (got '${domain}')`);
  const publicUrl = (env.ZAPIS_PUBLIC_URL?.trim() || `http://localhost:${port}`).replace(/\/+$/, "");
  if (!/^https?:\/\//.test(publicUrl)) problems.push(`ZAPIS_PUBLIC_URL must start with http:// or https:// (got '${publicUrl}')`);
  const config: Config = {
    port,
    host: flags.host ?? env.HOST ?? "0.0.0.0",
    dataDir: resolve(flags.data ?? env.ZAPIS_DATA ?? "tenants"),
    domain,
    publicUrl,
    smtpUrl,
    smtpFrom: env.SMTP_FROM?.trim() || null,
    maxOpenTenants: integer("ZAPIS_MAX_OPEN_TENANTS", env.ZAPIS_MAX_OPEN_TENANTS ?? "200", 1, 100_000, problems),
    tenantIdleSeconds: integer("ZAPIS_TENANT_IDLE_SECONDS", env.ZAPIS_TENANT_IDLE_SECONDS ?? "300", 1, 86_400, problems),
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
    if (parsed.password) parsed.password = "***";
    for (const key of [...parsed.searchParams.keys()]) {
      if (/token|secret|pass|key/i.test(key)) parsed.searchParams.set(key, "***");
    }
    return parsed.toString();
  } catch {
    return "***";
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
