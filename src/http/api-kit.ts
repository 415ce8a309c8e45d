/** Small shared pieces of the JSON API: list paging and the caller of an admin call. */
import { t } from "./schema-builder.ts";
import type { Actor, Permission } from "../account/permissions.ts";
import { requireApiPermission } from "../account/api-auth.ts";
import type { Database } from "../db/database.ts";
import { branchesOfUser } from "../location/location.ts";
import { Problems } from "../error/problems.ts";
import { rangeBound } from "../time/zone.ts";

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;
const MAX_OFFSET = 1_000_000_000;

/** A record id in a path or query: SQLite and JavaScript both hold it exactly (no 1e400, no 0.5). */
export const idNumber = (options: { description?: string } = {}) => t.Numeric({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, multipleOf: 1, ...options });

/** `?limit=&offset=` of every list. */
export const pageQuery = {
  limit: t.Optional(t.Numeric({ minimum: 1, maximum: MAX_LIMIT, multipleOf: 1, default: DEFAULT_LIMIT, description: `Page size (max ${MAX_LIMIT})` })),
  // SQLite takes 64-bit integers only: a larger or fractional offset would fail the query, not the request
  offset: t.Optional(t.Numeric({ minimum: 0, maximum: MAX_OFFSET, multipleOf: 1, default: 0 })),
};

/** `?from=&to=` of every list of timed things (DESIGN §5): a salon-local date or an ISO instant. */
export const rangeQuery = {
  from: t.Optional(t.String({ description: "From this salon-local date (YYYY-MM-DD: the whole day) or ISO-8601 instant with offset" })),
  to: t.Optional(t.String({ description: "Up to the end of this salon-local date (YYYY-MM-DD), or before this ISO-8601 instant" })),
};

/** The [from, to) instants of a list's `?from=&to=` in the salon's zone; null = open. */
export function rangeOf(q: { from?: string | undefined; to?: string | undefined }, zone: string): { from: number | null; to: number | null } {
  const p = new Problems();
  const bound = (edge: "from" | "to") => {
    const text = q[edge];
    const ts = text === undefined ? null : rangeBound(text, zone, edge);
    p.check(text === undefined || ts !== null, edge, "error.range_bound_invalid");
    return ts;
  };
  const range = { from: bound("from"), to: bound("to") };
  p.throwIfAny();
  return range;
}

export interface Page {
  limit: number;
  offset: number;
}

export const pageOf = (q: { limit?: number | undefined; offset?: number | undefined }): Page => ({
  limit: q.limit ?? DEFAULT_LIMIT,
  offset: q.offset ?? 0,
});

/** The list envelope: `{data, meta:{total, limit, offset}}`. */
export const listBody = <T>(data: T[], total: number, page: Page) => ({ data, meta: { total, ...page } });

/** What a route needs: one permission, or any of several (a master's own bookings or everyone's). */
type Needs = Permission | readonly Permission[];

/** The caller of an admin API call, as the audit log names it; 401/403 otherwise. */
export async function apiActor(db: Database, authorization: string | undefined, needs: Needs): Promise<Actor> {
  const caller = await requireApiPermission(db, authorization, needs);
  const locationIds = await branchesOfUser(db.orm, caller.userId);
  return { userId: caller.userId, role: caller.role, staffId: caller.staffId, label: `api-token:${caller.id}`, locationIds };
}

/** An admin caller when the request carries a token (which must then be valid), or null when anonymous. */
export async function optionalApiActor(db: Database, authorization: string | undefined, needs: Needs): Promise<Actor | null> {
  return authorization ? apiActor(db, authorization, needs) : null;
}
