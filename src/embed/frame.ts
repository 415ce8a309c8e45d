/**
 * Embed mode: the booking pages inside a frame: the widget's iframe on the salon's own site
 * (`?embed=1`) or the salon's VK Mini App (`?embed=vk`, entered through a verified launch, see
 * src/vk/routes.ts). Applied at the edge, to the responses the page routes already made, so the
 * booking flow itself knows nothing about it. For an embed request of a salon, the response
 * - may be framed by the salon's embed_origins (VK's sites in VK mode, once the salon has a VK
 *   app), and by nothing else (CSP frame-ancestors; every other page keeps frame-ancestors 'none');
 * - keeps `embed=1` on every link, form and redirect back into the salon's pages;
 * - carries its cookies (CSRF token, hold) as SameSite=None; Secure; Partitioned: a frame on another
 *   site gets no Lax cookie, and partitioned ones stay in that site's jar, apart from the salon's own;
 * - hides the salon's chrome (class "embed" on <html>, see app.css);
 * - on a site, once a visit is booked, loads embed-frame.js, which tells the parent page; in VK,
 *   loads VK Bridge and vk-app.js on every page (prefills the client from VK).
 */
import { Elysia } from "elysia";
import { assetUrl } from "../http/assets.ts";
import { queryParam, requestUrl } from "../http/request-url.ts";
import { isLocale, t } from "../i18n/i18n.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import { looksLikeSlug } from "../tenant/slug.ts";
import { frameAncestors, VK_FRAME_ANCESTORS } from "./origins.ts";
import { readChannels, type SalonChannels } from "./settings.ts";

type Fetch = (request: Request) => Response | Promise<Response>;

/** Who frames the pages: the salon's own site (the widget) or VK (its Mini App). */
export type EmbedKind = "1" | "vk";

export interface Embed {
  slug: string;
  kind: EmbedKind;
}

/** The salon and kind of an embed request, or null when the request is no embed page request. */
function embedOf(request: Request): Embed | null {
  const kind = queryParam(request, "embed");
  if (kind !== "1" && kind !== "vk") return null;
  const [, slug = "", area] = requestUrl(request).pathname.split("/");
  return looksLikeSlug(slug) && area !== "admin" ? { slug, kind } : null;
}

