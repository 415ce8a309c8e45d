import { t } from "../../../src/i18n/i18n.ts";
import type { AdminFrame } from "../admin-layout.tsx";
import { PostButton } from "../post-button.tsx";
import { dateTime } from "../format.ts";

/** Where the channel settings live; alerts link there. */
export const channelsHref = (frame: AdminFrame) => `${frame.base}/settings/channels`;

/**
 * What providers told the salon to fix (bad api_id, empty balance, refused login). In the layout
 * it points to the channel settings; on that page each alert can be hidden.
 */
export function AlertBanner({ frame, zone, dismiss = false }: { frame: AdminFrame; zone?: string; dismiss?: boolean }) {
  const { locale } = frame;
  const alerts = frame.alerts ?? [];
  if (alerts.length === 0) return null;
  return (
    <section class="alert channel-alerts" role="alert" aria-labelledby="channel-alerts-title">
      <strong id="channel-alerts-title">{t(locale, "channels.alerts")}</strong>
      <ul>
        {alerts.map((a) => (
          <li>
            <span>{t(locale, a.message.key, a.message.params)}</span>
            {zone && <span class="muted small">{dateTime(a.at, zone, locale)}</span>}
            {dismiss && (
              <PostButton frame={frame} action={`${channelsHref(frame)}/alerts/dismiss`} label={t(locale, "channels.dismiss")} fields={{ channel: a.channel }} />
            )}
          </li>
        ))}
      </ul>
      {!dismiss && <a href={channelsHref(frame)}>{t(locale, "channels.alerts_open")} →</a>}
    </section>
  );
}
