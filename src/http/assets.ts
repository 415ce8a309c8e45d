import { readFileSync } from "node:fs";
import htmx from "htmx.org/dist/htmx.min.js" with { type: "file" };
import swaggerCss from "swagger-ui-dist/swagger-ui.css" with { type: "file" };
import swaggerJs from "swagger-ui-dist/swagger-ui-bundle.js" with { type: "file" };
import appCss from "../../views/assets/app.css" with { type: "file" };
import calendarDrag from "../../views/assets/calendar-drag.js" with { type: "file" };
import favicon from "../../views/assets/favicon.svg" with { type: "file" };
// issue 16: the booking pages as a Telegram Mini App
import telegramMiniApp from "../../views/assets/telegram-mini-app.js" with { type: "file" };
// issue 16: the widget's iframe tells its parent about a booking
import embedFrame from "../../views/assets/embed-frame.js" with { type: "file" };
// issue 16: VK Bridge's browser build (MIT, 4 KB) and our glue for the salon's VK Mini App
import vkBridge from "@vkontakte/vk-bridge/dist/browser.min.js" with { type: "file" };
import vkApp from "../../views/assets/vk-app.js" with { type: "file" };
import push from "../../views/assets/push.js" with { type: "file" };

// Everything a page needs is embedded in the binary: no CDN, works offline. The imports are files
// (a path into the binary), read on first use: imported as text, the 1.7 MB of Swagger UI (for a
// docs page seldom opened) and the content hash of every asset cost ~10-15 ms of CPU at every
// start (issue 20).
const FILES: Record<string, { path: string; type: string; clean?: (body: string) => string }> = {
  "app.css": { path: appCss, type: "text/css; charset=utf-8" },
  "htmx.min.js": { path: htmx, type: "text/javascript; charset=utf-8" },
  "calendar-drag.js": { path: calendarDrag, type: "text/javascript; charset=utf-8" },
  "favicon.svg": { path: favicon, type: "image/svg+xml" },
  "swagger-ui.css": { path: swaggerCss, type: "text/css; charset=utf-8" },
  "swagger-ui-bundle.js": { path: swaggerJs, type: "text/javascript; charset=utf-8" },
  "telegram-mini-app.js": { path: telegramMiniApp, type: "text/javascript; charset=utf-8" }, // issue 16
  "embed-frame.js": { path: embedFrame, type: "text/javascript; charset=utf-8" }, // issue 16
  "vk-bridge.js": { path: vkBridge, type: "text/javascript; charset=utf-8", clean: (body) => body.replace(/\n\/\/# sourceMappingURL=.*$/, "") },
  "vk-app.js": { path: vkApp, type: "text/javascript; charset=utf-8" },
  "push.js": { path: push, type: "text/javascript; charset=utf-8" },
};

type AssetName = keyof typeof FILES;

/** An asset's text and its version, read and hashed once, on first use. */
const loaded = new Map<string, { body: string; version: string }>();
function load(name: AssetName): { body: string; version: string } {
  let asset = loaded.get(name);
  if (!asset) {
    const file = FILES[name]!;
    const text = readFileSync(file.path, "utf8");
    const body = file.clean ? file.clean(text) : text;
    // a content hash in each URL lets browsers cache assets forever and still see a new release
    asset = { body, version: Bun.hash(body).toString(36) };
    loaded.set(name, asset);
  }
  return asset;
}

export function assetUrl(name: AssetName): string {
  return `/assets/${name}?v=${load(name).version}`;
}

/** An asset's text, for the few a page inlines. */
export const assetText = (name: AssetName): string => load(name).body;

export function assetResponse(name: string): Response | null {
  if (!Object.hasOwn(FILES, name)) return null;
  return new Response(load(name).body, {
    headers: { "content-type": FILES[name]!.type, "cache-control": "public, max-age=31536000, immutable" },
  });
}
