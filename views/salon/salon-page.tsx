import type { PublicProfile } from "../../src/business/salon-page.ts";
import { DURATION_CHOICES, filtersQuery, isFiltered, type SalonFilters } from "../../src/business/salon-search.ts";
import type { CategoryWithServices } from "../../src/catalogue/queries.ts";
import { formatPhone } from "../../src/client/phone.ts";
import { t, type Locale } from "../../src/i18n/i18n.ts";
import { weekdayShort } from "../booking/format.ts";
import { priceLabel } from "../booking/visit.tsx";
import { Layout, salonFrame } from "../layout.tsx";
import type { LocationRow } from "../../src/location/location.ts";
import { mapLink } from "../../src/location/public.ts";
import { BranchChoice } from "./branch-choice.tsx";
import { SalonRating, SalonReviewList, type SalonReviews } from "../review/salon-reviews.tsx";

export interface SalonPageProps {
  locale: Locale;
  slug: string;
  profile: PublicProfile;
  /** All categories (for the filter) and the services the filters left. */
  categories: Array<{ id: number | null; name: string | null }>;
  catalogue: CategoryWithServices[];
  masters: Array<{ id: number; name: string }>;
  /** Opening hours: weekday 1–7 → "10:00–14:00, 15:00–20:00". */
  hours: Map<number, string>;
  filters: SalonFilters;
  /** The address the server is reached at, for the absolute links of the share preview. */
  publicUrl: string;
  /** issue 17: every branch (a choice is shown from two on) and the one chosen, if any. */
  branches: LocationRow[];
  branch: LocationRow | null;
  // issue 15: published reviews and ratings
  reviews?: SalonReviews;
}

// 2027-03-01 is a Monday: weekday n is that date + n − 1, spelled in the reader's language.
const weekdayName = (weekday: number, locale: Locale) => weekdayShort(`2027-03-0${weekday}`, locale);

/** `/<slug>`: the salon card, search and filters, and the services by category. */
export function SalonPage(p: SalonPageProps) {
  const { business, location } = p.profile;
  const f = p.filters;
  const frame = salonFrame(p.profile, p.slug);
  const query = filtersQuery(f);
  const share = { url: `${p.publicUrl}/${p.slug}`, image: frame.logo ? `${p.publicUrl}${frame.logo}` : null };
  const several = p.branches.length > 1;
  const mapUrl = !several || p.branch ? mapLink(location) : null;
  // links of a chosen branch keep it (a salon with one branch: no parameter at all)
  const inBranch = several && p.branch ? `&l=${p.branch.id}` : "";
  return (
    <Layout locale={p.locale} title={business.name} salon={frame} path={query ? `/${p.slug}?${query}` : `/${p.slug}`} share={share}>
      <section class="card salon-card">
        <h1>{business.name}</h1>
        {p.reviews && <SalonRating reviews={p.reviews} locale={p.locale} name={business.name} url={share.url} />}
        {p.profile.page.intro && <p class="intro owner-text">{p.profile.page.intro}</p>}
        {several && p.branch && <p class="branch-name">{p.branch.name}</p>}
        {(!several || p.branch) && location.address && (
          <p class="muted">
            {location.address}
            {mapUrl && (
              <>
                {" · "}
                <a href={mapUrl} rel="noopener noreferrer" target="_blank">
                  {t(p.locale, "salon.map")}
                </a>
              </>
            )}
          </p>
        )}
        {(location.phone ?? business.phone) && (
          <p>
            <a href={`tel:${location.phone ?? business.phone}`}>{formatPhone((location.phone ?? business.phone)!)}</a>
          </p>
        )}
        {p.hours.size > 0 && (
          <details class="hours-box">
            <summary>{t(p.locale, "salon.hours")}</summary>
            <table class="hours">
              {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                <tr>
                  <td>{weekdayName(d, p.locale)}</td>
                  <td>{p.hours.get(d) ?? t(p.locale, "salon.closed")}</td>
                </tr>
              ))}
            </table>
          </details>
        )}
      </section>
      {several && <BranchChoice locale={p.locale} slug={p.slug} branches={p.branches} current={p.branch} />}
      <form class="card filters" method="get" action={`/${p.slug}`} role="search">
        {inBranch && <input type="hidden" name="l" value={String(p.branch!.id)} />}
        <label for="q">{t(p.locale, "salon.search")}</label>
        <input id="q" name="q" type="search" value={f.q} placeholder={t(p.locale, "salon.search_placeholder")} />
        <details open={isFiltered(f) && f.q === "" ? true : undefined}>
          <summary>
            {t(p.locale, "salon.category")}, {t(p.locale, "salon.duration").toLowerCase()}, {t(p.locale, "salon.master").toLowerCase()}
          </summary>
          <div class="grid">
            <label>
              {t(p.locale, "salon.category")}
              <select name="c">
                <option value="">{t(p.locale, "salon.all")}</option>
                {p.categories.map((c) => c.id !== null && <option value={String(c.id)} selected={f.categoryId === c.id}>{c.name}</option>)}
              </select>
            </label>
            <label>
              {t(p.locale, "salon.master")}
              <select name="m">
                <option value="">{t(p.locale, "salon.all")}</option>
                {p.masters.map((m) => (
                  <option value={String(m.id)} selected={f.staffId === m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t(p.locale, "salon.duration")}
              <select name="dur">
                <option value="">{t(p.locale, "salon.duration_any")}</option>
                {DURATION_CHOICES.map((n) => (
                  <option value={String(n)} selected={f.maxMinutes === n}>
                    {t(p.locale, "salon.duration_upto", { n })}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t(p.locale, "salon.price_min")}
              <input name="pmin" inputmode="numeric" pattern="[0-9]*" value={f.priceMin === null ? "" : String(f.priceMin)} />
            </label>
            <label>
              {t(p.locale, "salon.price_max")}
              <input name="pmax" inputmode="numeric" pattern="[0-9]*" value={f.priceMax === null ? "" : String(f.priceMax)} />
            </label>
          </div>
        </details>
        <div class="row">
          <button class="button" type="submit">
            {t(p.locale, "salon.apply")}
          </button>
          {isFiltered(f) && <a href={`/${p.slug}`}>{t(p.locale, "salon.reset")}</a>}
        </div>
      </form>
      <h2>{t(p.locale, "salon.services")}</h2>
      {p.catalogue.length === 0 && <p class="muted">{t(p.locale, isFiltered(f) ? "salon.nothing_found" : "salon.no_services")}</p>}
      {p.catalogue.map((group) => (
        <section>
          {group.name && <h3>{group.name}</h3>}
          <ul class="services">
            {group.services.map((s) => (
              <li class="service">
                <div>
                  <div class="title">{s.title}</div>
                  <div class="meta">
                    {t(p.locale, "salon.minutes", { n: s.durationMinutes })} · <span class="price">{priceLabel(p.locale, business.currency, s.priceMinor, s.priceMaxMinor)}</span>
                  </div>
                </div>
                <a class="button" href={`/${p.slug}/book?s=${s.id}${inBranch}`} aria-label={`${t(p.locale, "salon.book")}: ${s.title}`}>
                  {t(p.locale, "salon.book")}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {p.reviews && <SalonReviewList reviews={p.reviews} locale={p.locale} />}
    </Layout>
  );
}
