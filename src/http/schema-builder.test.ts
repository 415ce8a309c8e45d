import { expect, test } from "bun:test";
import { Value } from "@sinclair/typebox/value";
import { t as elysiaT } from "elysia";
import { t } from "./schema-builder.ts";

const OPTIONS = [undefined, { minimum: 1 }, { minimum: 1, maximum: 10, multipleOf: 1, default: 3, description: "n" }];
const INPUTS: unknown[] = [1, 0, -3, 1.5, 11, 1e20, "5", "1.5", "11", "abc", "", "0x10", null, true];

/** What decoding gives: the value, or the error's class, message and problems. */
function decoded(schema: Parameters<typeof Value.Decode>[0], value: unknown): unknown {
  try {
    return { ok: Value.Decode(schema, value) };
  } catch (error) {
    const e = error as Error & { all?: unknown };
    return { error: e.constructor.name, message: e.message, all: e.all ?? null };
  }
}

test("t.Integer and t.Numeric make Elysia's schemas and decode like them (their check is only compiled later)", () => {
  for (const kind of ["Integer", "Numeric"] as const) {
    for (const options of OPTIONS) {
      const ours = t[kind](options);
      const elysias = elysiaT[kind](options);
      expect(JSON.stringify(ours)).toBe(JSON.stringify(elysias));
      for (const input of INPUTS) expect([kind, options, input, decoded(ours, input)]).toEqual([kind, options, input, decoded(elysias, input)]);
    }
  }
});
