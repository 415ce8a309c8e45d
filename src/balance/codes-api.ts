/**
 * Gift certificates and promo codes in the JSON API (DESIGN §5): both are codes a client brings to
 * POST /bookings (certificate_code, promo_code). Selling a certificate is client work ("clients");
 * promo codes are the salon's offers ("catalogue.edit" to make one). A certificate's code appears
 * once, in the answer to its sale.
 */
import { Elysia } from "elysia";
import { t } from "../http/schema-builder.ts";
import { getProfile } from "../business/business.ts";
import { listCertificates, sellCertificate } from "../certificate/certificate.ts";
import { apiDoc } from "../http/openapi.ts";
import { Problems } from "../error/problems.ts";
import { apiActor, idNumber, listBody } from "../http/api-kit.ts";
import { parsePromo } from "../promo/input.ts";
import { createPromo, listPromos } from "../promo/promo.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import { tenantScope } from "../tenant/scope.ts";
import type { Clock } from "../time/clock.ts";
import { rangeBound } from "../time/zone.ts";
import { NOTE_MAX } from "./api.ts";
import { certificateJson, certificateSchema, listSchema, moneyInput, promoJson, promoSchema } from "./json.ts";
import { MAX_MONEY, SALE_METHODS } from "./methods.ts";

const tags = ["Client balance"];
const dateOrInstant = (description: string) => t.String({ maxLength: 40, description: `${description}: a salon-local date YYYY-MM-DD or an ISO-8601 instant` });

export const codesApi = (tenants: TenantConnections, clock: Clock) =>
  new Elysia({ prefix: "/api/v1/businesses/:slug" })
    .use(tenantScope(tenants))
    .get(
      "/certificates",
      async ({ db, headers }) => {
        await apiActor(db, headers.authorization, "clients");
        const { timezone } = await getProfile(db);
        const rows = await listCertificates(db.orm);
        return listBody(rows.map((c) => certificateJson(c, timezone)), rows.length, { limit: rows.length, offset: 0 });
      },
      { detail: apiDoc({ summary: "Gift certificates with their balances (codes are never listed)", tags, auth: "token", ok: { 200: { description: "Every certificate", schema: listSchema(certificateSchema) } } }) },
    )
    .post(
      "/certificates",
      async ({ db, headers, body, set }) => {
        const actor = await apiActor(db, headers.authorization, "clients");
        const { timezone } = await getProfile(db);
        const expiresAt = rangeBound(body.expires_at, timezone, "to");
        const p = new Problems();
        p.check(body.amount > 0 && body.amount <= MAX_MONEY, "amount", "balance.amount_invalid");
        p.check(expiresAt !== null, "expires_at", "error.range_bound_invalid");
        p.throwIfAny();
        const sold = await sellCertificate({ db, clock }, actor, { amountMinor: body.amount, expiresAt: expiresAt!, buyerId: body.buyer_id ?? null, method: body.method ?? "cash", note: body.note?.trim() || null });
        set.status = 201;
        set.headers["cache-control"] = "no-store";
        return { certificate: { ...certificateJson(sold.certificate, timezone), code: sold.code } };
      },
      {
        body: t.Object({
          amount: moneyInput("The certificate's value"),
          expires_at: dateOrInstant("Valid until (a date: to the end of that day)"),
          buyer_id: t.Optional(t.Integer({ description: "The client who bought it (needed to pay from their wallet)" })),
          method: t.Optional(t.Union(SALE_METHODS.map((m) => t.Literal(m)), { description: "How it was paid; cash when absent" })),
          note: t.Optional(t.Nullable(t.String({ maxLength: NOTE_MAX }))),
        }),
        detail: apiDoc({ summary: "Sell a gift certificate", description: "The answer carries the code — the only time it is shown. Store or print it now.", tags, auth: "token", ok: { 201: { description: "Sold; the code is shown this once", schema: t.Object({ certificate: t.Object({ ...certificateSchema.properties, code: t.String({ description: "The bearer code: shown only in this answer" }) }) }) } } }),
      },
    )
    .get(
      "/promo-codes",
      async ({ db, headers }) => {
        await apiActor(db, headers.authorization, "clients");
        const { timezone } = await getProfile(db);
        const rows = await listPromos(db.orm);
        return listBody(rows.map((p) => promoJson(p, timezone)), rows.length, { limit: rows.length, offset: 0 });
      },
      { detail: apiDoc({ summary: "Promo codes with their uses", tags, auth: "token", ok: { 200: { description: "Every promo code", schema: listSchema(promoSchema) } } }) },
    )
    .post(
      "/promo-codes",
      async ({ db, headers, body, set }) => {
        const actor = await apiActor(db, headers.authorization, "catalogue.edit");
        const { timezone } = await getProfile(db);
        const row = await createPromo({ db, clock }, actor, parsePromo(body, timezone));
        set.status = 201;
        return { promo_code: promoJson(row, timezone) };
      },
      {
        body: t.Object({
          code: t.String({ maxLength: 40, description: "3–40 letters, digits, - or _; kept in upper case, matched ignoring case" }),
          percent: t.Optional(t.Integer({ minimum: 1, maximum: 100 })),
          amount: t.Optional(moneyInput("A fixed amount off (instead of percent)")),
          valid_from: t.Optional(t.Nullable(dateOrInstant("From"))),
          valid_to: t.Optional(t.Nullable(dateOrInstant("Until (a date: to the end of that day)"))),
          max_uses: t.Optional(t.Nullable(t.Integer({ minimum: 1, maximum: 1_000_000 }))),
          service_ids: t.Optional(t.Nullable(t.Array(idNumber(), { maxItems: 100, description: "Only these services; absent: all" }))),
        }),
        detail: apiDoc({ summary: "Create a promo code", description: "percent XOR amount. A code past its dates or limit is refused at booking with 409 PROMO_NOT_USABLE.", tags, auth: "token", ok: { 201: { description: "Created", schema: t.Object({ promo_code: promoSchema }) } }, errors: ["ALREADY_EXISTS"] }),
      },
    );
