import { ChannelsPage, type ChannelsPageProps } from "../../../views/admin/settings/channels-page.tsx";
import type { Database } from "../../db/database.ts";
import { render } from "../../http/render.ts";
import { t } from "../../i18n/i18n.ts";
import { checkSmsAccount } from "../../notification/channel-check.ts";
import { alertNotes, channelSettingsView, dismissChannelAlert, updateChannelSettings, withoutPassword } from "../../notification/channel-settings.ts";
import { PROVIDER_ENDPOINTS } from "../../notification/job.ts";
import { saveBotToken, webhookUrl } from "../../telegram/setup.ts";
import { asForm, checked, raw, text, type FormBody } from "../form.ts";
import { adminFrame } from "../frame.ts";
import { seeOther, submit } from "../page-form.ts";
import type { AdminApp, AdminDeps } from "../scope.ts";

const OWNER = { can: "settings" as const, detail: { hide: true } };

type Ctx = Parameters<typeof adminFrame>[0] & { db: Database; query: Record<string, string | undefined>; tenant: { slug: string } };
type Outcome = Pick<ChannelsPageProps, "check" | "problems" | "values">;

/** The typed fields a refused form shows again: never a secret, and the SMTP address without its password. */
function echo(form: FormBody): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of ["smtp_from", "sms_sender", "quiet_start", "quiet_end"]) values[name] = text(form, name);
  const smtp = text(form, "smtp_url");
  values.smtp_url = smtp && withoutPassword(smtp);
  return values;
}

/** `/admin/settings/channels`: SMTP, SMS.ru, the Telegram bot and quiet hours, owner only. */
export const channelSettingsPages = (deps: AdminDeps) => (app: AdminApp) => {
  const cd = (db: Database) => ({ db, clock: deps.clock, allowPrivateHosts: deps.config.allowPrivateHosts });
  const page = async (ctx: Ctx, outcome: Outcome = {}, status = 200) => {
    // Read afresh: a check in this request may have raised or cleared an alert the scope loaded.
    const settings = await channelSettingsView(ctx.db);
    return render(
      <ChannelsPage
        frame={{ ...adminFrame(ctx), alerts: alertNotes(settings.alerts) }}
        zone={ctx.profile.timezone}
        settings={settings}
        globalSmtp={deps.config.smtpUrl !== null}
        webhookUrl={deps.config.telegramMode === "webhook" ? webhookUrl(deps.config, ctx.tenant.slug) : null}
        notice={ctx.query.saved === "1" ? t(ctx.locale, "admin.saved") : undefined}
        {...outcome}
      />,
      { status },
    );
  };
  return app
    .get("/settings/channels", (ctx) => page(ctx), OWNER)
    .post(
      "/settings/channels",
      (ctx) => {
        const form = asForm(ctx.body);
        return submit(
          async () => {
            await updateChannelSettings(cd(ctx.db), ctx.actor, {
              smtpUrl: text(form, "smtp_url"),
              smtpPassword: raw(form, "smtp_password"),
              forgetSmtpPassword: checked(form, "forget_smtp_password"),
              smtpFrom: text(form, "smtp_from"),
              smsApiId: text(form, "sms_api_id"),
              forgetSmsApiId: checked(form, "forget_sms_api_id"),
              smsSender: text(form, "sms_sender"),
              quietStart: text(form, "quiet_start"),
              quietEnd: text(form, "quiet_end"),
            });
            // issue 16: the bot token is checked with Telegram (getMe) and connected on its own
            const token = text(form, "telegram_token");
            if (token || checked(form, "forget_telegram_token")) {
              await saveBotToken({ db: ctx.db, clock: deps.clock, slug: ctx.tenant.slug, config: deps.config }, ctx.actor, token || null);
            }
            return seeOther(`${ctx.base}/settings/channels`);
          },
          (error) => page(ctx, { problems: error.problems, values: echo(form) }, 400),
        );
      },
      OWNER,
    )
    .post(
      "/settings/channels/check-sms",
      (ctx) =>
        submit(
          async () => page(ctx, { check: await checkSmsAccount({ ...cd(ctx.db), smsRu: (deps.providerEndpoints ?? PROVIDER_ENDPOINTS).smsRu }) }),
          (error) => page(ctx, { problems: error.problems }, 400),
        ),
      OWNER,
    )
    .post(
      "/settings/channels/alerts/dismiss",
      async (ctx) => {
        await dismissChannelAlert(cd(ctx.db), ctx.actor, text(asForm(ctx.body), "channel"));
        return seeOther(`${ctx.base}/settings/channels`, false);
      },
      OWNER,
    );
};