/** `target` with the embed mode added when it is one of the salon's pages; anything else unchanged. */
export function withEmbed(target: string, slug: string, kind: EmbedKind = "1"): string {
  const rest = target.startsWith(`/${slug}`) ? target.slice(slug.length + 1) : null;
  if (rest === null || !(rest === "" || /^[/?#]/.test(rest)) || rest.startsWith("/admin")) return target;
  const url = new URL(target, "http://x");
  url.searchParams.set("embed", kind);
  return `${url.pathname}${url.search}${url.hash}`;
}

const attributeValue = (v: string) => v.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
// The rewriter hands attributes over as written (entities and all) and writes "&" back as given.
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'" };
const decoded = (v: string) => v.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, name: string) => ENTITIES[name]!);

/** The scripts the page gets at the end of its body, in the page's language. */
type Scripts = (lang: string) => string;

function rewriteHtml(response: Response, embed: Embed, scripts: Scripts | null): Response {
  const link = (attribute: string) => ({
    element(el: HTMLRewriterTypes.Element) {
      const value = el.getAttribute(attribute);
      if (value !== null) el.setAttribute(attribute, withEmbed(decoded(value), embed.slug, embed.kind).replace(/&/g, "&amp;"));
    },
  });
  let lang = "ru";
  let rewriter = new HTMLRewriter()
    .on("html", {
      element: (el) => {
        lang = el.getAttribute("lang") ?? lang;
        el.setAttribute("class", `${el.getAttribute("class") ?? ""} embed`.trim());
      },
    })
    .on("a[href]", link("href"))
    .on("form[action]", link("action"))
    .on("[hx-get]", link("hx-get"))
    .on("[hx-push-url]", link("hx-push-url"))
    // A GET form's fields replace its action's query, so the mode travels as a field of its own.
    .on("form", { element: (el) => void ((el.getAttribute("method") ?? "get").toLowerCase() === "get" && el.append(`<input type="hidden" name="embed" value="${embed.kind}">`, { html: true })) });
  if (scripts) rewriter = rewriter.on("body", { element: (el) => void el.append(scripts(lang), { html: true }) });
  return rewriter.transform(response);
}

/** What an embed page loads: VK's bridge in VK; on a site, the booked message once there is a visit. */
function scriptsFor(embed: Embed, url: URL, origins: readonly string[]): Scripts | null {
  if (embed.kind === "vk") {
    return (lang) =>
      `<script src="${assetUrl("vk-bridge.js")}" defer></script>` +
      `<script src="${assetUrl("vk-app.js")}" data-phone-label="${attributeValue(t(isLocale(lang) ? lang : "ru", "vk.phone_button"))}" defer></script>`;
  }
  const visit = new RegExp(`^/${embed.slug}/my/(\\d+)$`).exec(url.pathname);
  if (!visit || url.searchParams.get("new") !== "1") return null;
  return () => `<script src="${assetUrl("embed-frame.js")}" data-booking="${Number(visit[1])}" data-origins="${attributeValue(origins.join(" "))}" defer></script>`;
}

const crossSiteCookie = (cookie: string) => `${cookie.replace(/;\s*SameSite=\w+/i, "").replace(/;\s*Secure/i, "")}; SameSite=None; Secure; Partitioned`;

/** `response` with another frame-ancestors value (its headers copied: a Response's may be immutable). */
export function framedBy(response: Response, ancestors: string): Response {
  const headers = new Headers(response.headers);
  const policy = headers.get("content-security-policy");
  if (policy) headers.set("content-security-policy", policy.replace(/frame-ancestors [^;]*/, `frame-ancestors ${ancestors}`));
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** The response of an embed page, framed for the salon's origins (or VK) and kept in embed mode. */
export function embedResponse(response: Response, url: URL, embed: Embed, channels: Pick<SalonChannels, "embedOrigins" | "vkAppId">): Response {
  const vk = embed.kind === "vk";
  const framed = framedBy(response, vk ? (channels.vkAppId ? VK_FRAME_ANCESTORS : "'none'") : frameAncestors(channels.embedOrigins));
  const { headers } = framed;
  const cookies = headers.getSetCookie();
  headers.delete("set-cookie");
  for (const cookie of cookies) headers.append("set-cookie", crossSiteCookie(cookie));
  const location = headers.get("location");
  if (location) headers.set("location", withEmbed(location, embed.slug, embed.kind));
  if (!(headers.get("content-type") ?? "").startsWith("text/html")) return framed;
  return rewriteHtml(framed, embed, scriptsFor(embed, url, vk ? [] : channels.embedOrigins));
}

async function embedded(fetch: Fetch, tenants: TenantConnections, request: Request, url: URL, embed: Embed): Promise<Response> {
  // Asked in plain: the body is rewritten here, and compressed after.
  const headers = new Headers(request.headers);
  headers.delete("accept-encoding");
  const response = await fetch(new Request(request, { headers }));
  const open = await tenants.get(embed.slug);
  if (!open || open.row.status !== "active") return response;
  return embedResponse(response, url, embed, await readChannels(open.db.orm));
}

/** The app-wide wrapper that puts embed requests of a salon's pages into embed mode; others pass untouched. */
export function embedMode(tenants: TenantConnections) {
  return new Elysia({ name: "embed-mode" }).wrap((fetch) => (request: Request) => {
    const embed = embedOf(request);
    return embed ? embedded(fetch as unknown as Fetch, tenants, request, requestUrl(request), embed) : (fetch as unknown as Fetch)(request);
  });
}
