import { Elysia } from "elysia";
import { isApiRequest } from "./request-url.ts";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Page posts are HTML forms. A body that is no form at all (none, JSON `null` or an array, XML)
 * reaches the page handlers as an empty form, so they refuse it field by field like any incomplete
 * form instead of failing on its shape. The JSON API reads and refuses its own bodies.
 */
export const formBodies = () =>
  new Elysia().onTransform({ as: "global" }, (ctx) => {
    if (!UNSAFE.has(ctx.request.method) || isApiRequest(ctx.request)) return;
    const body: unknown = ctx.body;
    if (typeof body !== "object" || body === null || Array.isArray(body)) ctx.body = {};
  });
