/**
 * The sites a salon lets frame its booking pages (the widget). A typed origin is parsed down to
 * scheme + host + port and rebuilt, so nothing the owner types reaches the Content-Security-Policy
 * header but a canonical origin: no paths, wildcards, spaces, quotes or extra directives.
 */
export const MAX_EMBED_ORIGINS = 10;

// Plain http is only for trying the widget on one's own machine; a real site frames over https.
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** "https://salon.ru" for "https://Salon.ru/" (or null when it is not a bare https origin). */
export function parseEmbedOrigin(typed: string): string | null {
  const text = typed.trim();
  if (text.length === 0 || text.length > 300) return null;
  const url = URL.parse(text);
  if (!url || url.username || url.password || url.search || url.hash || (url.pathname !== "/" && url.pathname !== "")) return null;
  const local = LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) return null;
  // The hostname a URL parser accepted may still hold "*" or "%": an origin in CSP has neither.
  if (!/^[a-z0-9.-]+$|^\[::1\]$/.test(url.hostname) || url.hostname.startsWith(".") || url.hostname.endsWith(".")) return null;
  return url.origin;
}

// VK shows Mini Apps in a frame on its sites (vk.com, m.vk.com, and the vk.ru mirrors); its phone
// apps open them in a web view, which has no ancestors to check.
export const VK_FRAME_ANCESTORS = "https://vk.com https://*.vk.com https://vk.ru https://*.vk.ru";

/** The `frame-ancestors` value for stored origins: 'none' when there are none. */
export function frameAncestors(origins: readonly string[]): string {
  const valid = origins.filter((o) => parseEmbedOrigin(o) === o);
  return valid.length > 0 ? valid.join(" ") : "'none'";
}
