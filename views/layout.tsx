import type { Child } from "hono/jsx";
import { LOCALES, t, type Locale } from "../src/i18n/i18n.ts";
import { assetUrl } from "../src/http/assets.ts";

export interface LayoutProps {
  locale: Locale;
  title: string;
  /** The salon whose page this is: its name heads the page and links home. */
  salon?: { name: string; slug: string } | undefined;
  /** Path of this page, so the language switch links back to it. */
  path: string;
  children?: Child;
}

/** The page frame every page shares: head, salon header with the language switch, footer. */
export function Layout(props: LayoutProps) {
  const { locale, salon } = props;
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
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
              {salon.name}
            </a>
          ) : (
            <span class="brand">Zapis</span>
          )}
          <nav class="langs" aria-label={t(locale, "layout.language")}>
            {LOCALES.map((l) => (
              <a href={`${props.path}?lang=${l}`} hreflang={l} aria-current={l === locale ? "true" : "false"}>
                {l.toUpperCase()}
              </a>
            ))}
          </nav>
        </header>
        <main id="main">{props.children}</main>
        <footer>{t(locale, "layout.powered")}</footer>
      </body>
    </html>
  );
}
