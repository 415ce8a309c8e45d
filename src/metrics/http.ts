import { Elysia } from "elysia";
import { httpDuration, httpRequests } from "./metrics.ts";

// The route template Elysia matched for a request (`/:slug/book`), so metrics count routes, not
// URLs: a label per salon or per booking id would grow without bound.
const routes = new WeakMap<Request, string>();

/**
 * Remembers each request's route template. Parse runs first for bodies (and may fail, so it must
 * tag too); transform runs for every matched route. Unmatched requests stay untagged.
 */
export const routeTagger = () =>
  new Elysia({ name: "metrics.route-tagger" })
    .onParse({ as: "global" }, ({ request, route }) => {
      routes.set(request, route);
    })
    .onTransform({ as: "global" }, ({ request, route }) => {
      routes.set(request, route);
    });

/** The route template a request was tagged with, if any. */
export const routeOf = (request: Request): string | undefined => routes.get(request);

/** Tags a request answered without Elysia (src/http/page-hits.ts) with the route that answered it before. */
export function tagRoute(request: Request, route: string): void {
  routes.set(request, route);
}

/** Records one finished request; called by the server with the status actually sent. */
export function observeRequest(request: Request, status: number, seconds: number): void {
  const route = routes.get(request) ?? "unmatched";
  httpRequests.inc({ method: request.method, route, status: String(status) });
  httpDuration.observe({ method: request.method, route }, seconds);
}
