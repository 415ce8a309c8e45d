/**
 * The booking pages as a Telegram Mini App. Telegram opens `/<slug>?tg=1`; our script
 * (views/assets/telegram-mini-app.js) reads `Telegram.WebApp.initData`, sends it as the
 * X-Telegram-Init-Data header on htmx requests, and keeps it in a cookie for plain navigations and
 * form posts (which cannot carry a header). Wherever launch data arrives it is verified with the
 * salon's bot token: forged or stale → 401, before the handler runs. Verified, it prefills the
 * details form and ties the chat to a client the booking created.
 *
 * Pages load telegram-web-app.js from telegram.org only in Mini App mode (`tg=1` or the cookie), and
 * only those responses widen the CSP: script-src telegram.org, and frame-ancestors web.telegram.org
 * (Telegram's web client shows Mini Apps in a frame; its phone apps use a web view).
 */
import { eq } from "drizzle-orm";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { Elysia } from "elysia";
import { framedBy } from "../embed/frame.ts";
import { assetUrl } from "../http/assets.ts";
import { getBooking } from "../booking/queries.ts";
import { clients } from "../client/schema.ts";
import { formatPhone } from "../client/phone.ts";
import type { Database } from "../db/database.ts";
import { AppError } from "../error/app-error.ts";
import { isHtmx } from "../http/htmx.ts";
import { queryParam, requestPath } from "../http/request-url.ts";
import type { AppDeps } from "../http/app.ts";
import { linkTelegramChat } from "../notification/subscription.ts";
import { readSettings } from "../notification/settings.ts";
import { looksLikeSlug } from "../tenant/slug.ts";
import type { Clock } from "../time/clock.ts";
import { verifyInitData, type MiniAppUser } from "./init-data.ts";
import { linkedClients } from "./chats.ts";

export const INIT_DATA_HEADER = "x-telegram-init-data";
const COOKIE = "zapis_tg";
const COOKIE_VALUE = new RegExp(`(?:^|;\\s*)${COOKIE}=([^;]*)`);
const TELEGRAM_SCRIPT = "https://telegram.org/js/telegram-web-app.js";

/** The launch data a request carries: the header, else the Mini App's cookie; null outside Telegram. */
export function initDataOf(request: Request): string | null {
  const header = request.headers.get(INIT_DATA_HEADER);
  if (header !== null) return header;
  const cookie = COOKIE_VALUE.exec(request.headers.get("cookie") ?? "")?.[1];
  if (cookie === undefined) return null;
  try {
    return decodeURIComponent(cookie);
  } catch {
    return cookie;
  }
}

/** The Telegram user of a Mini App request; null outside Telegram. Present but not genuine → 401. */
export async function miniAppUser(db: Database, request: Request, now: number): Promise<MiniAppUser | null> {
  const initData = initDataOf(request);
  if (initData === null) return null;
  const { telegramBotToken } = await readSettings(db.orm);
  const user = telegramBotToken ? verifyInitData(initData, telegramBotToken, now) : null;
  if (!user) throw new AppError("UNAUTHORIZED", [{ key: "telegram.init_data_invalid" }]);
  return user;
}

/** What the details form starts with inside Telegram: the user's name, and the phone of a client this chat is linked to. */
export async function miniAppContact(db: Database, request: Request, now: number): Promise<{ name: string; phone?: string } | null> {
  const user = await miniAppUser(db, request, now);
  if (!user) return null;
  const name = [user.firstName, user.lastName].filter(Boolean).join(" ");
  const known = (await linkedClients(db.orm, String(user.id))).find((c) => c.phone);
  return known?.phone ? { name, phone: formatPhone(known.phone) } : { name };
}

/**
 * After a booking from inside Telegram: the user's private chat (its id is the user's) gets the
 * client's messages — only when this booking created the client. A phone typed in a form proves
 * nothing, so a client who existed before is left alone (the bot's shared contact links them).
 */
export async function linkMiniAppBooker(db: Database, clock: Clock, request: Request, bookingId: number): Promise<void> {
  const user = await miniAppUser(db, request, clock.now());
  const booking = user ? await getBooking(db.orm, bookingId) : null;
  if (!user || !booking?.clientId) return;
  const [client] = await db.orm.select({ createdAt: clients.createdAt }).from(clients).where(eq(clients.id, booking.clientId));
  if (client?.createdAt === booking.createdAt) await linkTelegramChat(db, clock, booking.clientId, String(user.id));
}

// Launch data is checked on the salon's public surface; the admin and the bot's webhook have their own keys.
const CHECKED = (path: string) => !/^\/[^/]+\/admin(\/|$)/.test(path) && !path.endsWith("/telegram/webhook");

const miniAppMode = (request: Request) => queryParam(request, "tg") === "1" || initDataOf(request) !== null;

/** The page as a Mini App: Telegram's script and ours before </head>, and a CSP that lets them run. */
async function asMiniApp(response: Response): Promise<Response> {
  // a cached public page may come compressed already (src/http/compression.ts ReadyBody): read it plain
  const bytes = Buffer.from(await response.arrayBuffer());
  const encoding = response.headers.get("content-encoding");
  const html = (encoding === "br" ? brotliDecompressSync(bytes) : encoding === "gzip" ? gunzipSync(bytes) : bytes).toString("utf8");
  const scripts = `<script src="${TELEGRAM_SCRIPT}"></script><script src="${assetUrl("telegram-mini-app.js")}"></script>`;
  const headers = new Headers(response.headers);
  headers.set("content-security-policy", `${headers.get("content-security-policy") ?? "default-src 'self'"}; script-src 'self' https://telegram.org`);
  headers.delete("content-length");
  headers.delete("content-encoding");
  headers.delete("vary"); // plain now: the app-wide compression encodes it again
  return framedBy(new Response(html.replace("</head>", `${scripts}</head>`), { status: response.status, headers }), "'self' https://web.telegram.org");
}

/** Launch data of a salon's request, verified; no such salon, or a disabled one: its route's own scope answers. */
async function checkLaunch(deps: Pick<AppDeps, "tenants" | "clock">, slug: string, request: Request): Promise<void> {
  const open = looksLikeSlug(slug) ? await deps.tenants.get(slug) : null;
  if (open && open.row.status === "active") await miniAppUser(open.db, request, deps.clock.now());
}

/**
 * The app-wide Mini App hooks: verify launch data before a salon's handler, frame its pages after.
 * Both answer a request from outside Telegram synchronously, without a promise (issue 20: every
 * page request passes here).
 */
export const miniAppGuard = (deps: Pick<AppDeps, "tenants" | "clock">) =>
  new Elysia({ name: "telegram-mini-app" })
    .onBeforeHandle({ as: "global" }, ({ request, params }) => {
      const slug = (params as Record<string, string | undefined> | undefined)?.slug;
      if (!slug || initDataOf(request) === null || !CHECKED(requestPath(request))) return;
      return checkLaunch(deps, slug, request);
    })
    .onAfterHandle({ as: "global" }, ({ request, responseValue }) => {
      if (!(responseValue instanceof Response) || !responseValue.headers.get("content-type")?.startsWith("text/html")) return;
      if (isHtmx(request) || !miniAppMode(request) || !CHECKED(requestPath(request))) return;
      return asMiniApp(responseValue);
    });
