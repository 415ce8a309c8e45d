import type { Value } from "@libsql/client";
import { openClient } from "../db/libsql.ts";
import { tenantLocation } from "../backup/backup.ts";
import { migrationsOf, quoteIdent, readSchema, tableNames } from "../backup/contents.ts";
import { AppError } from "../error/app-error.ts";
import { parseSmtpUrl, smtpUrlOf } from "../notification/channels/smtp-address.ts";
import type { TenantDeps } from "./tenant.ts";

type JsonValue = string | number | null;

/** All of a salon's data as plain JSON: what the salon takes with it when it leaves. */
export interface TenantExport {
  format: 1;
  tenant: string;
  name: string;
  exported_at: string;
  schema_version: string | null;
  tables: Record<string, Array<Record<string, JsonValue>>>;
}

/**
 * Columns an export never carries (docs/operations.md lists them): hashes of passwords, API tokens,
 * sessions, manage links and holds; the salon's provider credentials (SMS.ru api_id, Telegram bot
 * token); our own secrets (link-signing and webhook secrets); and idempotency keys, from which a
 * manage link was derived. Matched by name, so a later `…_token` or `…_secret` column is left out
 * too. The SMTP address is kept without its password.
 */
const SECRET_COLUMN = /(_hash|_token|_secret|^smsru_api_id|^idempotency_key)$/;
const INTERNAL_TABLES = new Set(["_migrations"]);
// Values that are kept with their secret part removed.
const WITHOUT_SECRET: Record<string, (value: JsonValue) => JsonValue> = {
  smtp_url: (value) => {
    const server = typeof value === "string" ? parseSmtpUrl(value) : null;
    return server ? smtpUrlOf({ ...server, password: null }) : null;
  },
};

/** Every table's rows, read in one read transaction (a consistent picture), secrets left out. */
export async function exportTenant(deps: TenantDeps, slug: string): Promise<TenantExport> {
  const row = await deps.registry.get(slug);
  if (!row) throw new AppError("NOT_FOUND", [{ field: "slug", key: "tenant.not_found", params: { slug } }]);
  const location = tenantLocation(deps.dataDir, row);
  const client = await openClient({ url: location.url, authToken: location.authToken, intMode: "bigint" });
  try {
    const tx = await client.transaction("read");
    try {
      const tables: TenantExport["tables"] = {};
      for (const table of tableNames(await readSchema(tx)).filter((t) => !INTERNAL_TABLES.has(t))) {
        const rs = await tx.execute(`SELECT * FROM ${quoteIdent(table)}`);
        const columns = rs.columns.map((name, index) => ({ name, index })).filter((c) => !SECRET_COLUMN.test(c.name));
        tables[table] = rs.rows.map((r) =>
          Object.fromEntries(columns.map((c) => [c.name, (WITHOUT_SECRET[c.name] ?? same)(toJson(r[c.index] ?? null))])),
        );
      }
      const migrations = await migrationsOf(tx);
      return {
        format: 1,
        tenant: row.slug,
        name: row.name,
        exported_at: new Date(deps.clock.now()).toISOString(),
        schema_version: migrations.at(-1) ?? null,
        tables,
      };
    } finally {
      tx.close();
    }
  } finally {
    client.close();
  }
}

const same = (value: JsonValue): JsonValue => value;

/** Integers beyond 2^53 stay exact as strings; blobs become base64. */
function toJson(value: Value): JsonValue {
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof ArrayBuffer) return Buffer.from(value).toString("base64");
  return value;
}
