import type { Child } from "hono/jsx";
import { raw } from "hono/html";
import { isAccentColor, offeredLocales, type PublicProfile } from "../src/business/salon-page.ts";
import { LOCALES, t, type Locale } from "../src/i18n/i18n.ts";
import { assetText, assetUrl } from "../src/http/assets.ts";

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
  /** The owner's introduction and the address: what the page's description says. */
  intro?: string | null;
  address?: string | null;
}

/** How the salon's own page looks when shared (Open Graph): its absolute URL and logo. */
export interface SharePreview {
  url: string;
  image: string | null;
}

export interface LayoutProps {
  locale: Locale;
  title: string;
  /** The salon whose page this is: its name heads the page and links home. */
  salon?: SalonFrame | undefined;
  /** Path and query of this page, so the language switch returns to the same place. */
  path: string;
  /** Open Graph tags, for the page a salon shares. */
  share?: SharePreview;
  /** The page uses htmx (hx-* attributes). Others skip the script: less for a phone to run. */
  htmx?: boolean;
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
    intro: page.intro,
    address: profile.location.address,
  };
}

/** This page in another language: the same path and query, `lang` replaced. */
export function languageHref(path: string, locale: Locale): string {
  const url = new URL(path, "http://x");
  url.searchParams.set("lang", locale);
  return `${url.pathname}${url.search}`;
}

// Search engines show about 155 characters of a description.
const DESCRIPTION_CHARS = 155;

/** The meta description of a salon's pages: the owner's introduction, or the name and address. */
export function salonDescription(salon: SalonFrame, locale: Locale): string {
  const intro = salon.intro?.replace(/\s+/g, " ").trim();
  if (intro) return intro.length > DESCRIPTION_CHARS ? `${intro.slice(0, DESCRIPTION_CHARS - 1).trimEnd()}…` : intro;
  return salon.address ? t(locale, "layout.description_at", { salon: salon.name, address: salon.address }) : t(locale, "layout.description", { salon: salon.name });
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

/**
 * The language links (#langs). When htmx swaps in another day, the day links also swap #langs
 * (hx-select-oob), so the switch keeps following the page the client is on.
 */
export function LanguageSwitch({ locale, languages, path }: { locale: Locale; languages: readonly Locale[]; path: string }) {
  if (languages.length < 2) return null;
  return (
    <nav class="langs" id="langs" aria-label={t(locale, "layout.language")}>
      {languages.map((l) => (
        <a href={languageHref(path, l)} hreflang={l} aria-current={l === locale ? "true" : "false"}>
          {l.toUpperCase()}
        </a>
      ))}
    </nav>
  );
}

const OG_LOCALE: Record<Locale, string> = { ru: "ru_RU", en: "en_GB", kk: "kk_KZ" };

/** The page frame every page shares: head, salon header with the language switch, footer. */
export function Layout(props: LayoutProps) {
  const { locale, salon } = props;
  const languages = salon?.languages ?? LOCALES;
  const accent = isAccentColor(salon?.accent) ? salon.accent : null;
  const description = salon ? salonDescription(salon, locale) : null;
  return (
    <html lang={locale} style={accentStyle(salon?.accent)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {accent && <meta name="theme-color" content={accent} />}
        <title>{salon && salon.name !== props.title ? `${props.title} · ${salon.name}` : props.title}</title>
        {description && <meta name="description" content={description} />}
        {salon && props.share && (
          <>
            <meta property="og:type" content="website" />
            <meta property="og:title" content={salon.name} />
            <meta property="og:description" content={description ?? ""} />
            <meta property="og:url" content={props.share.url} />
            {props.share.image && <meta property="og:image" content={props.share.image} />}
            <meta property="og:locale" content={OG_LOCALE[locale]} />
          </>
        )}
        <link rel="icon" href={assetUrl("favicon.svg")} type="image/svg+xml" />
        {/* Inlined: a phone on a slow network paints the page without waiting for a stylesheet. */}
        <style>{raw(assetText("app.css"))}</style>
        {props.htmx && <script src={assetUrl("htmx.min.js")} defer></script>}
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
          <LanguageSwitch locale={locale} languages={languages} path={props.path} />
        </header>
        <main id="main">{props.children}</main>
        <footer>{t(locale, "layout.powered")}</footer>
      </body>
    </html>
  );
}
