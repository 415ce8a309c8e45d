import { Elysia } from "elysia";
import { AppError, validationError } from "../error/app-error.ts";
import { isApiRequest as isApi, requestPath } from "./request-url.ts";

const WITH_BODY = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/**
 * RFC 8058 one-click unsubscribe: mail providers POST `List-Unsubscribe=One-Click` as a form to the
 * URL of the List-Unsubscribe header, so that one API route must take forms.
 */
const FORM_POSTS = /^\/api\/v1\/businesses\/[^/]+\/unsubscribe\/[^/]+$/;

const isJson = (contentType: string) => contentType.split(";")[0]!.trim().toLowerCase() === "application/json";
const hasBody = (request: Request) =>
  request.headers.has("content-type") || Number(request.headers.get("content-length") ?? 0) > 0 || request.headers.has("transfer-encoding");

/** Every field path of a JSON value ("week.0.start"), to see later which ones the route's schema dropped. */
function fieldPaths(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return [path, ...fieldPaths(v, path)];
  });
}

function has(value: unknown, path: string): boolean {
  let at: unknown = value;
  for (const key of path.split(".")) {
    if (typeof at !== "object" || at === null || !Object.hasOwn(at, key)) return false;
    at = (at as Record<string, unknown>)[key];
  }
  return true;
}

function refuseUnknown(unknown: readonly string[]): void {
  if (unknown.length > 0) throw validationError(unknown.map((field) => ({ field, key: "error.field_unknown", params: { field } })));
}

/**
 * For a route that reads its body itself (no schema): refuses the fields of `body` not in `known`,
 * naming each. `known` lists field paths, `*` for any array item ("services.*", "client.name").
 */
export function refuseUnknownFields(body: unknown, known: ReadonlySet<string>): void {
  refuseUnknown(fieldPaths(body).filter((p) => !known.has(p.replace(/(^|\.)\d+(?=\.|$)/g, "$1*"))));
}

/**
 * The JSON API takes JSON bodies only, and no field it does not know. Another content type is a
 * 415 before anything is parsed (a text/plain body used to reach the handlers as `{}`). Unknown
 * fields: Elysia's validation drops whatever a route's body schema does not declare, silently; the
 * paths of the body as sent are noted before validation and any that did not survive it are named
 * in a 400. Routes without a body schema (webhooks of other services, bodies read as text) keep
 * what they were sent; the booking routes check theirs with `refuseUnknown`.
 */
export const jsonBodies = () => {
  const sent = new WeakMap<Request, string[]>();
  return new Elysia()
    // before routing and parsing: a parse hook's error would reach onError wrapped as a bad body
    .onRequest(({ request }) => {
      if (!WITH_BODY.has(request.method) || !isApi(request) || !hasBody(request) || isJson(request.headers.get("content-type") ?? "")) return;
      if (FORM_POSTS.test(requestPath(request))) return;
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", [{ key: "error.json_only" }]);
    })
    .onTransform({ as: "global" }, ({ request, body }) => {
      // a body read as text (or none) has no fields for validation to drop
      if (typeof body === "object" && body !== null && WITH_BODY.has(request.method) && isApi(request)) sent.set(request, fieldPaths(body));
    })
    .onBeforeHandle({ as: "global" }, ({ request, body }) => {
      const paths = sent.get(request);
      if (paths) refuseUnknown(paths.filter((p) => !has(body, p)));
    });
};
