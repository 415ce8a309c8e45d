import type { Locale } from "../../src/i18n/i18n.ts";
import { Layout } from "../layout.tsx";

export interface ErrorPageProps {
  locale: Locale;
  path: string;
  title: string;
  message: string;
}

/** 404, 503 and 500 pages: a title, one sentence, no internals. */
export function ErrorPage(props: ErrorPageProps) {
  return (
    <Layout locale={props.locale} title={props.title} path={props.path}>
      <section class="error-page">
        <h1>{props.title}</h1>
        <p class="muted">{props.message}</p>
      </section>
    </Layout>
  );
}
