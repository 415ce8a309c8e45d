import type { Problem } from "../../../src/error/app-error.ts";
import { t, type MessageKey } from "../../../src/i18n/i18n.ts";
import { WEBHOOK_EVENTS } from "../../../src/webhook/schema.ts";
import type { DeliveryView, WebhookView } from "../../../src/webhook/webhooks.ts";
import { AdminLayout, Csrf, type AdminFrame } from "../admin-layout.tsx";
import { dateTime } from "../format.ts";
import { ListTable } from "../list-table.tsx";
import { PostButton } from "../post-button.tsx";
import { Notice, Problems } from "../problems.tsx";
import { SettingsTabs } from "./settings-page.tsx";

export interface WebhooksPageProps {
  frame: AdminFrame;
  zone: string;
  hooks: Array<WebhookView & { log: DeliveryView[] }>;
  /** The secret of the endpoint just added: this page is the only place it is ever shown. */
  secret?: string | undefined;
  notice?: string | undefined;
  problems?: Problem[] | undefined;
  values?: { url: string; events: string[] } | undefined;
}

export const webhooksHref = (frame: AdminFrame) => `${frame.base}/settings/webhooks`;

const STATE: Record<string, MessageKey> = {
  pending: "webhook.state.pending",
  sending: "webhook.state.sending",
  delivered: "webhook.state.delivered",
  failed: "webhook.state.failed",
};

/** The salon's webhook endpoints: add one, send a test event, read each one's recent deliveries. */
export function WebhooksPage(props: WebhooksPageProps) {
  const { frame, zone } = props;
  const { locale } = frame;
  const chosen = new Set(props.values?.events ?? ["booking.created", "booking.updated", "booking.cancelled"]);
  return (
    <AdminLayout frame={frame} title={t(locale, "webhook.admin.title")} section="settings">
      <SettingsTabs frame={frame} current="webhooks" />
      <h1>{t(locale, "webhook.admin.title")}</h1>
      <p class="muted">{t(locale, "webhook.admin.intro")}</p>
      <Notice text={props.notice} />
      {props.secret && <Notice text={`${t(locale, "webhook.admin.secret_once")} ${props.secret}`} />}
      {props.hooks.length === 0 && <p class="muted">{t(locale, "webhook.admin.none")}</p>}
      {props.hooks.map((hook) => (
        <section class="card stack">
          <h2 class="webhook-url">{hook.url}</h2>
          <p class="muted small">{hook.events.join(", ")}</p>
          <div class="row">
            <PostButton frame={frame} action={`${webhooksHref(frame)}/${hook.id}/test`} label={t(locale, "webhook.admin.test")} />
            <PostButton frame={frame} action={`${webhooksHref(frame)}/${hook.id}/delete`} label={t(locale, "webhook.admin.delete")} danger />
          </div>
          <h3>{t(locale, "webhook.admin.log")}</h3>
          {hook.log.length === 0 ? (
            <p class="muted small">{t(locale, "webhook.admin.no_deliveries")}</p>
          ) : (
            <ListTable locale={locale} columns={["webhook.admin.when", "webhook.admin.event", "webhook.admin.state", { key: "webhook.admin.attempts", numeric: true }, "webhook.admin.answer"]}>
              {hook.log.map((d) => (
                <tr>
                  <td>{dateTime(d.createdAt, zone, locale)}</td>
                  <td>{d.type}</td>
                  <td>
                    <span class={`badge ${d.status === "delivered" ? "status-completed" : d.status === "failed" ? "status-cancelled" : "status-pending"}`}>{t(locale, STATE[d.status] ?? "webhook.state.pending")}</span>
                  </td>
                  <td class="num">{d.attempts}</td>
                  <td class="small">
                    {d.lastStatus ?? "—"} <span class="muted">{d.lastResponse?.slice(0, 120)}</span>
                  </td>
                </tr>
              ))}
            </ListTable>
          )}
        </section>
      ))}

      <h2>{t(locale, "webhook.admin.add")}</h2>
      <Problems locale={locale} problems={props.problems} />
      <form method="post" action={webhooksHref(frame)} class="card stack form-wide">
        <Csrf token={frame.csrf} />
        <label>
          {t(locale, "webhook.admin.url")}
          <input name="url" type="url" inputmode="url" required maxlength={2000} value={props.values?.url ?? ""} placeholder="https://crm.example.com/zapis" />
        </label>
        <fieldset class="stack">
          <legend>{t(locale, "webhook.admin.events")}</legend>
          {WEBHOOK_EVENTS.map((e) => (
            <label class="check">
              <input type="checkbox" name="events" value={e} checked={chosen.has(e)} />
              {e}
            </label>
          ))}
        </fieldset>
        <label>
          {t(locale, "webhook.admin.secret")}
          <input name="secret" type="password" autocomplete="off" maxlength={200} />
        </label>
        <button type="submit" class="button">
          {t(locale, "webhook.admin.add")}
        </button>
      </form>
    </AdminLayout>
  );
}
