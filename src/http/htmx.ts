// The one place that reads htmx request headers (https://htmx.org/reference/#request_headers).

/** True for a request htmx made (it wants a fragment, not a whole page). */
export const isHtmx = (request: Request): boolean => request.headers.get("hx-request") === "true";

/** The id of the element that triggered an htmx request, if any. */
export const htmxTrigger = (request: Request): string | null => request.headers.get("hx-trigger");

/** htmx's other request headers: read nowhere (src/http/page-hits.ts may then treat them as noise). */
export const UNREAD_HTMX_HEADERS = ["hx-boosted", "hx-current-url", "hx-history-restore-request", "hx-prompt", "hx-target", "hx-trigger-name"] as const;
