import { Elysia } from "elysia";
import { AccountPage } from "../../views/admin/account-page.tsx";
import { LoginPage } from "../../views/admin/login-page.tsx";
import { asForm, raw, text } from "../admin/form.ts";
import { adminFrame } from "../admin/frame.ts";
import { secureCookies, type AdminApp, type AdminDeps } from "../admin/scope.ts";
import { getProfile } from "../business/business.ts";
import { AppError } from "../error/app-error.ts";
import { csrfFor } from "../http/csrf.ts";
import { requestLocale } from "../http/locale.ts";
import { render } from "../http/render.ts";
import { t } from "../i18n/i18n.ts";
import { tenantScope } from "../tenant/scope.ts";
import { peerAddress } from "../http/peer.ts";
import { clearedSessionCookie, sessionCookie, sessionToken } from "./cookie.ts";
import { logIn } from "./login.ts";
import { changePassword } from "./password.ts";
import { endSession, SESSION_IDLE_MS } from "./session.ts";

/** Only a path inside this salon's admin is a place to return to after signing in (no open redirect). */
function safeNext(slug: string, next: string): string {
  const home = `/${slug}/admin`;
  return next === home || (next.startsWith(`${home}/`) && !next.includes("//") && !next.includes("\\")) ? next : home;
}

/** Sign in and out: the only admin pages reachable without a session. */
export const loginPages = (deps: AdminDeps) =>
  new Elysia({ prefix: "/:slug/admin" })
    .use(tenantScope(deps.tenants))
    .get(
      "/login",
      async ({ tenant, db, request, query }) => {
        const profile = await getProfile(db);
        const csrf = csrfFor(request, secureCookies(deps));
        const locale = requestLocale(request, profile.locale);
        const page = await render(
          <LoginPage locale={locale} slug={tenant.slug} salonName={profile.business.name} csrf={csrf.token} next={safeNext(tenant.slug, String(query.next ?? ""))} />,
        );
        if (csrf.setCookie) page.headers.append("set-cookie", csrf.setCookie);
        return page;
      },
      { detail: { hide: true } },
    )
    .post(
      "/login",
      async ({ tenant, db, request, body }) => {
        const form = asForm(body);
        const email = text(form, "email");
        try {
          const { token } = await logIn(
            { db, clock: deps.clock },
            { email, password: raw(form, "password"), ip: peerAddress(request), userAgent: request.headers.get("user-agent") },
          );
          const now = deps.clock.now();
          return new Response(null, {
            status: 303,
            headers: {
              location: safeNext(tenant.slug, text(form, "next")),
              "set-cookie": sessionCookie(tenant.slug, token, now + SESSION_IDLE_MS, now, secureCookies(deps)),
            },
          });
        } catch (e) {
          if (!(e instanceof AppError) || (e.code !== "UNAUTHORIZED" && e.code !== "RATE_LIMITED")) throw e;
          const profile = await getProfile(db);
          const locale = requestLocale(request, profile.locale);
          const error = e.problems.map((p) => t(locale, p.key, p.params)).join(" ");
          const csrf = csrfFor(request, secureCookies(deps));
          return render(
            <LoginPage locale={locale} slug={tenant.slug} salonName={profile.business.name} csrf={csrf.token} next={safeNext(tenant.slug, text(form, "next"))} email={email} error={error} />,
            { status: e.code === "RATE_LIMITED" ? 429 : 401, headers: e.code === "RATE_LIMITED" ? { "retry-after": String(e.extra.retry_after_seconds) } : {} },
          );
        }
      },
      { detail: { hide: true } },
    )
    .post(
      "/logout",
      async ({ tenant, db, request }) => {
        const token = sessionToken(request, tenant.slug);
        if (token) await endSession(db, token);
        return new Response(null, {
          status: 303,
          headers: { location: `/${tenant.slug}/admin/login`, "set-cookie": clearedSessionCookie(tenant.slug, secureCookies(deps)) },
        });
      },
      { detail: { hide: true } },
    );

/** The signed-in user's own account: change the password. */
export const accountPages = (app: AdminApp) =>
  app
    .get("/account", (ctx) => render(<AccountPage frame={adminFrame(ctx)} />), { detail: { hide: true } })
    .post(
      "/account/password",
      async (ctx) => {
        const form = asForm(ctx.body);
        try {
          await changePassword(ctx.db, { userId: ctx.user.id, current: raw(form, "current"), next: raw(form, "next"), keepTokenHash: ctx.sessionHash });
          return render(<AccountPage frame={adminFrame(ctx)} notice={t(ctx.locale, "session.password_changed")} />);
        } catch (e) {
          if (!(e instanceof AppError) || e.code !== "VALIDATION_ERROR") throw e;
          return render(<AccountPage frame={adminFrame(ctx)} problems={e.problems} />, { status: 400 });
        }
      },
      { detail: { hide: true } },
    );
