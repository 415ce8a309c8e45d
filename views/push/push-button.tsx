import { assetUrl } from "../../src/http/assets.ts";
import { t, type Locale } from "../../src/i18n/i18n.ts";

/**
 * "Remind me in this browser" on a visit's page (issue 16). Hidden until push.js finds the browser
 * able to receive pushes; its answers come as data attributes, in the page's language.
 */
export function PushButton(p: { locale: Locale; slug: string; bookingId: number; token: string }) {
  return (
    <div class="push" hidden>
      <button
        id="push-subscribe"
        type="button"
        class="button secondary"
        data-worker={`/${p.slug}/push-sw.js`}
        data-key={`/api/v1/businesses/${p.slug}/push/key`}
        data-subscribe={`/api/v1/businesses/${p.slug}/bookings/${p.bookingId}/push-subscriptions`}
        data-token={p.token}
        data-done={t(p.locale, "push.subscribed")}
        data-denied={t(p.locale, "push.denied")}
        data-failed={t(p.locale, "push.failed")}
      >
        {t(p.locale, "push.subscribe")}
      </button>
      <p id="push-note" class="muted" role="status" hidden></p>
      <script src={assetUrl("push.js")} defer></script>
    </div>
  );
}
