import { Elysia } from "elysia";
import { SalonPage } from "../../views/salon/salon-page.tsx";
import { activeMasters, listPublicCatalogue, servicesOfMaster } from "../catalogue/queries.ts";
import type { Database } from "../db/database.ts";
import type { Locale } from "../i18n/i18n.ts";
import type { PageCache } from "../http/page-cache.ts";
import { requestUrl } from "../http/request-url.ts";
import { weeklyHours } from "../schedule/schedule.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import { tenantScope } from "../tenant/scope.ts";
import type { Clock } from "../time/clock.ts";
import { addDays, localDateOf, startOfLocalDay } from "../time/zone.ts";
import { cachedProfile, salonLocale } from "../booking/page-kit.tsx";
import type { PublicProfile } from "./salon-page.ts";
import { salonReviews } from "../review/ratings.ts";
import { filterCatalogue, filtersFrom, filtersKey, type SalonFilters } from "./salon-search.ts";
import type { LocationRow } from "../location/location.ts";
import { cachedBranches, inBranch, pickBranch } from "../location/public.ts";

/** A branch's weekly opening hours in force today, weekday → "10:00–14:00, 15:00–20:00". */
async function hoursToday(db: Database, today: string, locationId: number): Promise<Map<number, string>> {
  const periods = await weeklyHours(db.orm, null, locationId);
  const current = periods.find((p) => (p.validFrom ?? "") <= today && (p.validTo === null || today <= p.validTo)) ?? periods[0];
  const byDay = Map.groupBy(current?.week ?? [], (r) => r.weekday);
  return new Map([...byDay].map(([day, ranges]) => [day, ranges.map((r) => `${r.start}–${r.end}`).join(", ")]));
}

async function renderSalon(db: Database, today: string, slug: string, publicUrl: string, profile: PublicProfile, locale: Locale, filters: SalonFilters, branches: LocationRow[], branch: LocationRow | null) {
  const [catalogue, masters, hours, ofMaster, reviews] = await Promise.all([
    listPublicCatalogue(db),
    activeMasters(db.orm, branches.length > 1 ? branch?.id : undefined),
    branch ? hoursToday(db, today, branch.id) : new Map<number, string>(),
    filters.staffId === null ? null : servicesOfMaster(db.orm, filters.staffId),
    // issue 15
    activeMasters(db.orm).then((all) => salonReviews(db.orm, all)),
  ]);
  const page = (
    <SalonPage
      locale={locale}
      slug={slug}
      profile={profile}
      categories={catalogue.map((g) => ({ id: g.id, name: g.name }))}
      catalogue={filterCatalogue(catalogue, filters, ofMaster && new Set(ofMaster.map((r) => r.id)))}
      masters={masters}
      hours={hours}
      filters={filters}
      publicUrl={publicUrl}
      branches={branches}
      branch={branch}
      reviews={reviews}
    />
  );
  return `<!doctype html>${await page.toString()}`;
}

/** The salon's public page, `/<slug>`, with search and filters; served from the page cache. */
export const businessPages = (tenants: TenantConnections, pages: PageCache, clock: Clock, publicUrl: string) =>
  new Elysia({ prefix: "/:slug" }).use(tenantScope(tenants)).get(
    "",
    async ({ tenant, db, request }) => {
      const url = requestUrl(request);
      const filters = filtersFrom(url.searchParams);
      const salon = await cachedProfile(db, pages);
      const { locale, cookie } = salonLocale(request, salon);
      // issue 17: `?l=<id>` opens one branch of a salon with several (a link straight at it)
      const branches = await cachedBranches(db, pages);
      const branch = pickBranch(branches, Number(url.searchParams.get("l")) || null);
      const profile = branch ? inBranch(salon, branch) : salon;
      const today = localDateOf(clock.now(), profile.timezone);
      const page = await pages.ready(db, `${locale}|salon|${filtersKey(filters)}|l${branch?.id ?? ""}`, async () => ({
        body: await renderSalon(db, today, tenant.slug, publicUrl, profile, locale, filters, branches, branch),
        // The hours shown are those in force today: tomorrow may start another period.
        validUntil: startOfLocalDay(addDays(today, 1), profile.timezone),
      }));
      return page.respond(request, cookie ? [cookie] : []);
    },
    { detail: { hide: true } },
  );
