// The OpenAPI document (issue 18): valid OpenAPI 3.1 as swagger-parser reads it, and true: every
// route's real answers on a seeded salon (status, media type, and shape, with no undocumented
// field) are among those it documents, and every documented success really happens.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import SwaggerParser from "@apidevtools/swagger-parser";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020.js";
import { makeHarness, type Harness } from "../../test/harness.ts";
import { walker, walkSuccesses, type Call, type Walker } from "./testing/api-walk.ts";

type Json = Record<string, any>;
const METHODS = ["get", "put", "post", "patch", "delete"];

let h: Harness;
let doc: Json;
let w: Walker;
const endpoint = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response("ok") });

beforeAll(async () => {
  h = await makeHarness({ env: { ZAPIS_WEBHOOK_ALLOW_PRIVATE: "1" } });
  const res = await h.request("/api/docs/json");
  expect(res.status).toBe(200);
  doc = (await res.json()) as Json;
  w = walker(h);
});
afterAll(() => {
  endpoint.stop(true);
  h.close();
});

const operations = () =>
  Object.entries(doc.paths as Json).flatMap(([path, ops]) => METHODS.filter((m) => m in ops).map((m) => ({ key: `${m.toUpperCase()} ${path}`, path, op: ops[m] as Json })));

/** Answers are held to exactly the documented fields: an object schema with properties gets additionalProperties: false unless it says otherwise. */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (typeof schema !== "object" || schema === null) return schema;
  const out: Json = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, strict(v)]));
  if (out.type === "object" && out.properties && !("additionalProperties" in out)) out.additionalProperties = false;
  return out;
}

describe("the OpenAPI document", () => {
  test("is valid OpenAPI 3.1 (swagger-parser): 0 errors", async () => {
    expect(doc.openapi).toBe("3.1.0");
    await SwaggerParser.validate(structuredClone(doc) as never);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
  });

  test("every operation says who may call it and documents a success with its body", () => {
    const wrong = operations().flatMap(({ key, op }) => {
      const ok = Object.keys(op.responses).filter((s) => s.startsWith("2"));
      const problems: string[] = [];
      if (!Array.isArray(op.security)) problems.push(`${key}: no security`);
      if (ok.length === 0) problems.push(`${key}: no 2xx answer`);
      for (const s of ok) if (s !== "204" && !op.responses[s].content) problems.push(`${key}: ${s} without a schema`);
      for (const [s, r] of Object.entries<Json>(op.responses)) if (!r.description) problems.push(`${key}: ${s} without a description`);
      return problems;
    });
    expect(wrong).toEqual([]);
  });

  test("every real answer is documented, with its shape; every documented success happens", async () => {
    const resolved = (await SwaggerParser.dereference(structuredClone(doc) as never)) as Json;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addFormat("date-time", /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/);
    ajv.addFormat("date", /^\d{4}-\d\d-\d\d$/);
    const validators = new Map<string, ValidateFunction>();
    const check = (call: Call): string | null => {
      const [method, path] = call.op.split(" ") as [string, string];
      const op = resolved.paths[path]?.[method.toLowerCase()] as Json | undefined;
      if (!op) return `${call.op}: not documented at all`;
      const answer = op.responses[String(call.status)] as Json | undefined;
      if (!answer) return `${call.op}: answered ${call.status}, documented ${Object.keys(op.responses).join(",")}: ${JSON.stringify(call.body).slice(0, 200)}`;
      if (!answer.content) return call.body === "" ? null : `${call.op} ${call.status}: a body where none is documented`;
      const media = answer.content[call.mediaType] as Json | undefined;
      if (!media) return `${call.op} ${call.status}: answered ${call.mediaType}, documented ${Object.keys(answer.content).join(",")}`;
      const key = `${call.op} ${call.status} ${call.mediaType}`;
      if (!validators.has(key)) validators.set(key, ajv.compile(strict(media.schema) as Json));
      const validate = validators.get(key)!;
      return validate(call.body) ? null : `${key}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(call.body).slice(0, 300)}`;
    };

    await walkSuccesses(h, w, `http://127.0.0.1:${endpoint.port}/hook`);
    // the errors every operation can give by what it is: unknown salon, no or a bad token, a
    // record that does not exist, a body that is not JSON or names a field nobody knows
    for (const { key, path, op } of operations()) {
      const method = key.split(" ")[0]!;
      const params = { slug: "no-such-salon", id: 999999, token: "x.y.z" };
      if (path.includes("{slug}")) await w.call(method, path, { params, ...(op.requestBody ? { body: {} } : {}) });
      const own = { id: 999999, token: "x.y.z" };
      if ((op.security as Json[]).some((s) => "bearer" in s)) await w.call(method, path, { params: own, auth: "Bearer zap_not-a-token", ...(op.requestBody ? { body: {} } : {}) });
      if (path.includes("{id}")) await w.call(method, path, { params: own, ...(op.requestBody ? { body: {} } : {}) });
      if (op.requestBody) {
        await w.call(method, path, { params: { id: 1, token: "x.y.z" }, raw: { type: "text/plain", text: "hello" } });
        await w.call(method, path, { params: { id: 1, token: "x.y.z" }, body: { zz_unknown_field: 1 } });
      }
    }
    expect(w.calls.map(check).filter((p) => p !== null)).toEqual([]);

    const seen = new Set(w.calls.map((c) => `${c.op} ${c.status}`));
    const neverSeen = operations().flatMap(({ key, op }) =>
      Object.keys(op.responses).filter((s) => s.startsWith("2") && !seen.has(`${key} ${s}`)).map((s) => `${key} ${s}`),
    );
    expect(neverSeen).toEqual([]);

    if (process.env.ZAPIS_PRINT_API_STATUSES) {
      for (const { key, op } of operations()) {
        const real = [...new Set(w.calls.filter((c) => c.op === key).map((c) => c.status))].sort();
        console.log(`| ${key} | ${Object.keys(op.responses).join(", ")} | ${real.join(", ")} |`);
      }
    }
  }, 120_000);
});
