/** The YClients company → this salon's profile and primary location (name, phone, address, zone, currency). */
import { eq } from "drizzle-orm";
import { bumpDataVersion } from "../../business/data-version.ts";
import { business, locations } from "../../business/schema.ts";
import { isValidZone } from "../../time/zone.ts";
import { sync, type Batch, type ImportContext } from "../context.ts";
import { normalizePhone } from "../phone.ts";
import { getProfile } from "../../business/business.ts";
import type { Database } from "../../db/database.ts";
import { createLocation, getLocation } from "../../location/location.ts";
import type { Clock } from "../../time/clock.ts";
import { LinkStore } from "../links.ts";
import type { YcCompany } from "./model.ts";

interface Place {
  country: string;
  currency: string;
}

// YClients names the country in Russian; the currency's short title ("р", "₸") is ambiguous alone.
const BY_COUNTRY: Record<string, Place> = {
  россия: { country: "RU", currency: "RUB" },
  казахстан: { country: "KZ", currency: "KZT" },
  беларусь: { country: "BY", currency: "BYN" },
  белоруссия: { country: "BY", currency: "BYN" },
  узбекистан: { country: "UZ", currency: "UZS" },
  кыргызстан: { country: "KG", currency: "KGS" },
  киргизия: { country: "KG", currency: "KGS" },
  армения: { country: "AM", currency: "AMD" },
  грузия: { country: "GE", currency: "GEL" },
  азербайджан: { country: "AZ", currency: "AZN" },
  украина: { country: "UA", currency: "UAH" },
};
const BY_CURRENCY_TITLE: Record<string, Place> = {
  "р": { country: "RU", currency: "RUB" },
  "руб": { country: "RU", currency: "RUB" },
  "₽": { country: "RU", currency: "RUB" },
  "₸": { country: "KZ", currency: "KZT" },
  "тг": { country: "KZ", currency: "KZT" },
  "тенге": { country: "KZ", currency: "KZT" },
};

/** The salon's zone: the IANA name, else the whole-hour offset as an Etc zone (no DST then), else unchanged. */
function zoneOf(company: YcCompany, ctx: ImportContext): string {
  if (company.timezoneName && isValidZone(company.timezoneName)) return company.timezoneName;
  ctx.report.warn("zone_fallback", `${company.timezoneName || "—"} / ${company.timezoneHours ?? "—"}`);
  const hours = company.timezoneHours;
  if (hours !== null && Number.isInteger(hours) && Math.abs(hours) <= 14) {
    // Etc zones count the other way: UTC+3 is Etc/GMT-3
    return hours === 0 ? "Etc/UTC" : `Etc/GMT${hours > 0 ? "-" : "+"}${Math.abs(hours)}`;
  }
  return ctx.salon.timezone;
}

function placeOf(company: YcCompany, ctx: ImportContext): Place {
  const place = BY_COUNTRY[company.country.toLowerCase()] ?? BY_CURRENCY_TITLE[company.currencyShort.toLowerCase().replace(/\.$/, "")];
  if (place) return place;
  ctx.report.warn("currency_unknown", `${company.country || "—"} / ${company.currencyShort || "—"}`);
  return { country: ctx.salon.country, currency: ctx.salon.currency };
}

function addressOf(company: YcCompany): string | null {
  if (!company.address) return company.city || null;
  return company.city && !company.address.includes(company.city) ? `${company.city}, ${company.address}` : company.address;
}

/** Writes the company into the profile and location, and points the run's salon facts at it. */
export async function importCompany(ctx: ImportContext, tx: Batch, company: YcCompany): Promise<void> {
  const timezone = zoneOf(company, ctx);
  const place = placeOf(company, ctx);
  const phone = normalizePhone(company.phone, place.country);
  const values = {
    business: {
      ...(company.title ? { name: company.title } : {}),
      phone: phone.kind === "ok" ? phone.e164 : null,
      email: company.email || null,
      country: place.country,
      currency: place.currency,
    },
    location: {
      ...(company.title ? { name: company.title } : {}),
      address: addressOf(company),
      timezone,
    },
  };
  const write = async (t: NonNullable<Batch>): Promise<number> => {
    // a company imported as another branch (issue 17) is that branch only, not the salon's profile
    if (ctx.salon.primary) await t.update(business).set(values.business).where(eq(business.id, 1));
    await t.update(locations).set(values.location).where(eq(locations.id, ctx.salon.locationId));
    await bumpDataVersion(t);
    return ctx.salon.locationId;
  };
  await sync(ctx, tx, { entity: "company", reportAs: "company", externalId: company.id, values, create: write, update: async (w) => void (await write(w)) });
  ctx.salon = { ...ctx.salon, timezone, country: place.country, currency: place.currency };
}

/**
 * issue 17: the branch a company of a salon network goes into (`--location new`): the one an
 * earlier import of the same company made, or a new branch (in the salon's zone until the company
 * card sets its own), which the import then names after the company. A dry run creates nothing:
 * a company not imported yet is read as if into the primary branch.
 */
export async function branchForCompany(db: Database, clock: Clock, companyId: string, dryRun: boolean): Promise<number> {
  const link = await new LinkStore("yclients").lookup(db.orm, "company", companyId);
  if (link && (await getLocation(db.orm, link.localId))) return link.localId;
  const { timezone, location } = await getProfile(db);
  if (dryRun) return location.id;
  return createLocation({ db, clock }, { userId: null, role: "owner", staffId: null, label: "cli" }, { name: `YClients ${companyId}`, timezone });
}
