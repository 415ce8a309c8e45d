import type { Config } from "../config/config.ts";
import { looksLikeSlug } from "../tenant/slug.ts";
import type { App } from "./app.ts";
import { observeRequest } from "../metrics/http.ts";
import { logRequestLine } from "./log.ts";
import { withPeer } from "./peer.ts";
import { requestPath } from "./request-url.ts";

// Request bodies larger than this are refused by Bun before any handler runs.
const MAX_BODY_BYTES = 1024 * 1024;

// Paths every host shares: the embedded assets and the JSON API (which names its salon itself).
const SHARED_PATHS = /^\/(?:assets|api)\//;

/**
 * With ZAPIS_DOMAIN set, `acme.<domain>/x` is served as `/acme/x`: the tenant is still resolved in
 * one place (the `:slug` scope), whichever way the request named it. The pages link with the slug
 * (`/acme/book?s=1`), so such paths, like the shared assets and API, pass unchanged: every link
 * works under both the path and the host form. A host that cannot be a salon (`metrics.<domain>`,
 * `readyz.<domain>`: reserved names) is served like the bare domain, never mapped onto an
 * operator endpoint.
 */
export function rewriteTenantHost(request: Request, domain: string | null): Request {
  if (!domain) return request;
  const host = (request.headers.get("host") ?? "").toLowerCase().replace(/:\d+$/, "");
  if (!host.endsWith(`.${domain}`)) return request;
  const slug = host.slice(0, -domain.length - 1);
  if (!looksLikeSlug(slug)) return request;
  const url = new URL(request.url);
  const path = url.pathname;
  if (SHARED_PATHS.test(path) || path === `/${slug}` || path.startsWith(`/${slug}/`)) return request;
  url.pathname = `/${slug}${path === "/" ? "" : path}`;
  return new Request(url, request);
}

/** The tenant a path names, for the log line. */
function tenantOf(path: string): string | null {
  const segment = /^\/(?:api\/v1\/businesses\/)?([^/]+)/.exec(path)?.[1] ?? "";
  return looksLikeSlug(segment) ? segment : null;
}

/** Serves `app` with one JSON log line per request (method, path, status, ms, tenant, request id). */
export function startServer(app: App, config: Config) {
  return Bun.serve({
    port: config.port,
    hostname: config.host,
    maxRequestBodySize: MAX_BODY_BYTES,
    async fetch(raw, server) {
      const started = performance.now();
      const requestId = raw.headers.get("x-request-id") ?? crypto.randomUUID();
      const peer = server.requestIP(raw)?.address ?? null;
      const request = withPeer(rewriteTenantHost(raw, config.domain), peer, config.trustProxy);
      const response = await app.handle(request);
      response.headers.set("x-request-id", requestId);
      observeRequest(request, response.status, (performance.now() - started) / 1000);
      const path = requestPath(request);
      logRequestLine({
        level: "info",
        method: request.method,
        path,
        status: response.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        tenant: tenantOf(path),
        request_id: requestId,
      });
      return response;
    },
  });
}
