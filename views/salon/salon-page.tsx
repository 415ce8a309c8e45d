import type { Profile } from "../../src/business/business.ts";
import type { CategoryWithServices } from "../../src/catalogue/queries.ts";
import { t, type Locale } from "../../src/i18n/i18n.ts";
import { formatMoney } from "../../src/money/money.ts";
import { Layout } from "../layout.tsx";

export interface SalonPageProps {
  locale: Locale;
  slug: string;
  profile: Profile;
  catalogue: CategoryWithServices[];
}

/** `/<slug>`: the salon card and its services by category. */
export function SalonPage({ locale, slug, profile, catalogue }: SalonPageProps) {
  const { business, location } = profile;
  const price = (minor: number, maxMinor: number | null) => {
    const amount = formatMoney(minor, business.currency, locale);
    return maxMinor !== null && maxMinor > minor ? t(locale, "salon.price_from", { price: amount }) : amount;
  };
  return (
    <Layout locale={locale} title={business.name} salon={{ name: business.name, slug }} path={`/${slug}`}>
      <section class="card salon-card">
        <h1>{business.name}</h1>
        {location.address && <p class="muted">{location.address}</p>}
        {business.phone && (
          <p>
            <a href={`tel:${business.phone}`}>{business.phone}</a>
          </p>
        )}
      </section>
      <h2>{t(locale, "salon.services")}</h2>
      {catalogue.length === 0 && <p class="muted">{t(locale, "salon.no_services")}</p>}
      {catalogue.map((group) => (
        <section>
          {group.name && <h3>{group.name}</h3>}
          <ul class="services">
            {group.services.map((s) => (
              <li class="service">
                <div>
                  <div class="title">{s.title}</div>
                  <div class="meta">{t(locale, "salon.minutes", { n: s.durationMinutes })}</div>
                </div>
                <div class="price">{price(s.priceMinor, s.priceMaxMinor)}</div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}
