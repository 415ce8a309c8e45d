import { SettingsPage, type SettingsForm } from "../../../views/admin/settings/settings-page.tsx";
import { TemplatesPage } from "../../../views/admin/settings/templates-page.tsx";
import { getProfile } from "../../business/business.ts";
import { tenantFolder } from "../../business/logo-routes.ts";
import { removeLogo, saveLogo } from "../../business/logo.ts";
import { getSalonPage, updateSalonPage } from "../../business/salon-page.ts";
import { updateBusiness } from "../../business/settings.ts";
import type { Database } from "../../db/database.ts";
import type { AppError } from "../../error/app-error.ts";
import { render } from "../../http/render.ts";
import { isLocale, t } from "../../i18n/i18n.ts";
import { CHANNELS, type Channel } from "../../notification/schema.ts";
import { listTemplates, updateTemplates } from "../../notification/templates.ts";
import { PLACEHOLDERS } from "../../notification/templates/defaults.ts";
import { asForm, list, raw, text } from "../form.ts";
import { adminFrame } from "../frame.ts";
import { seeOther, submit, typedValues } from "../page-form.ts";
import type { AdminApp, AdminDeps } from "../scope.ts";

const OWNER = { can: "settings" as const, detail: { hide: true } };

type Ctx = Parameters<typeof adminFrame>[0] & { db: Database; query: Record<string, string | undefined>; tenant: { slug: string } };

async function settingsPage(ctx: Ctx, failure?: { form: SettingsForm; error: AppError; values?: Record<string, string | string[]> }): Promise<Response> {
  // Read afresh: a save in this request may have changed the profile the scope loaded.
  const [profile, page] = await Promise.all([getProfile(ctx.db), getSalonPage(ctx.db.orm)]);
  const frame = { ...adminFrame(ctx), salonName: profile.business.name };
  return render(
    <SettingsPage
      frame={frame}
      slug={ctx.tenant.slug}
      business={profile.business}
      location={profile.location}
      page={page}
      logoVersion={profile.business.dataVersion}
      notice={ctx.query.saved === "1" ? t(ctx.locale, "admin.saved") : undefined}
      problems={failure?.error.problems}
      failed={failure?.form}
      values={failure?.values}
    />,
    { status: failure ? 400 : 200 },
  );
}

async function templatesPage(ctx: Ctx, language: string | undefined, channel: string | undefined, failure?: { event: string; error: AppError }): Promise<Response> {
  const lang = isLocale(language) ? language : ctx.profile.locale;
  const chan: Channel = CHANNELS.find((c) => c === channel) ?? "sms";
  const all = await listTemplates(ctx.db, ctx.tenant.slug);
  return render(
    <TemplatesPage
      frame={adminFrame(ctx)}
      templates={all.filter((tpl) => tpl.locale === lang && tpl.channel === chan)}
      language={lang}
      channel={chan}
      placeholders={PLACEHOLDERS}
      notice={ctx.query.saved === "1" ? t(ctx.locale, "admin.saved") : undefined}
      problems={failure?.error.problems}
      failed={failure?.event}
    />,
    { status: failure ? 400 : 200 },
  );
}

/** `/admin/settings`: the owner's salon profile, booking page, logo and notification templates. */
export const settingsPages = (deps: AdminDeps) => (app: AdminApp) => {
  const sd = (db: Database) => ({ db, clock: deps.clock });
  return app
    .get("/settings", (ctx) => settingsPage(ctx), OWNER)
    .post(
      "/settings/profile",
      (ctx) => {
        const form = asForm(ctx.body);
        return submit(
          async () => {
            const patch = { name: text(form, "name"), phone: text(form, "phone") || null, address: text(form, "address") || null, timezone: text(form, "timezone"), locale: text(form, "locale"), currency: text(form, "currency").toUpperCase() };
            await updateBusiness(sd(ctx.db), ctx.actor, patch);
            return seeOther(`${ctx.base}/settings`);
          },
          (error) => settingsPage(ctx, { form: "profile", error, values: typedValues(form) }),
        );
      },
      OWNER,
    )
    .post(
      "/settings/page",
      (ctx) => {
        const form = asForm(ctx.body);
        return submit(
          async () => {
            await updateSalonPage(sd(ctx.db), ctx.actor, { intro: raw(form, "intro").trim() || null, accentColor: text(form, "accent_color") || null, consentText: raw(form, "consent_text").trim() || null, languages: list(form, "languages") });
            return seeOther(`${ctx.base}/settings`);
          },
          (error) => settingsPage(ctx, { form: "page", error, values: typedValues(form) }),
        );
      },
      OWNER,
    )
    .post(
      "/settings/logo",
      (ctx) => {
        const file = asForm(ctx.body).logo;
        return submit(
          async () => {
            const upload = file instanceof Blob ? { type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) } : { type: "", bytes: new Uint8Array() };
            await saveLogo({ ...sd(ctx.db), folder: tenantFolder(deps, ctx.tenant.slug) }, ctx.actor, upload);
            return seeOther(`${ctx.base}/settings`);
          },
          (error) => settingsPage(ctx, { form: "logo", error }),
        );
      },
      OWNER,
    )
    .post(
      "/settings/logo/delete",
      async (ctx) => {
        await removeLogo({ ...sd(ctx.db), folder: tenantFolder(deps, ctx.tenant.slug) }, ctx.actor);
        return seeOther(`${ctx.base}/settings`);
      },
      OWNER,
    )
    .get("/settings/templates", (ctx) => templatesPage(ctx, ctx.query.language, ctx.query.channel), OWNER)
    .post(
      "/settings/templates",
      (ctx) => {
        const form = asForm(ctx.body);
        const [event, channel, locale] = [text(form, "event"), text(form, "channel"), text(form, "locale")];
        return submit(
          async () => {
            const reset = text(form, "reset") === "1";
            await updateTemplates(ctx.db, deps.clock, ctx.actor, [{ event, channel, locale, subject: text(form, "subject") || null, body: reset ? null : raw(form, "body") }]);
            return seeOther(`${ctx.base}/settings/templates?language=${encodeURIComponent(locale)}&channel=${encodeURIComponent(channel)}#t-${encodeURIComponent(event)}`);
          },
          (error) => templatesPage(ctx, locale, channel, { event, error }),
        );
      },
      OWNER,
    );
};
