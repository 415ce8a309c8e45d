import { t, type Locale } from "../../src/i18n/i18n.ts";
import { Layout } from "../layout.tsx";
import { Csrf } from "./admin-layout.tsx";

export interface LoginPageProps {
  locale: Locale;
  slug: string;
  salonName: string;
  csrf: string;
  next: string;
  email?: string;
  error?: string;
}

export function LoginPage(props: LoginPageProps) {
  const { locale } = props;
  return (
    <Layout locale={locale} title={t(locale, "session.title")} salon={{ name: props.salonName, slug: props.slug }} path={`/${props.slug}/admin/login`}>
      <section class="card login">
        <h1>{t(locale, "session.title")}</h1>
        {props.error && (
          <p class="alert" role="alert">
            {props.error}
          </p>
        )}
        <form method="post" action={`/${props.slug}/admin/login`} class="stack">
          <Csrf token={props.csrf} />
          <input type="hidden" name="next" value={props.next} />
          <label>
            {t(locale, "session.email")}
            <input type="email" name="email" value={props.email ?? ""} autocomplete="username" required autofocus />
          </label>
          <label>
            {t(locale, "session.password")}
            <input type="password" name="password" autocomplete="current-password" required />
          </label>
          <button type="submit" class="button">
            {t(locale, "session.submit")}
          </button>
        </form>
      </section>
    </Layout>
  );
}
