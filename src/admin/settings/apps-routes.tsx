/**
 * `/admin/settings/apps` (issue 16), owner only: the sites that may show the booking widget, the
 * salon's VK Mini App and its WhatsApp account: the same checks and writes as `PATCH /` of the API.
 * An empty secret box keeps the saved secret; "remove" forgets the whole app or account.
 */
import { AppsPage, type AppsSettingsView } from "../../../views/admin/settings/apps-page.tsx";
import type { Database } from "../../db/database.ts";
import { parseChannelsPatch, readChannels, saveChannels } from "../../embed/settings.ts";
import { AppError, type Problem } from "../../error/app-error.ts";
import { render } from "../../http/render.ts";
import { t } from "../../i18n/i18n.ts";
import { readSettings } from "../../notification/settings.ts";
import { parseWhatsAppPatch, saveWhatsApp } from "../../notification/whatsapp-settings.ts";
import { asForm, checked, raw, text, type FormBody } from "../form.ts";
import { adminFrame } from "../frame.ts";
import { seeOther, submit } from "../page-form.ts";
import type { AdminApp, AdminDeps } from "../scope.ts";

const OWNER = { can: "settings" as const, detail: { hide: true } };
const PLAIN_FIELDS = ["embed_origins", "vk_app_id", "whatsapp_phone_number_id", "whatsapp_confirmation_template", "whatsapp_reminder_template", "whatsapp_language"];

type Ctx = Parameters<typeof adminFrame>[0] & { db: Database; query: Record<string, string | undefined>; tenant: { slug: string } };

async function view(db: Database): Promise<AppsSettingsView> {
  const [channels, s] = await Promise.all([readChannels(db.orm), readSettings(db.orm)]);
  return {
    embedOrigins: channels.embedOrigins,
    vkAppId: channels.vkAppId,
    vkSecretSaved: Boolean(channels.vkAppSecret),
    whatsapp: { phoneNumberId: s.whatsappPhoneNumberId, tokenSaved: Boolean(s.whatsappToken), confirmationTemplate: s.whatsappConfirmationTemplate, reminderTemplate: s.whatsappReminderTemplate, language: s.whatsappLanguage },
  };
}

/** Each part checked on its own, every problem reported at once, nothing saved unless all pass. */
function parse(form: FormBody, saved: AppsSettingsView) {
  const problems: Problem[] = [];
  const attempt = <T,>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== "VALIDATION_ERROR") throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  const vkId = text(form, "vk_app_id");
  const vk = checked(form, "forget_vk") || (vkId === "" && saved.vkAppId !== null) ? null : vkId === "" ? undefined : { appId: vkId, appSecret: raw(form, "vk_app_secret") || undefined };
  const channels = attempt(() => parseChannelsPatch({ embedOrigins: text(form, "embed_origins").split(/[\s,]+/).filter(Boolean), vk }));
  const waId = text(form, "whatsapp_phone_number_id");
  const gone = checked(form, "forget_whatsapp") || (waId === "" && saved.whatsapp.phoneNumberId !== null);
  const whatsapp = attempt(() =>
    parseWhatsAppPatch(
      gone ? null : waId === "" ? undefined : {
        phoneNumberId: waId,
        token: raw(form, "whatsapp_token") || undefined,
        confirmationTemplate: text(form, "whatsapp_confirmation_template"),
        reminderTemplate: text(form, "whatsapp_reminder_template") || null,
        language: text(form, "whatsapp_language"),
      },
    ),
  );
  if (problems.length > 0) throw new AppError("VALIDATION_ERROR", problems);
  return { channels: channels!, whatsapp: whatsapp! };
}

export const appsSettingsPages = (deps: AdminDeps) => (app: AdminApp) => {
  const page = async (ctx: Ctx, outcome: { problems?: Problem[]; values?: Record<string, string> } = {}, status = 200) =>
    render(
      <AppsPage
        frame={adminFrame(ctx)}
        settings={await view(ctx.db)}
        siteUrl={`${deps.config.publicUrl}/${ctx.tenant.slug}`}
        notice={ctx.query.saved === "1" ? t(ctx.locale, "admin.saved") : undefined}
        {...outcome}
      />,
      { status },
    );
  return app.get("/settings/apps", (ctx) => page(ctx), OWNER).post(
    "/settings/apps",
    (ctx) => {
      const form = asForm(ctx.body);
      return submit(
        async () => {
          const parsed = parse(form, await view(ctx.db));
          const write = { db: ctx.db, clock: deps.clock };
          await saveChannels(write, ctx.actor, parsed.channels);
          await saveWhatsApp(write, ctx.actor, parsed.whatsapp);
          return seeOther(`${ctx.base}/settings/apps`);
        },
        (error) => page(ctx, { problems: error.problems, values: Object.fromEntries(PLAIN_FIELDS.map((f) => [f, text(form, f)])) }, 400),
      );
    },
    OWNER,
  );
};
