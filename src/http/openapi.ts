/**
 * The OpenAPI plumbing (issue 18): what a route puts in its `detail` to document its answers, and
 * the one pass that turns the plugin's output into a valid OpenAPI 3.1 document. How to document a
 * route: docs/api.md.
 *
 * Success answers are documented per route (`apiDoc({ ok })`); error answers are derived here from
 * what the route is, so no route can forget one: a salon path can answer 404 (no such salon) and
 * 503 (disabled), a route that reads a token 401 and 403, one with input 400, one with a body 415;
 * a route names any further codes it gives (`errors`). Every error body has one shape, the one
 * src/http/errors.tsx writes, with the codes of that status listed.
 */
import type { TSchema } from "elysia";
import { t } from "./schema-builder.ts";
import type { DocumentDecoration } from "elysia";
import type { ErrorCode } from "../error/app-error.ts";
import { STATUS_OF } from "./error-table.ts";

/** The body of every API error (src/http/errors.tsx); some codes add fields (SLOT_CONFLICT: conflicting_booking). */
export const errorBody = t.Object(
  {
    code: t.String({ description: "Stable error code" }),
    message: t.String({ description: "Every problem in the reader's language, joined" }),
    messages: t.Array(t.Object({ field: t.Optional(t.String({ description: "The input it is about, e.g. client.phone" })), message: t.String() })),
  },
  { additionalProperties: true },
);

/** Who may call: a Bearer token required, optional (it shows more), or none read at all. */
export type Auth = "token" | "optional" | "none";

export interface Answer {
  description: string;
  /** Absent: no body (204, 303). */
  schema?: TSchema;
  /** Answered as this media type instead of JSON (calendar files, metrics). */
  mediaType?: string;
  example?: unknown;
}

export interface ApiDoc {
  summary: string;
  description?: string;
  tags: string[];
  auth: Auth;
  /** The success answers by status: 200, 201, 204 … */
  ok: Record<number, Answer>;
  /** Error codes beyond those derived from the route's kind (see the header). */
  errors?: ErrorCode[];
  /** A body the route reads itself (parse: "text"), so Elysia cannot document it. */
  body?: TSchema;
  /** An example request body (for Elysia-validated bodies too). */
  bodyExample?: unknown;
}

const ERRORS_KEY = "x-zapis-errors";
// Elysia writes the requestBody of a validated body after `detail`: the example joins it in the post-pass
const EXAMPLE_KEY = "x-zapis-body-example";

/** A route's `detail`: summary, security, success answers, and the extra error codes for the post-pass. */
export function apiDoc(doc: ApiDoc): DocumentDecoration {
  const responses = Object.fromEntries(
    Object.entries(doc.ok).map(([status, a]) => [
      status,
      { description: a.description, ...(a.schema ? { content: { [a.mediaType ?? "application/json"]: { schema: a.schema, ...(a.example === undefined ? {} : { example: a.example }) } } } : {}) },
    ]),
  );
  return {
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    tags: doc.tags,
    security: doc.auth === "token" ? [{ bearer: [] }] : doc.auth === "optional" ? [{}, { bearer: [] }] : [],
    responses,
    ...(doc.body ? { requestBody: { required: true, content: { "application/json": { schema: doc.body } } } } : {}),
    ...(doc.bodyExample === undefined ? {} : { [EXAMPLE_KEY]: doc.bodyExample }),
    ...(doc.errors ? { [ERRORS_KEY]: doc.errors } : {}),
  } as DocumentDecoration;
}

/** `{data:[…], meta:{total, limit, offset}}` of every list. */
export const listOf = (item: TSchema) =>
  t.Object({ data: t.Array(item), meta: t.Object({ total: t.Integer(), limit: t.Integer(), offset: t.Integer() }) });

