/**
 * Gift certificates and promo codes in the JSON API (DESIGN §5): both are codes a client brings to
 * POST /bookings (certificate_code, promo_code). Selling a certificate is client work ("clients");
 * promo codes are the salon's offers ("catalogue.edit" to make one). A certificate's code appears
 * once, in the answer to its sale.
 */
import { Elysia, t } from "elysia";
import { getProfile } from "../business/business.ts";
import { listCertificates, sellCertificate } from "../certificate/certificate.ts";
import { validationError } from "../error/app-error.ts";
import { apiActor, idNumber, listBody } from "../http/api-kit.ts";
import { parsePromo } from "../promo/input.ts";
import { createPromo, listPromos } from "../promo/promo.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import { tenantScope } from "../tenant/scope.ts";
import type { Clock } from "../time/clock.ts";
import { rangeBound } from "../time/zone.ts";
import { NOTE_MAX } from "./api.ts";
import { certificateJson, certificateSchema, listSchema, moneyInput, promoJson, promoSchema } from "./json.ts";
import { SALE_METHODS } from "./methods.ts";

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
      { response: listSchema(certificateSchema), detail: { summary: "Gift certificates with their balances (codes are never listed)", tags } },
    )
    .post(
      "/certificates",
      async ({ db, headers, body, set }) => {
        const actor = await apiActor(db, headers.authorization, "clients");
        const { timezone } = await getProfile(db);
        const expiresAt = rangeBound(body.expires_at, timezone, "to");
        if (expiresAt === null) throw validationError([{ field: "expires_at", key: "error.range_bound_invalid" }]);
        const sold = await sellCertificate({ db, clock }, actor, { amountMinor: body.amount, expiresAt, buyerId: body.buyer_id ?? null, method: body.method ?? "cash", note: body.note?.trim() || null });
        set.status = 201;
        set.headers["cache-control"] = "no-store";
        return { certificate: { ...certificateJson(sold.certificate, timezone), code: sold.code } };
      },
      {
        body: t.Object({
          amount: moneyInput("The certificate's value"),
          expires_at: dateOrInstant("Valid until (a date: to the end of that day)"),
          buyer_id: t.Optional(idNumber({ description: "The client who bought it (needed to pay from their wallet)" })),
          method: t.Optional(t.Union(SALE_METHODS.map((m) => t.Literal(m)), { description: "How it was paid; cash when absent" })),
          note: t.Optional(t.Nullable(t.String({ maxLength: NOTE_MAX }))),
        }),
        response: { 201: t.Object({ certificate: certificateSchema }) },
        detail: { summary: "Sell a gift certificate", description: "The answer carries the code — the only time it is shown. Store or print it now.", tags },
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
      { response: listSchema(promoSchema), detail: { summary: "Promo codes with their uses", tags } },
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
        response: { 201: t.Object({ promo_code: promoSchema }) },
        detail: { summary: "Create a promo code", description: "percent XOR amount. A code past its dates or limit is refused at booking with 409 PROMO_NOT_USABLE.", tags },
      },
    );
