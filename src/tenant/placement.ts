import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { migrationsOf } from "../backup/contents.ts";
import { openDatabase } from "../db/database.ts";
import { AppError } from "../error/app-error.ts";
import { PRIVATE_DIR } from "../fs/private.ts";
import { withTimeout } from "../net/timeout.ts";
import type { Config } from "../config/config.ts";
import { formatDbUrl, parseRemoteDbUrl, TenantDbTemplate } from "./db-url.ts";
import type { RegistryOptions } from "./registry.ts";

/** Where new salons' databases go when none is named: ZAPIS_TENANT_DB_URL and friends. */
export interface TenantPlacement {
  template: TenantDbTemplate;
  token: string | null;
  /** sqld's admin API, to create a namespace per salon (and drop it with the salon). */
  namespaces: SqldNamespaces | null;
}

const ADMIN_TIMEOUT_MS = 10_000;

/** Namespaces on a sqld started with --enable-namespaces --admin-listen-addr (sqld's admin API). */
export class SqldNamespaces {
  private readonly base: string;

  constructor(
    adminUrl: string,
    private readonly authKey: string | null,
  ) {
    const parts = parseRemoteDbUrl(adminUrl);
    if (!parts || !["http", "https"].includes(parts.scheme)) throw new Error("the sqld admin URL must be http(s)://host[:port]");
    this.base = formatDbUrl({ ...parts, path: "" });
  }

  /** Creates `name`; false when it already exists (someone's data: never reused). */
  async create(name: string): Promise<boolean> {
    const res = await this.call("POST", `/v1/namespaces/${encodeURIComponent(name)}/create`, "{}");
    if (res.ok) return true;
    const body = await res.text();
    if (res.status === 400 && /already exists/i.test(body)) return false;
    throw new Error(`sqld refused to create namespace '${name}': ${res.status} ${body.slice(0, 200)}`);
  }

  async delete(name: string): Promise<void> {
    const res = await this.call("DELETE", `/v1/namespaces/${encodeURIComponent(name)}`);
    if (!res.ok && res.status !== 404) throw new Error(`sqld refused to delete namespace '${name}': ${res.status} ${(await res.text()).slice(0, 200)}`);
  }

  private call(method: string, path: string, body?: string): Promise<Response> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    // sqld's admin API takes its key as `Authorization: basic <key>`
    if (this.authKey) headers.authorization = `basic ${this.authKey}`;
    return withTimeout(fetch(`${this.base}${path}`, { method, headers, body }), ADMIN_TIMEOUT_MS, "the sqld admin API");
  }
}

/** How the configuration places the registry and new salons (ZAPIS_REGISTRY_URL, ZAPIS_TENANT_DB_URL…). */
export function registryOptions(config: Config): RegistryOptions {
  const template = config.tenantDbUrl === null ? null : TenantDbTemplate.parse(config.tenantDbUrl);
  return {
    dataDir: config.dataDir,
    url: config.registryUrl,
    authToken: config.registryToken,
    placement: template && {
      template,
      token: config.tenantDbToken,
      namespaces: config.tenantAdminUrl === null ? null : new SqldNamespaces(config.tenantAdminUrl, config.tenantAdminKey),
    },
  };
}

/** A salon's database, made (or found empty) for a new registration. */
export interface ProvisionedDb {
  dbUrl: string | null;
  dbToken: string | null;
  dbNamespace: string | null;
  /** What openDatabase takes. */
  url: string;
  authToken: string | undefined;
  /** Undoes the provisioning when registering the salon fails. */
  discard(): Promise<void>;
}

/**
 * Finds the new salon's database a home: the URL given for it (`--db-url`), else the placement
 * template (creating its sqld namespace when zapis manages them), else `<data>/<slug>/tenant.db`.
 * A database that already holds a salon is never taken over: a re-created slug starts empty.
 */
export async function provisionDatabase(
  deps: { dataDir: string; placement: TenantPlacement | null },
  slug: string,
  given: { dbUrl?: string | undefined; dbToken?: string | undefined } = {},
): Promise<ProvisionedDb> {
  const exists = () => new AppError("ALREADY_EXISTS", [{ field: "slug", key: "tenant.exists", params: { slug } }]);
  const { placement } = deps;
  const dbUrl = given.dbUrl ?? placement?.template.urlFor(slug) ?? null;
  if (dbUrl === null) {
    const folder = join(deps.dataDir, slug);
    if (existsSync(join(folder, "tenant.db"))) throw exists();
    mkdirSync(folder, { recursive: true, mode: PRIVATE_DIR });
    const discard = async () => rmSync(folder, { recursive: true, force: true });
    return { dbUrl: null, dbToken: null, dbNamespace: null, url: `file:${join(folder, "tenant.db")}`, authToken: undefined, discard };
  }
  const dbToken = given.dbUrl ? (given.dbToken ?? null) : (placement?.token ?? null);
  const namespace = !given.dbUrl && placement?.namespaces ? placement.template.namespaceOf(slug) : null;
  if (namespace && !(await placement!.namespaces!.create(namespace))) throw exists();
  const discard = async () => {
    if (namespace) await placement!.namespaces!.delete(namespace);
  };
  // A namespace made here and then not used (a salon already in the database, a refused token, sqld
  // not answering) is dropped again: else that slug could never be created
  let inUse: boolean;
  try {
    const db = await openDatabase({ url: dbUrl, authToken: dbToken ?? undefined });
    try {
      inUse = (await migrationsOf(db.client)).length > 0;
    } finally {
      db.close();
    }
  } catch (e) {
    await discard();
    throw e;
  }
  if (inUse) {
    await discard();
    throw exists();
  }
  return { dbUrl, dbToken, dbNamespace: namespace, url: dbUrl, authToken: dbToken ?? undefined, discard };
}
