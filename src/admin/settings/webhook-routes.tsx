import { WebhooksPage, webhooksHref, type WebhooksPageProps } from "../../../views/admin/settings/webhooks-page.tsx";
import type { Database } from "../../db/database.ts";
import { render } from "../../http/render.ts";
import { t } from "../../i18n/i18n.ts";
import { webhookSender } from "../../webhook/sender.ts";
import { createWebhook, listDeliveries, listWebhooks, removeWebhook, sendTestEvent } from "../../webhook/webhooks.ts";
import { asForm, list, pathId, raw, text } from "../form.ts";
import { adminFrame } from "../frame.ts";
import { seeOther, submit } from "../page-form.ts";
import type { AdminApp, AdminDeps } from "../scope.ts";

const MAY = { can: "webhooks" as const, detail: { hide: true } };
const LOG_ROWS = 20;

type Ctx = Parameters<typeof adminFrame>[0] & { db: Database; query: Record<string, string | undefined> };
type Outcome = Pick<WebhooksPageProps, "secret" | "problems" | "values">;

/** `/admin/settings/webhooks`: the salon's endpoints and their delivery logs (owner and manager). */
export const webhookSettingsPages = (deps: AdminDeps) => (app: AdminApp) => {
  const sender = webhookSender(deps.config, deps.clock);
  const page = async (ctx: Ctx, outcome: Outcome = {}, status = 200) => {
    const hooks = await Promise.all(
      (await listWebhooks(ctx.db.orm)).map(async (hook) => ({ ...hook, log: (await listDeliveries(ctx.db.orm, hook.id, { limit: LOG_ROWS, offset: 0 })).data })),
    );
    const notice = ctx.query.saved === "1" ? t(ctx.locale, "admin.saved") : undefined;
    return render(<WebhooksPage frame={adminFrame(ctx)} zone={ctx.profile.timezone} hooks={hooks} notice={notice} {...outcome} />, { status });
  };
  return app
    .get("/settings/webhooks", (ctx) => page(ctx), MAY)
    .post(
      "/settings/webhooks",
      (ctx) => {
        const form = asForm(ctx.body);
        const input = { url: text(form, "url"), events: list(form, "events"), secret: raw(form, "secret") };
        return submit(
          // the page itself (not a redirect) shows the secret: it must never sit in a URL or a history entry
          async () => page(ctx, { secret: (await createWebhook({ db: ctx.db, clock: deps.clock, allowPrivate: deps.config.allowPrivateHosts }, ctx.actor, input)).secret }),
          (error) => page(ctx, { problems: error.problems, values: { url: input.url, events: input.events } }, 400),
        );
      },
      MAY,
    )
    .post(
      "/settings/webhooks/:id/test",
      async (ctx) => {
        await sendTestEvent(sender, ctx.db, pathId(ctx.params.id));
        return seeOther(webhooksHref(adminFrame(ctx)), false);
      },
      MAY,
    )
    .post(
      "/settings/webhooks/:id/delete",
      async (ctx) => {
        await removeWebhook({ db: ctx.db, clock: deps.clock }, ctx.actor, pathId(ctx.params.id));
        return seeOther(webhooksHref(adminFrame(ctx)));
      },
      MAY,
    );
};
