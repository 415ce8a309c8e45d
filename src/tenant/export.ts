import { createClient, type Value } from "@libsql/client";
import { tenantLocation } from "../backup/backup.ts";
import { migrationsOf, quoteIdent, readSchema, tableNames } from "../backup/contents.ts";
import { AppError } from "../error/app-error.ts";
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

// Password, API-token, manage-link and hold-token hashes: useless outside Zapis, and secrets inside it.
const SECRET_COLUMN = /_hash$/;
const INTERNAL_TABLES = new Set(["_migrations"]);

/** Every table's rows, read in one read transaction (a consistent picture), secrets left out. */
export async function exportTenant(deps: TenantDeps, slug: string): Promise<TenantExport> {
  const row = await deps.registry.get(slug);
  if (!row) throw new AppError("NOT_FOUND", [{ field: "slug", key: "tenant.not_found", params: { slug } }]);
  const location = tenantLocation(deps.dataDir, row);
  const client = createClient({ url: location.url, authToken: location.authToken, intMode: "bigint" });
  try {
    const tx = await client.transaction("read");
    try {
      const tables: TenantExport["tables"] = {};
      for (const table of tableNames(await readSchema(tx)).filter((t) => !INTERNAL_TABLES.has(t))) {
        const rs = await tx.execute(`SELECT * FROM ${quoteIdent(table)}`);
        const columns = rs.columns.map((name, index) => ({ name, index })).filter((c) => !SECRET_COLUMN.test(c.name));
        tables[table] = rs.rows.map((r) => Object.fromEntries(columns.map((c) => [c.name, toJson(r[c.index] ?? null)])));
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

/** Integers beyond 2^53 stay exact as strings; blobs become base64. */
function toJson(value: Value): JsonValue {
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof ArrayBuffer) return Buffer.from(value).toString("base64");
  return value;
}
