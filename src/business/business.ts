import { eq } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import { cachedCatalogue } from "./catalogue-cache.ts";
import type { Locale } from "../i18n/i18n.ts";
import { business, locations } from "./schema.ts";

export type BusinessRow = typeof business.$inferSelect;
export type LocationRow = typeof locations.$inferSelect;

/** The salon's profile and policy with its primary location: what almost every page needs. */
export interface Profile {
  business: BusinessRow;
  location: LocationRow;
  locale: Locale;
  timezone: string;
}

/**
 * From the catalogue cache: a settings write moves the catalogue version (measured: the join cost
 * 0.18 ms on every request that needed it). `business.dataVersion` is as of that read — bookings
 * move it without a new profile — so nothing may take it for the current data version.
 */
export function getProfile(db: Database): Promise<Profile> {
  return cachedCatalogue(db.orm, "profile", () => readProfile(db));
}

async function readProfile(db: Database): Promise<Profile> {
  const [row] = await db.orm
    .select({ business, location: locations })
    .from(business)
    .innerJoin(locations, eq(locations.isPrimary, true))
    .where(eq(business.id, 1));
  if (!row) throw new Error("tenant database has no business profile; was it provisioned?");
  return { business: row.business, location: row.location, locale: row.business.locale, timezone: row.location.timezone };
}

// issue 15
/** What a message to a client needs of the salon: its name, language, country (phones) and zone. */
export interface SalonFacts {
  name: string;
  locale: Locale;
  country: string;
  timezone: string;
}

export async function salonFacts(db: Database): Promise<SalonFacts> {
  const { business: b, timezone } = await getProfile(db);
  return { name: b.name, locale: b.locale, country: b.country, timezone };
}
