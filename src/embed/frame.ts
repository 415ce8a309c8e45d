/**
 * Embed mode: the booking pages inside the widget's iframe on the salon's own site (`?embed=1`).
 * Applied at the edge, to the responses the page routes already made, so the booking flow itself
 * knows nothing about it. For an embed request of a salon, the response
 * - may be framed by the salon's embed_origins, and by nothing else (CSP frame-ancestors; every
 *   other page keeps frame-ancestors 'none');
 * - keeps `embed=1` on every link, form and redirect back into the salon's pages;
 * - carries its cookies (CSRF token, hold) as SameSite=None; Secure; Partitioned: a frame on another
 *   site gets no Lax cookie, and partitioned ones stay in that site's jar, apart from the salon's own;
 * - hides the salon's chrome (class "embed" on <html>, see app.css);
 * - once a visit is booked, loads embed-frame.js, which tells the parent page.
 */
import { Elysia } from "elysia";
import { assetUrl } from "../http/assets.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import { looksLikeSlug } from "../tenant/slug.ts";
import { frameAncestors } from "./origins.ts";
import { readChannels } from "./settings.ts";

type Fetch = (request: Request) => Response | Promise<Response>;

/** The salon an embed request is for, or null when the request is no embed page request. */
function embedSlug(url: URL): string | null {
  if (url.searchParams.get("embed") !== "1") return null;
  const [, slug = "", area] = url.pathname.split("/");
  return looksLikeSlug(slug) && area !== "admin" ? slug : null;
}

/** `target` with embed=1 added when it is one of the salon's pages; anything else unchanged. */
export function withEmbed(target: string, slug: string): string {
  const rest = target.startsWith(`/${slug}`) ? target.slice(slug.length + 1) : null;
  if (rest === null || !(rest === "" || /^[/?#]/.test(rest)) || rest.startsWith("/admin")) return target;
  const url = new URL(target, "http://x");
  url.searchParams.set("embed", "1");
  return `${url.pathname}${url.search}${url.hash}`;
}

const attributeValue = (v: string) => v.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

function rewriteHtml(response: Response, slug: string, booked: number | null, origins: readonly string[]): Response {
  const link = (attribute: string) => ({
    element(el: HTMLRewriterTypes.Element) {
      const value = el.getAttribute(attribute);
      if (value !== null) el.setAttribute(attribute, withEmbed(value, slug));
    },
  });
  let rewriter = new HTMLRewriter()
    .on("html", { element: (el) => void el.setAttribute("class", `${el.getAttribute("class") ?? ""} embed`.trim()) })
    .on("a[href]", link("href"))
    .on("form[action]", link("action"))
    .on("[hx-get]", link("hx-get"))
    .on("[hx-push-url]", link("hx-push-url"))
    // A GET form's fields replace its action's query, so the mode travels as a field of its own.
    .on("form", { element: (el) => void ((el.getAttribute("method") ?? "get").toLowerCase() === "get" && el.append('<input type="hidden" name="embed" value="1">', { html: true })) });
  if (booked !== null) {
    const script = `<script src="${assetUrl("embed-frame.js")}" data-booking="${booked}" data-origins="${attributeValue(origins.join(" "))}" defer></script>`;
    rewriter = rewriter.on("body", { element: (el) => void el.append(script, { html: true }) });
  }
  return rewriter.transform(response);
}

const crossSiteCookie = (cookie: string) => `${cookie.replace(/;\s*SameSite=\w+/i, "").replace(/;\s*Secure/i, "")}; SameSite=None; Secure; Partitioned`;

/** The response of an embed page, framed for the salon's origins and kept in embed mode. */
export function embedResponse(response: Response, url: URL, slug: string, origins: readonly string[]): Response {
  const headers = new Headers(response.headers);
  const policy = headers.get("content-security-policy");
  if (policy) headers.set("content-security-policy", policy.replace(/frame-ancestors [^;]*/, `frame-ancestors ${frameAncestors(origins)}`));
  const cookies = headers.getSetCookie();
  headers.delete("set-cookie");
  for (const cookie of cookies) headers.append("set-cookie", crossSiteCookie(cookie));
  const location = headers.get("location");
  if (location) headers.set("location", withEmbed(location, slug));
  const framed = new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  if (!(headers.get("content-type") ?? "").startsWith("text/html")) return framed;
  const visit = new RegExp(`^/${slug}/my/(\\d+)$`).exec(url.pathname);
  const booked = visit && url.searchParams.get("new") === "1" ? Number(visit[1]) : null;
  return rewriteHtml(framed, slug, booked, origins);
}

/** The app-wide wrapper that puts embed requests of a salon's pages into embed mode. */
export function embedMode(tenants: TenantConnections) {
  return new Elysia({ name: "embed-mode" }).wrap((fetch) => async (request: Request) => {
    const url = new URL(request.url);
    const slug = embedSlug(url);
    if (slug === null) return (fetch as unknown as Fetch)(request);
    // Asked in plain: the body is rewritten here, and compressed after.
    const headers = new Headers(request.headers);
    headers.delete("accept-encoding");
    const response = await (fetch as unknown as Fetch)(new Request(request, { headers }));
    const open = await tenants.get(slug);
    if (!open || open.row.status !== "active") return response;
    return embedResponse(response, url, slug, (await readChannels(open.db.orm)).embedOrigins);
  });
}
