import { can } from "../../../src/account/permissions.ts";
import { t, type MessageKey } from "../../../src/i18n/i18n.ts";
import type { AdminFrame } from "../admin-layout.tsx";

export type CatalogueTab = "services" | "staff" | "schedules" | "policy";

const TABS: Array<{ tab: CatalogueTab; path: string; label: MessageKey; ownerOnly?: boolean }> = [
  { tab: "services", path: "/catalogue", label: "catalogue.tab.services" },
  { tab: "staff", path: "/staff", label: "catalogue.tab.staff" },
  { tab: "schedules", path: "/schedules", label: "catalogue.tab.schedules" },
  { tab: "policy", path: "/policy", label: "catalogue.tab.policy", ownerOnly: true },
];

/** The catalogue's sub-sections; the booking policy is the owner's (it is part of the salon's settings). */
export function CatalogueTabs({ frame, current }: { frame: AdminFrame; current: CatalogueTab }) {
  return (
    <nav class="tabs" aria-label={t(frame.locale, "admin.nav.catalogue")}>
      {TABS.filter((x) => !x.ownerOnly || can(frame.role, "settings")).map((x) => (
        <a class="chip" href={`${frame.base}${x.path}`} aria-current={x.tab === current ? "true" : "false"}>
          {t(frame.locale, x.label)}
        </a>
      ))}
    </nav>
  );
}

/** A "saved" note after POST → redirect → GET. */
export const savedText = (frame: AdminFrame, saved: boolean) => (saved ? t(frame.locale, "admin.saved") : undefined);
