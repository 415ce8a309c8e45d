import { AppError } from "../error/app-error.ts";

const SLUG = /^[a-z0-9](?:[a-z0-9-]{1,38})[a-z0-9]$/;

// Path segments the platform itself uses or may use, so a salon can never shadow them.
const RESERVED = new Set([
  "admin", "api", "app", "assets", "static", "healthz", "readyz", "metrics", "docs", "login", "logout",
  "signup", "register", "www", "mail", "help", "support", "status", "favicon.ico", "robots.txt", "demo-new",
  "platform", "zapis", "public", "my", "book", "webhooks", "new",
  // the salon's own sub-paths, and host names an operator may point elsewhere (<name>.<domain>)
  "logo", "unsubscribe", "calendar", "review", "me", "vk", "widget", "embed", "cdn", "smtp", "imap", "ftp",
  "ns1", "ns2", "mx", "localhost", "operator", "root",
]);

export function checkSlug(slug: string): void {
  if (!SLUG.test(slug) || slug.includes("--")) {
    throw new AppError("VALIDATION_ERROR", [{ field: "slug", key: "tenant.slug_invalid", params: { slug } }]);
  }
  if (RESERVED.has(slug)) {
    throw new AppError("VALIDATION_ERROR", [{ field: "slug", key: "tenant.slug_reserved", params: { slug } }]);
  }
}

/** True when `segment` could name a tenant (cheap check at the edge before touching the registry). */
export const looksLikeSlug = (segment: string): boolean => SLUG.test(segment) && !RESERVED.has(segment);
