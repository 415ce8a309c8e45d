/**
 * Branches on the public pages (issue 17). A salon with one location never shows a branch choice and
 * its URLs carry no branch; with several, the client picks one (or a master, then where they work),
 * and every page of the flow renders in that branch's name, address and zone.
 */
import type { Profile } from "../business/business.ts";
import type { Database } from "../db/database.ts";
import type { PageCache } from "../http/page-cache.ts";
import { listLocations, type LocationRow } from "./location.ts";

/** Every branch, read once per data version (every location write bumps it). */
export const cachedBranches = (db: Database, pages: PageCache): Promise<LocationRow[]> => pages.value(db, "locations", () => listLocations(db.orm));

/** The branch asked for, or the only one; null while a salon with several has none chosen (or an unknown id). */
export function pickBranch(branches: LocationRow[], id: number | null | undefined): LocationRow | null {
  if (branches.length === 1) return branches[0]!;
  return branches.find((b) => b.id === id) ?? null;
}

/** The profile as a page of one branch shows it: that branch's name, address and zone. */
export const inBranch = <P extends Profile>(profile: P, branch: LocationRow): P => ({ ...profile, location: branch, timezone: branch.timezone });

/** Where a branch is on a map: the salon's own link, else a search for its address (never fetched by us). */
export const mapLink = (branch: Pick<LocationRow, "mapUrl" | "address">): string | null =>
  branch.mapUrl ?? (branch.address ? `https://yandex.ru/maps/?text=${encodeURIComponent(branch.address)}` : null);
