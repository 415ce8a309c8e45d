import type { PublicProfile } from "../../src/business/salon-page.ts";
import { t, type Locale } from "../../src/i18n/i18n.ts";
import type { Master } from "../../src/booking/queries.ts";
import { Layout, salonFrame } from "../layout.tsx";
import { RatingLine } from "../review/stars.tsx";
import { VisitSummary, type VisitService } from "./visit.tsx";

export interface StartPageProps {
  locale: Locale;
  slug: string;
  profile: PublicProfile;
  visit: VisitService[];
  /** Services that may be added to the visit. */
  others: VisitService[];
  masters: Master[];
  /** Query string of the visit's services ("s=1&s=8"), with the branch once chosen. */
  servicesQuery: string;
  /** issue 17: in a salon with several branches and none chosen yet, every branch, and where each master works. */
  branches?: { all: Array<{ id: number; name: string; address: string | null }>; of: Map<number, number[]> } | null;
}

/** `/<slug>/book?s=…`: the visit (optionally a second service) and the choice of master. */
export function StartPage(p: StartPageProps) {
  const timeHref = (m: string) => `/${p.slug}/book/time?${p.servicesQuery}&m=${m}`;
  return (
    <Layout locale={p.locale} title={t(p.locale, "book.title")} salon={salonFrame(p.profile, p.slug)} path={`/${p.slug}/book?${p.servicesQuery}`}>
      <h1>{t(p.locale, "book.title")}</h1>
      <VisitSummary locale={p.locale} currency={p.profile.business.currency} services={p.visit} />
      {p.others.length > 0 && (
        <form method="get" action={`/${p.slug}/book`} class="add-service">
          {p.visit.map((s) => (
            <input type="hidden" name="s" value={String(s.id)} />
          ))}
          <label for="add">{t(p.locale, "book.add_service")}</label>
          <div class="row">
            <select id="add" name="s">
              {p.others.map((s) => (
                <option value={String(s.id)}>{s.title}</option>
              ))}
            </select>
            <button class="button secondary" type="submit">
              {t(p.locale, "book.add")}
            </button>
          </div>
        </form>
      )}
      <h2>{t(p.locale, "book.choose_master")}</h2>
      {p.branches ? (
        <BranchMasters {...p} branches={p.branches} />
      ) : (
      <ul class="choices">
        <li>
          <a class="choice" href={timeHref("any")}>
            <span class="title">{t(p.locale, "book.any_master")}</span>
            <span class="meta">{t(p.locale, "book.any_master_hint")}</span>
          </a>
        </li>
        {p.masters.map((m) => (
          <li>
            <a class="choice" href={timeHref(String(m.id))}>
              <span class="title">{m.name}</span>
              {m.position && <span class="meta">{m.position}</span>}
              <RatingLine rating={m.rating} locale={p.locale} />
            </a>
          </li>
        ))}
      </ul>
      )}
    </Layout>
  );
}

/**
 * issue 17: the choice before a branch is chosen — "any master" in each branch, and each master
 * with the branches they work in (a master first, then where).
 */
function BranchMasters(p: StartPageProps & { branches: NonNullable<StartPageProps["branches"]> }) {
  const timeHref = (m: string, l: number) => `/${p.slug}/book/time?${p.servicesQuery}&m=${m}&l=${l}`;
  const names = new Map(p.branches.all.map((b) => [b.id, b.name]));
  return (
    <ul class="choices">
      {p.branches.all.map((b) => (
        <li>
          <a class="choice" href={timeHref("any", b.id)} data-branch={String(b.id)}>
            <span class="title">{t(p.locale, "branch.any_in", { branch: b.name })}</span>
            {b.address && <span class="meta">{b.address}</span>}
          </a>
        </li>
      ))}
      {p.masters.map((m) => {
        const places = (p.branches.of.get(m.id) ?? []).filter((id) => names.has(id));
        return (
          <li class="master-branches">
            <span class="title">{m.name}</span>
            {m.position && <span class="meta">{m.position}</span>}
            <span class="meta">{t(p.locale, "branch.works_in", { branches: places.map((id) => names.get(id)).join(", ") })}</span>
            <span class="row">
              {places.map((id) => (
                <a class="button secondary" href={timeHref(String(m.id), id)}>
                  {names.get(id)}
                </a>
              ))}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