/** An ISO-8601 instant with the salon's offset ("2027-03-01T10:00:00+03:00"). */
export const instant = (description?: string) => t.String({ format: "date-time", ...(description ? { description } : {}) });
export const nullable = <T extends TSchema>(schema: T) => t.Union([schema, t.Null()]);
/** One of these strings (an enum of the schema modules, e.g. BOOKING_STATUSES). */
export const literals = <T extends string>(values: readonly T[]) => t.Union(values.map((v) => t.Literal(v)));

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * One schema node as 3.1 reads it: `nullable` is 3.0 (the null is already in its anyOf), and a
 * number Elysia also takes as text (its Numeric and Integer: a "numeric"/"integer" string or a
 * number) is documented as that number, an integer when it must be whole.
 */
function plainSchema(node: Json): Json {
  const { nullable: _, ...rest } = node;
  const branches = Array.isArray(rest.anyOf) ? (rest.anyOf as Json[]) : null;
  const isText = (b: Json) => b.type === "string" && (b.format === "numeric" || b.format === "integer");
  if (!branches || branches.length !== 2 || !branches.some(isText)) return rest;
  const { anyOf: __, ...outer } = rest;
  const merged: Json = { ...branches.find((b) => !isText(b)), ...outer };
  if (merged.multipleOf !== 1) return merged;
  const { multipleOf: ___, ...whole } = merged;
  return { ...whole, type: "integer" };
}

type Operation = Json & { parameters?: Array<{ in: string; name: string }>; requestBody?: unknown; security?: Json[]; responses?: Record<string, Json> };

/** The error codes an operation can answer, from what it is plus what it names. */
function errorCodes(path: string, op: Operation): ErrorCode[] {
  const codes = new Set<ErrorCode>((op[ERRORS_KEY] as ErrorCode[] | undefined) ?? []);
  if (path.startsWith("/api/v1/businesses/{slug}")) codes.add("NOT_FOUND").add("TENANT_DISABLED");
  if ((op.security ?? []).some((s) => "bearer" in s)) codes.add("UNAUTHORIZED").add("FORBIDDEN");
  if (op.requestBody || (op.parameters ?? []).some((p) => p.name !== "slug")) codes.add("VALIDATION_ERROR");
  if (op.requestBody) codes.add("UNSUPPORTED_MEDIA_TYPE");
  return [...codes];
}

/**
 * The plugin's document made valid OpenAPI 3.1: version, the bearer scheme, one error schema, the
 * derived error answers, a description on every answer. TypeBox's JSON Schema (`type: "null"`,
 * `const`) is legal in 3.1 as it is.
 */
export function openApi31(spec: Json): Json {
  const doc = JSON.parse(JSON.stringify(spec), (_, value: unknown) => (isObject(value) ? plainSchema(value) : value)) as Json & { paths: Record<string, Record<string, Operation>>; components?: Json };
  doc.openapi = "3.1.0";
  doc.components = {
    ...doc.components,
    securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API token: `zapis tenant token <slug>` or the admin's API tokens page" } },
    schemas: { ...((doc.components?.schemas as Json | undefined) ?? {}), Error: JSON.parse(JSON.stringify(errorBody)) },
  };
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const op of Object.values(ops)) {
      const responses: Record<string, Json> = {};
      for (const [status, answer] of Object.entries(op.responses ?? {})) responses[status] = { description: "", ...answer };
      const byStatus = new Map<number, ErrorCode[]>();
      for (const code of errorCodes(path, op)) byStatus.set(STATUS_OF[code], [...(byStatus.get(STATUS_OF[code]) ?? []), code]);
      for (const [status, codes] of byStatus) {
        responses[String(status)] = {
          description: codes.join(", "),
          content: { "application/json": { schema: { allOf: [{ $ref: "#/components/schemas/Error" }, { properties: { code: { enum: codes } } }] } } },
        };
      }
      op.responses = responses;
      const body = (op.requestBody as { content?: Record<string, Json> } | undefined)?.content?.["application/json"];
      if (body && op[EXAMPLE_KEY] !== undefined) body.example = op[EXAMPLE_KEY];
      delete op[ERRORS_KEY];
      delete op[EXAMPLE_KEY];
    }
  }
  return doc;
}
