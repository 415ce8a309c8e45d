import type { Problem } from "../../src/error/app-error.ts";
import { LOCALES, t } from "../../src/i18n/i18n.ts";
import { AdminLayout, Csrf, type AdminFrame } from "./admin-layout.tsx";
import { Notice, Problems } from "./problems.tsx";

export function AccountPage({ frame, notice, problems }: { frame: AdminFrame; notice?: string; problems?: Problem[] }) {
  const { locale } = frame;
  return (
    <AdminLayout frame={frame} title={t(locale, "session.password_title")} section="account">
      <h1>{t(locale, "session.password_title")}</h1>
      <p class="muted">{frame.userLabel}</p>
      <p class="row">
        {t(locale, "layout.language")}:
        {LOCALES.map((l) => (
          <a class="chip" href={`${frame.base}/account?lang=${l}`} hreflang={l} aria-current={l === locale ? "true" : "false"}>
            {l.toUpperCase()}
          </a>
        ))}
      </p>
      <Notice text={notice} />
      <Problems locale={locale} problems={problems} />
      <form method="post" action={`${frame.base}/account/password`} class="card stack narrow">
        <Csrf token={frame.csrf} />
        <label>
          {t(locale, "session.current_password")}
          <input type="password" name="current" autocomplete="current-password" required />
        </label>
        <label>
          {t(locale, "session.new_password")}
          <input type="password" name="next" autocomplete="new-password" minlength={8} required />
        </label>
        <button type="submit" class="button">
          {t(locale, "admin.save")}
        </button>
      </form>
    </AdminLayout>
  );
}
