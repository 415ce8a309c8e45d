/**
 * `t`, the schema builder every route and JSON shape imports: Elysia's, except that `t.Integer` and
 * `t.Numeric` compile their TypeBox check on the first value they decode instead of when the schema
 * is made. Elysia compiles it at once (a generated function each), and the API makes hundreds of
 * them while the server starts, most for routes a given process never serves: ~20 ms of CPU on
 * every cold start (issue 20). The schemas are the same objects Elysia builds (the OpenAPI document
 * and the validators see no difference), and so are the decoded values and the errors.
 */
import { Type, type IntegerOptions, type NumberOptions, type TInteger, type TNumber } from "@sinclair/typebox";
import { t as elysiaT } from "elysia";
import { compile } from "elysia/type-system/utils";

/** `compile(schema)`, done on the first call. */
function compiledOnUse<T extends Parameters<typeof compile>[0]>(schema: T): () => ReturnType<typeof compile<T>> {
  let compiled: ReturnType<typeof compile<T>> | undefined;
  return () => (compiled ??= compile(schema));
}

/** Elysia's shape for a number that may come as a string (a path or query value): `member`, or a string of `format`. */
const orString = (format: "integer" | "numeric", member: TInteger | TNumber, property: NumberOptions | undefined, decode: (value: string | number) => string | number) =>
  elysiaT
    .Transform(elysiaT.Union([elysiaT.String({ format, default: 0 }), member], property))
    .Decode(decode)
    .Encode((value) => value);

/** Elysia's `t.Integer`. */
const Integer = (property?: IntegerOptions) => {
  const check = compiledOnUse(Type.Integer(property));
  return orString("integer", Type.Integer(property), property, (value) => {
    const number = +value;
    if (!check().Check(number)) throw check().Error(number);
    return number;
  });
};

/** Elysia's `t.Numeric` (a non-numeric string is already refused by the format check). */
const Numeric = (property?: NumberOptions) => {
  const check = compiledOnUse(Type.Number(property));
  return orString("numeric", elysiaT.Number(property), property, (value) => {
    const number = +value;
    if (isNaN(number)) return value;
    if (property && !check().Check(number)) throw check().Error(number);
    return number;
  });
};

// Elysia types both as the plain TypeBox kind (the value a handler receives), not as the transform they are.
export const t: typeof elysiaT = {
  ...elysiaT,
  Integer: Integer as unknown as typeof elysiaT.Integer,
  Numeric: Numeric as unknown as typeof elysiaT.Numeric,
};
