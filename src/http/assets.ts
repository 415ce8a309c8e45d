import htmx from "htmx.org/dist/htmx.min.js" with { type: "text" };
import swaggerCss from "swagger-ui-dist/swagger-ui.css" with { type: "text" };
import swaggerJs from "swagger-ui-dist/swagger-ui-bundle.js" with { type: "text" };
import appCss from "../../views/assets/app.css" with { type: "text" };
import calendarDrag from "../../views/assets/calendar-drag.js" with { type: "text" };
import favicon from "../../views/assets/favicon.svg" with { type: "text" };
// issue 16: the booking pages as a Telegram Mini App
import telegramMiniApp from "../../views/assets/telegram-mini-app.js" with { type: "text" };
// issue 16: the widget's iframe tells its parent about a booking
import embedFrame from "../../views/assets/embed-frame.js" with { type: "text" };
// issue 16: VK Bridge's browser build (MIT, 4 KB) and our glue for the salon's VK Mini App
import vkBridge from "@vkontakte/vk-bridge/dist/browser.min.js" with { type: "text" };
import vkApp from "../../views/assets/vk-app.js" with { type: "text" };
import push from "../../views/assets/push.js" with { type: "text" };

// Everything a page needs is embedded in the binary (imported as text): no CDN, works offline.
const FILES: Record<string, { body: string; type: string }> = {
  "app.css": { body: appCss, type: "text/css; charset=utf-8" },
  "htmx.min.js": { body: htmx, type: "text/javascript; charset=utf-8" },
  "calendar-drag.js": { body: calendarDrag, type: "text/javascript; charset=utf-8" },
  "favicon.svg": { body: favicon, type: "image/svg+xml" },
  "swagger-ui.css": { body: swaggerCss, type: "text/css; charset=utf-8" },
  "swagger-ui-bundle.js": { body: swaggerJs, type: "text/javascript; charset=utf-8" },
  "telegram-mini-app.js": { body: telegramMiniApp, type: "text/javascript; charset=utf-8" }, // issue 16
  "embed-frame.js": { body: embedFrame, type: "text/javascript; charset=utf-8" }, // issue 16
  "vk-bridge.js": { body: vkBridge.replace(/\n\/\/# sourceMappingURL=.*$/, ""), type: "text/javascript; charset=utf-8" },
  "vk-app.js": { body: vkApp, type: "text/javascript; charset=utf-8" },
  "push.js": { body: push, type: "text/javascript; charset=utf-8" },
};

// A content hash in each URL lets browsers cache assets forever and still see a new release.
const VERSIONS = Object.fromEntries(
  Object.entries(FILES).map(([name, file]) => [name, Bun.hash(file.body).toString(36)]),
);

export function assetUrl(name: keyof typeof FILES): string {
  return `/assets/${name}?v=${VERSIONS[name]}`;
}

/** An asset's text, for the few a page inlines. */
export const assetText = (name: keyof typeof FILES): string => FILES[name]!.body;

export function assetResponse(name: string): Response | null {
  const file = FILES[name];
  if (!file) return null;
  return new Response(file.body, {
    headers: { "content-type": file.type, "cache-control": "public, max-age=31536000, immutable" },
  });
}
