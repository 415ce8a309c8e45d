import { formatPhone } from "../../src/client/phone.ts";
import { t, type Locale } from "../../src/i18n/i18n.ts";
import type { LocationRow } from "../../src/location/location.ts";
import { mapLink } from "../../src/location/public.ts";

/** issue 17: the branches of a salon with several, each with its address, map link and phone; the chosen one marked. */
export function BranchChoice(p: { locale: Locale; slug: string; branches: LocationRow[]; current: LocationRow | null }) {
  return (
    <section class="card branches" aria-labelledby="branches-title">
      <h2 id="branches-title">{t(p.locale, p.current ? "branch.change" : "branch.choose")}</h2>
      <ul class="choices">
        {p.branches.map((b) => {
          const map = mapLink(b);
          return (
            <li>
              <a class="choice" href={`/${p.slug}?l=${b.id}`} aria-current={p.current?.id === b.id ? "true" : undefined} data-branch={String(b.id)}>
                <span class="title">{b.name}</span>
                {b.address && <span class="meta">{b.address}</span>}
                {b.phone && <span class="meta">{formatPhone(b.phone)}</span>}
              </a>
              {map && (
                <a class="map-link" href={map} rel="noopener noreferrer" target="_blank">
                  {t(p.locale, "salon.map")}
                </a>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
