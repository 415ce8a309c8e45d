import { eq, sql } from "drizzle-orm";
import { recordAudit, type AuditEntry } from "../audit/audit.ts";
import type { Tx } from "../db/database.ts";
import { catalogueChangedIn } from "./catalogue-cache.ts";
import { business } from "./schema.ts";

/**
 * Marks that what public pages show has changed: the page cache and the availability cache key on
 * business.data_version. Every catalogue, schedule and settings write calls this in its own
 * transaction; live occupancy and holds bump it by trigger (migrations/tenant/0012). A bump from
 * here moves the catalogue version too (src/business/catalogue-cache.ts, migrations/tenant/0100).
 */
export async function bumpDataVersion(tx: Tx): Promise<void> {
  catalogueChangedIn(tx);
  await tx
    .update(business)
    .set({ dataVersion: sql`${business.dataVersion} + 1` })
    .where(eq(business.id, 1));
}

/** A staff change to what public pages show: bumps the data version and records it in the audit log. */
export async function recordPublicChange(tx: Tx, entry: AuditEntry): Promise<void> {
  await bumpDataVersion(tx);
  await recordAudit(tx, entry);
}
