/**
 * HTTP surface of notifications: the templates API (owner/manager), the opt-out page and its
 * one-click API twin (RFC 8058, signed token, no cookie). The Telegram webhook is src/telegram/routes.ts.
 */
import { Elysia } from "elysia";
import { t } from "../http/schema-builder.ts";
import { OptOutPage } from "../../views/notification/opt-out-page.tsx";
import type { Config } from "../config/config.ts";
import { notFound } from "../error/app-error.ts";
import { apiActor } from "../http/api-kit.ts";
import { csrfFor } from "../http/csrf.ts";
import { t as tr, type Locale } from "../i18n/i18n.ts";
import { requestLocale } from "../http/locale.ts";
import { render } from "../http/render.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import { tenantScope } from "../tenant/scope.ts";
import type { Clock } from "../time/clock.ts";
import { applyOptOut, readOptOut, type OptOutTarget } from "./subscription.ts";
import { listTemplates, updateTemplates } from "./templates.ts";
import { PLACEHOLDERS } from "./templates/defaults.ts";
import { apiDoc } from "../http/openapi.ts";

export interface NotificationRouteDeps {
  tenants: TenantConnections;
  clock: Clock;
  config: Config;
}

const tags = ["Notifications"];

// issue 18: the documented answers
const templatesSchema = t.Object({
  data: t.Array(
    t.Object({
      event: t.String(),
      channel: t.String(),
      locale: t.String(),
      subject: t.Union([t.String(), t.Null()]),
      body: t.String(),
      custom: t.Boolean({ description: "The salon's own text (false: the built-in one)" }),
      preview: t.Object({ subject: t.Union([t.String(), t.Null()]), body: t.String() }),
      sms: t.Optional(
        t.Object({
          encoding: t.Union([t.Literal("GSM-7"), t.Literal("UCS-2")]),
          units: t.Integer({ description: "GSM-7 septets or UTF-16 code units of the preview" }),
          segments: t.Integer(),
          perSegment: t.Integer(),
        }),
      ),
    }),
  ),
  placeholders: t.Array(t.String()),
});
const templateEdit = t.Object({
  event: t.String({ description: "created | confirmed | cancelled | rescheduled | reminder | review" }),
  channel: t.String({ description: "email | sms | telegram" }),
  locale: t.String({ description: "ru | en | kk" }),
  subject: t.Optional(t.Nullable(t.String({ description: "Email only" }))),
  body: t.Nullable(t.String({ description: "Text with {placeholders}; null restores the built-in text" })),
});

export const notificationApi = (deps: NotificationRouteDeps) =>
  new Elysia({ prefix: "/api/v1/businesses/:slug" })
    .use(tenantScope(deps.tenants))
    .get(
      "/notification-templates",
      async ({ db, tenant, headers }) => {
        await apiActor(db, headers.authorization, "settings");
        return { data: await listTemplates(db, tenant.slug), placeholders: PLACEHOLDERS };
      },
      { detail: apiDoc({ summary: "Notification templates with previews and SMS segment counts", tags, auth: "token", ok: { 200: { description: "Every template", schema: templatesSchema } } }) },
    )
    .patch(
      "/notification-templates",
      async ({ db, tenant, headers, body }) => {
        const actor = await apiActor(db, headers.authorization, "settings");
        await updateTemplates(db, deps.clock, actor, body.templates);
        return { data: await listTemplates(db, tenant.slug), placeholders: PLACEHOLDERS };
      },
      {
        body: t.Object({ templates: t.Array(templateEdit, { minItems: 1, maxItems: 100 }) }),
        detail: apiDoc({
          summary: "Edit notification templates",
          tags,
          auth: "token",
          bodyExample: { templates: [{ event: "reminder", channel: "sms", locale: "ru", body: "{client_name}, ждём вас {start_local}. {salon}" }] },
          ok: { 200: { description: "Every template after the change", schema: templatesSchema } },
        }),
      },
    )
    .post(
      "/unsubscribe/:token",
      async ({ db, params }) => {
        const target = await applyOptOut(db, deps.clock, params.token);
        if (!target) throw notFound("notification.opt_out.invalid");
        return { unsubscribed: target.channel };
      },
      {
        detail: apiDoc({
          summary: "One-click unsubscribe (List-Unsubscribe-Post)",
          description: "Takes the form body mail providers send (List-Unsubscribe=One-Click); the token in the path is the credential.",
          tags,
          auth: "none",
          ok: { 200: { description: "The channel the address no longer gets messages on", schema: t.Object({ unsubscribed: t.String() }) } },
        }),
      },
    );

const channelWords = (locale: Locale, target: OptOutTarget | null) =>
  target ? tr(locale, `notification.channel.${target.channel}` as const) : null;

export const notificationPages = (deps: NotificationRouteDeps) =>
  new Elysia({ prefix: "/:slug" })
    .use(tenantScope(deps.tenants))
    .get(
      "/unsubscribe/:token",
      async ({ db, tenant, params, request }) => {
        const target = await readOptOut(db, params.token);
        return optOutPage(deps, request, tenant.slug, target, target ? "ask" : "invalid");
      },
      { detail: { hide: true } },
    )
    .post(
      "/unsubscribe/:token",
      async ({ db, tenant, params, request }) => {
        const target = await applyOptOut(db, deps.clock, params.token);
        return optOutPage(deps, request, tenant.slug, target, target ? "done" : "invalid");
      },
      { detail: { hide: true } },
    );

function optOutPage(deps: NotificationRouteDeps, request: Request, slug: string, target: OptOutTarget | null, state: "ask" | "done" | "invalid") {
  const locale = requestLocale(request, target?.locale ?? "ru");
  const csrf = csrfFor(request, deps.config.publicUrl.startsWith("https://"));
  const path = new URL(request.url).pathname;
  return render(
    <OptOutPage locale={locale} slug={slug} path={path} salon={target?.salon ?? slug} channel={channelWords(locale, target)} state={state} csrf={csrf.token} />,
    { status: state === "invalid" ? 404 : 200, headers: csrf.setCookie ? { "set-cookie": csrf.setCookie } : {} },
  );
}
