/** Search and filters of the salon page: by name, category, price range, duration and master. */
import type { CategoryWithServices } from "../catalogue/queries.ts";

export interface SalonFilters {
  q: string;
  categoryId: number | null;
  /** Major units (roubles), as people type them. */
  priceMin: number | null;
  priceMax: number | null;
  maxMinutes: number | null;
  staffId: number | null;
}

export const DURATION_CHOICES = [30, 60, 90, 120] as const;

const whole = (v: string | null) => (v !== null && /^\d{1,7}$/.test(v.trim()) ? Number(v.trim()) : null);

export function filtersFrom(params: URLSearchParams): SalonFilters {
  return {
    q: (params.get("q") ?? "").trim().slice(0, 100),
    categoryId: whole(params.get("c")),
    priceMin: whole(params.get("pmin")),
    priceMax: whole(params.get("pmax")),
    maxMinutes: whole(params.get("dur")),
    staffId: whole(params.get("m")),
  };
}

/** The filters as a canonical query string: the page cache's key, whatever order the URL had. */
export function filtersKey(f: SalonFilters): string {
  return [f.q.toLocaleLowerCase(), f.categoryId, f.priceMin, f.priceMax, f.maxMinutes, f.staffId].map((v) => v ?? "").join("|");
}

/** The filters as this page's query string (empty ones left out), for links back to the same view. */
export function filtersQuery(f: SalonFilters): string {
  const params = { q: f.q, c: f.categoryId, pmin: f.priceMin, pmax: f.priceMax, dur: f.maxMinutes, m: f.staffId };
  return new URLSearchParams(Object.entries(params).flatMap(([k, v]) => (v === null || v === "" ? [] : [[k, String(v)]]))).toString();
}

export const isFiltered = (f: SalonFilters) => filtersKey(f) !== "|||||";

/**
 * The catalogue narrowed by the filters. Matching by name is case-insensitive in any script
 * (SQLite's LIKE folds only ASCII, so it is done here; a salon has tens of services, not thousands).
 * A service with a price range matches a price filter when the ranges overlap.
 */
export function filterCatalogue(catalogue: CategoryWithServices[], f: SalonFilters, servicesOfMaster: ReadonlySet<number> | null): CategoryWithServices[] {
  const words = f.q.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  return catalogue
    .filter((g) => f.categoryId === null || g.id === f.categoryId)
    .map((g) => ({
      ...g,
      services: g.services.filter((s) => {
        const title = s.title.toLocaleLowerCase();
        const top = s.priceMaxMinor ?? s.priceMinor;
        return (
          words.every((w) => title.includes(w)) &&
          (f.priceMin === null || top >= f.priceMin * 100) &&
          (f.priceMax === null || s.priceMinor <= f.priceMax * 100) &&
          (f.maxMinutes === null || s.durationMinutes <= f.maxMinutes) &&
          (servicesOfMaster === null || servicesOfMaster.has(s.id))
        );
      }),
    }))
    .filter((g) => g.services.length > 0);
}
