import type { Slot } from "../../src/availability/model.ts";
import type { PublicProfile } from "../../src/business/salon-page.ts";
import type { Master } from "../../src/booking/queries.ts";
import { t, type Locale } from "../../src/i18n/i18n.ts";
import { Layout, salonFrame } from "../layout.tsx";
import { Picker, SlotButton, SlotFormElement, type PickerProps, type SlotForm } from "./picker.tsx";
import { VisitSummary, type VisitService } from "./visit.tsx";

export interface TimePageProps {
  locale: Locale;
  slug: string;
  profile: PublicProfile;
  title: string;
  /** The page's own path (for the language switch). */
  path: string;
  visit: VisitService[];
  /** Master chips: each links to the same page with that master. */
  masters: Array<Master & { href: string; current: boolean }> | null;
  anyHref: string | null;
  back: { href: string; label: string } | null;
  /** Set after a conflict: the time was just taken; here are the nearest free ones. */
  taken: { nearest: Slot[] } | null;
  /** When rescheduling: the visit's time now, spelled out ("пт, 5 дек., 14:00–15:00"). */
  current?: string | undefined;
  picker: PickerProps;
  /** What choosing a time posts (the same for every time button). */
  slotForm: SlotForm;
  // issue 15: "no suitable time? join the waitlist" (booking only, not when moving a visit)
  waitlistHref?: string | undefined;
}

/** Day strip + free times, for booking and for rescheduling. */
export function TimePage(p: TimePageProps) {
  return (
    <Layout locale={p.locale} title={p.title} salon={salonFrame(p.profile, p.slug)} path={p.path} htmx>
      {p.back && (
        <p>
          <a href={p.back.href}>← {p.back.label}</a>
        </p>
      )}
      <h1>{p.title}</h1>
      <SlotFormElement form={p.slotForm} />
      <VisitSummary locale={p.locale} currency={p.profile.business.currency} services={p.visit} />
      {p.current && <p class="when current">{t(p.locale, "my.current_time", { when: p.current })}</p>}
      {p.taken && (
        <section class="notice warn" role="alert">
          <h2>{t(p.locale, "book.taken")}</h2>
          {p.taken.nearest.length > 0 ? (
            <>
              <p>{t(p.locale, "book.nearest")}</p>
              <ul class="slots">
                {p.taken.nearest.map((slot) => (
                  <li>
                    <SlotButton locale={p.locale} zone={p.picker.zone} slot={slot} names={p.picker.names} withDay />
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>{t(p.locale, "book.none_near")}</p>
          )}
        </section>
      )}
      {p.masters && p.anyHref && (
        <nav class="chips" aria-label={t(p.locale, "salon.master")}>
          <a href={p.anyHref} aria-current={p.masters.some((m) => m.current) ? "false" : "true"}>
            {t(p.locale, "book.any_master")}
          </a>
          {p.masters.map((m) => (
            <a href={m.href} aria-current={m.current ? "true" : "false"}>
              {m.name} {m.rating.average !== null && <span class="small">★ {m.rating.average.toFixed(1)}</span>}
            </a>
          ))}
        </nav>
      )}
      <Picker {...p.picker} />
      {p.waitlistHref && (
        <p>
          <a href={p.waitlistHref}>{t(p.locale, "waitlist.link")}</a>
        </p>
      )}
    </Layout>
  );
}
