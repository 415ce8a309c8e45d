import type { Child } from "hono/jsx";
import { can, type Permission } from "../../src/account/permissions.ts";
import type { Role } from "../../src/account/schema.ts";
import { assetUrl } from "../../src/http/assets.ts";
import { CSRF_FIELD, CSRF_HEADER } from "../../src/http/csrf.ts";
import { LOCALES, t, type Locale, type MessageKey } from "../../src/i18n/i18n.ts";
import type { AlertNote } from "../../src/notification/channel-settings.ts";
import { AlertBanner } from "./settings/channel-alerts.tsx";

export type Section = "calendar" | "bookings" | "clients" | "catalogue" | "reports" | "settings" | "users" | "audit" | "tokens" | "account" | "reviews" | "waitlist"
  // issue 14
  | "balance";

const NAV: Array<{ section: Section; path: string; label: MessageKey; needs: Permission[] }> = [
  { section: "calendar", path: "", label: "admin.nav.calendar", needs: ["bookings.all", "bookings.own"] },
  { section: "bookings", path: "/bookings", label: "admin.nav.bookings", needs: ["bookings.all", "bookings.own"] },
  { section: "clients", path: "/clients", label: "admin.nav.clients", needs: ["clients"] },
  { section: "catalogue", path: "/catalogue", label: "admin.nav.catalogue", needs: ["catalogue.view"] },
  // issue 14: packages, promo codes, certificates
  { section: "balance", path: "/balance", label: "admin.nav.balance", needs: ["clients"] },
  { section: "reports", path: "/reports", label: "admin.nav.reports", needs: ["reports"] },
  { section: "settings", path: "/settings", label: "admin.nav.settings", needs: ["settings"] },
  { section: "users", path: "/users", label: "admin.nav.users", needs: ["users"] },
  { section: "tokens", path: "/tokens", label: "admin.nav.tokens", needs: ["tokens"] },
  { section: "audit", path: "/audit", label: "admin.nav.audit", needs: ["audit"] },
  // issue 15
  { section: "reviews", path: "/reviews", label: "review.admin.title", needs: ["reviews"] },
  { section: "waitlist", path: "/waitlist", label: "waitlist.admin.title", needs: ["bookings.all"] },
];

/** What every admin page knows about the request; routes pass it through unchanged. */
export interface AdminFrame {
  locale: Locale;
  base: string;
  salonName: string;
  role: Role;
  userLabel: string;
  csrf: string;
  /** Path and query of this page, for the language switch. */
  path: string;
  /** Open provider alerts, for those who may fix them (owners); the banner on every page. */
  alerts?: AlertNote[] | undefined;
}

export interface AdminLayoutProps {
  frame: AdminFrame;
  title: string;
  section: Section;
  children?: Child;
}

/** Hidden CSRF field for a plain form. */
export const Csrf = ({ token }: { token: string }) => <input type="hidden" name={CSRF_FIELD} value={token} />;

/** The admin shell: salon name, sections the role may open, account menu; htmx carries the CSRF header. */
export function AdminLayout({ frame, title, section, children }: AdminLayoutProps) {
  const { locale, base } = frame;
  const sep = frame.path.includes("?") ? "&" : "?";
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} · ${frame.salonName}`}</title>
        <link rel="stylesheet" href={assetUrl("app.css")} />
        <script src={assetUrl("htmx.min.js")} defer></script>
      </head>
      <body class="admin" hx-headers={JSON.stringify({ [CSRF_HEADER]: frame.csrf })}>
        <a class="skip" href="#main">
          {title}
        </a>
        <header class="admin-top">
          <a class="brand" href={base}>
            {frame.salonName}
          </a>
          <nav class="admin-nav" aria-label={t(locale, "admin.nav.label")}>
            {NAV.filter((item) => item.needs.some((p) => can(frame.role, p))).map((item) => (
              <a href={`${base}${item.path}`} aria-current={item.section === section ? "page" : "false"}>
                {t(locale, item.label)}
              </a>
            ))}
          </nav>
          <div class="admin-account">
            <a href={`${base}/account`} aria-current={section === "account" ? "page" : "false"} title={frame.userLabel}>
              {t(locale, "admin.nav.account")}
            </a>
            <form method="post" action={`${base}/logout`}>
              <Csrf token={frame.csrf} />
              <button type="submit" class="linklike">
                {t(locale, "session.logout")}
              </button>
            </form>
            <span class="langs">
              {LOCALES.map((l) => (
                <a href={`${frame.path}${sep}lang=${l}`} hreflang={l} aria-current={l === locale ? "true" : "false"}>
                  {l.toUpperCase()}
                </a>
              ))}
            </span>
          </div>
        </header>
        <main id="main" class="admin-main">
          {frame.alerts && frame.alerts.length > 0 && <AlertBanner frame={frame} />}
          {children}
        </main>
      </body>
    </html>
  );
}
