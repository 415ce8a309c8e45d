import type { Child } from "hono/jsx";
import { isAccentColor, offeredLocales, type PublicProfile } from "../src/business/salon-page.ts";
import { LOCALES, t, type Locale } from "../src/i18n/i18n.ts";
import { assetUrl } from "../src/http/assets.ts";

/** The salon a public page belongs to, as its frame shows it. */
export interface SalonFrame {
  name: string;
  slug: string;
  /** "#rrggbb" chosen by the owner; anything else is ignored. */
  accent?: string | null;
  /** Languages the switch offers (all when absent). */
  languages?: readonly Locale[];
  /** URL of the salon's logo, when it has one. */
  logo?: string | null;
}

export interface LayoutProps {
  locale: Locale;
  title: string;
  /** The salon whose page this is: its name heads the page and links home. */
  salon?: SalonFrame | undefined;
  /** Path of this page (with the query it cannot work without), so the language switch links back to it. */
  path: string;
  children?: Child;
}

/** The frame of a salon's public page from its profile: name, accent colour, offered languages, logo. */
export function salonFrame(profile: PublicProfile, slug: string): SalonFrame {
  const { page } = profile;
  return {
    name: profile.business.name,
    slug,
    accent: profile.business.accentColor,
    languages: offeredLocales(profile),
    // The file name stays "logo.png" across uploads: the row's time makes each upload a new URL.
    logo: page.logoFile ? `/${slug}/logo?v=${page.updatedAt}` : null,
  };
}

/** Linear-light luminance of an sRGB channel written as two hex digits (WCAG 2 relative luminance). */
const channel = (hex: string) => {
  const c = parseInt(hex, 16) / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};
const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
const WHITE = 1;
const INK = { color: "#1f2328", luminance: 0.0156 };

/**
 * The custom properties a salon's accent colour sets: the colour itself, the text colour that reads
 * on it, and the colour of accent text on white (the ink when the accent is too light to read).
 * Only a value that passes the "#rrggbb" check gets here, so nothing can end the declaration —
 * the settings refuse anything else, and this check guards rows written some other way.
 */
export function accentStyle(accent: string | null | undefined): string | undefined {
  if (!isAccentColor(accent)) return undefined;
  const l = 0.2126 * channel(accent.slice(1, 3)) + 0.7152 * channel(accent.slice(3, 5)) + 0.0722 * channel(accent.slice(5, 7));
  const on = contrast(l, WHITE) >= contrast(l, INK.luminance) ? "#fff" : INK.color;
  const text = contrast(l, WHITE) >= 4.5 ? accent : INK.color;
  return `--accent:${accent};--on-accent:${on};--accent-text:${text}`;
}

/** The page frame every page shares: head, salon header with the language switch, footer. */
export function Layout(props: LayoutProps) {
  const { locale, salon } = props;
  const languages = salon?.languages ?? LOCALES;
  const accent = isAccentColor(salon?.accent) ? salon.accent : null;
  return (
    <html lang={locale} style={accentStyle(salon?.accent)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {accent && <meta name="theme-color" content={accent} />}
        <title>{salon ? `${props.title} · ${salon.name}` : props.title}</title>
        <link rel="stylesheet" href={assetUrl("app.css")} />
        <script src={assetUrl("htmx.min.js")} defer></script>
      </head>
      <body>
        <a class="skip" href="#main">
          {props.title}
        </a>
        <header class="top">
          {salon ? (
            <a class="brand" href={`/${salon.slug}`}>
              {salon.logo && <img class="brand-logo" src={salon.logo} alt="" width="32" height="32" />}
              <span>{salon.name}</span>
            </a>
          ) : (
            <span class="brand">Zapis</span>
          )}
          {languages.length > 1 && (
            <nav class="langs" aria-label={t(locale, "layout.language")}>
              {languages.map((l) => (
                <a href={`${props.path}${props.path.includes("?") ? "&" : "?"}lang=${l}`} hreflang={l} aria-current={l === locale ? "true" : "false"}>
                  {l.toUpperCase()}
                </a>
              ))}
            </nav>
          )}
        </header>
        <main id="main">{props.children}</main>
        <footer>{t(locale, "layout.powered")}</footer>
      </body>
    </html>
  );
}
