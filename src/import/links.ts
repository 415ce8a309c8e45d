/**
 * The mapping table: which local row an external record became. Lookups are cached per run; a bulk
 * import preloads every link of its source once instead of querying per item.
 */
import { createHash } from "node:crypto";
import { and, eq, ne } from "drizzle-orm";
import type { Reader, Tx } from "../db/database.ts";
import { importLinks, type ImportSource } from "./schema.ts";

/** Kinds of external records; "hours" is a master's (or, with external id "location", the salon's) weekly hours. */
export type LinkEntity = "company" | "category" | "service" | "staff" | "hours" | "client" | "booking" | "review";

export interface Link {
  localId: number;
  fingerprint: string;
  groupKey: string | null;
}

export class LinkStore {
  private readonly cache = new Map<string, Link | null>();
  private preloaded = false;

  constructor(readonly source: ImportSource) {}

  async preload(reader: Reader): Promise<void> {
    const rows = await reader.select().from(importLinks).where(eq(importLinks.source, this.source));
    for (const r of rows) this.cache.set(key(r.entity as LinkEntity, r.externalId), { localId: r.localId, fingerprint: r.fingerprint, groupKey: r.groupKey });
    this.preloaded = true;
  }

  async get(reader: Reader, entity: LinkEntity, externalId: string): Promise<Link | null> {
    const cached = this.cache.get(key(entity, externalId));
    if (cached !== undefined || this.preloaded) return cached ?? null;
    return this.lookup(reader, entity, externalId);
  }

  /** Reads the table itself, past the cache: another process (a webhook) may have linked it since the preload. */
  async lookup(reader: Reader, entity: LinkEntity, externalId: string): Promise<Link | null> {
    const [row] = await reader
      .select()
      .from(importLinks)
      .where(and(eq(importLinks.source, this.source), eq(importLinks.entity, entity), eq(importLinks.externalId, externalId)));
    const link = row ? { localId: row.localId, fingerprint: row.fingerprint, groupKey: row.groupKey } : null;
    this.cache.set(key(entity, externalId), link);
    return link;
  }

  /** Remembers a link without writing it (a dry run's would-be rows). */
  remember(entity: LinkEntity, externalId: string, link: Link): void {
    this.cache.set(key(entity, externalId), link);
  }

  async save(tx: Tx, entity: LinkEntity, externalId: string, link: Link, now: number): Promise<void> {
    await tx
      .insert(importLinks)
      .values({ source: this.source, entity, externalId, ...link, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [importLinks.source, importLinks.entity, importLinks.externalId],
        set: { localId: link.localId, fingerprint: link.fingerprint, groupKey: link.groupKey, updatedAt: now },
      });
    this.remember(entity, externalId, link);
  }
}

/**
 * The other bookings of the same imported visit (YClients keeps one arrival with two masters as two
 * records sharing a visit_id; here they stay two bookings linked by that key).
 */
export async function visitSiblings(reader: Reader, bookingId: number): Promise<number[]> {
  const [own] = await reader
    .select({ source: importLinks.source, groupKey: importLinks.groupKey })
    .from(importLinks)
    .where(and(eq(importLinks.entity, "booking"), eq(importLinks.localId, bookingId)));
  if (!own?.groupKey) return [];
  const rows = await reader
    .select({ localId: importLinks.localId })
    .from(importLinks)
    .where(
      and(
        eq(importLinks.source, own.source),
        eq(importLinks.entity, "booking"),
        eq(importLinks.groupKey, own.groupKey),
        ne(importLinks.localId, bookingId),
      ),
    );
  return rows.map((r) => r.localId).sort((a, b) => a - b);
}

/** A short stable hash of what an import would write: equal values, equal fingerprint. */
export function fingerprint(value: unknown): string {
  return createHash("sha256").update(canonical(value)).digest("base64url").slice(0, 22);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

const key = (entity: LinkEntity, externalId: string) => `${entity}:${externalId}`;
