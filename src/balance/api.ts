/**
 * Packages and the client's wallet in the JSON API (DESIGN §5 "Client balance"): package products
 * are catalogue ("catalogue.edit" to define them), selling and moving a client's money is client
 * work ("clients"), a correction is the owner's ("balance.correct"). Thin: parse, call the use-case,
 * answer its JSON.
 */
import { Elysia } from "elysia";
import { t } from "../http/schema-builder.ts";
import { getProfile } from "../business/business.ts";
import { getClient } from "../client/crm.ts";
import { can } from "../account/permissions.ts";
import { AppError } from "../error/app-error.ts";
import { Problems } from "../error/problems.ts";
import { apiDoc, literals } from "../http/openapi.ts";
import { apiActor, idNumber, listBody } from "../http/api-kit.ts";
import { parsePackage } from "../package/input.ts";
import { clientPackageList, createPackage, listPackages, sellPackage } from "../package/package.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import { tenantScope } from "../tenant/scope.ts";
import type { Clock } from "../time/clock.ts";
import { moveWallet, walletBalance, walletHistory, type StaffMovement } from "../wallet/wallet.ts";
import { WALLET_TYPES } from "../wallet/schema.ts";
import { moneyInput, clientPackageJson, clientPackageSchema, listSchema, packageJson, packageSchema, walletSchema, walletTransactionJson, walletTransactionSchema } from "./json.ts";
import { MAX_MONEY, MONEY_METHODS, SALE_METHODS, type MoneyMethod } from "./methods.ts";

const tags = ["Client balance"];
const idParams = t.Object({ slug: t.String(), id: idNumber() });

export const NOTE_MAX = 500;

/** What staff asked for, checked for the fields each kind needs. */
export function staffMovementOf(body: { type: string; amount?: number | undefined; method?: string | undefined; booking_id?: number | undefined; note?: string | null | undefined }): StaffMovement {
  const note = body.note?.trim() || null;
  const method = (MONEY_METHODS as readonly string[]).includes(body.method ?? "") ? (body.method as MoneyMethod) : null;
  const positive = body.amount !== undefined && body.amount > 0 && body.amount <= MAX_MONEY;
  const p = new Problems();
  let move: StaffMovement | null = null;
  switch (body.type) {
    case "deposit":
    case "withdraw":
      if ([p.check(positive, "amount", "balance.amount_invalid"), p.check(method !== null, "method", "balance.method_invalid")].every(Boolean)) {
        move = { type: body.type, amountMinor: body.amount!, method: method!, note };
      }
      break;
    case "payment":
      if ([p.check(positive, "amount", "balance.amount_invalid"), p.check(body.booking_id !== undefined, "booking_id", "wallet.booking_required")].every(Boolean)) {
        move = { type: "payment", amountMinor: body.amount!, bookingId: body.booking_id!, note };
      }
      break;
    case "refund":
      if (p.check(body.booking_id !== undefined, "booking_id", "wallet.booking_required")) move = { type: "refund", bookingId: body.booking_id!, note };
      break;
    case "correction":
      if ([p.check(body.amount !== undefined && body.amount !== 0 && Math.abs(body.amount) <= MAX_MONEY, "amount", "wallet.correction_invalid"), p.check(note !== null, "note", "wallet.reason_required")].every(Boolean)) {
        move = { type: "correction", amountMinor: body.amount!, note: note! };
      }
      break;
    default:
      p.check(false, "type", "wallet.type_invalid");
  }
  p.throwIfAny();
  return move!;
}

export const balanceApi = (tenants: TenantConnections, clock: Clock) =>
  new Elysia({ prefix: "/api/v1/businesses/:slug" })
    .use(tenantScope(tenants))
    .get(
      "/packages",
      async ({ db, headers }) => {
        await apiActor(db, headers.authorization, "clients");
        const rows = await listPackages(db.orm);
        return listBody(rows.map(packageJson), rows.length, { limit: rows.length, offset: 0 });
      },
      { detail: apiDoc({ summary: "Package products (abonements)", tags, auth: "token", ok: { 200: { description: "Every package product", schema: listSchema(packageSchema) } } }) },
    )
    .post(
      "/packages",
      async ({ db, headers, body, set }) => {
        const actor = await apiActor(db, headers.authorization, "catalogue.edit");
        const row = await createPackage({ db, clock }, actor, parsePackage(body));
        set.status = 201;
        return { package: packageJson(row) };
      },
      {
        // ranges are checked after the caller's token (parsePackage), so a stranger learns nothing from a 400
        body: t.Object({
          title: t.String({ maxLength: 120, description: "1–120 characters" }),
          service_ids: t.Array(t.Integer(), { maxItems: 100, description: "The services one visit of the package covers (at least one)" }),
          visits: t.Integer({ description: "1–1000" }),
          price: moneyInput("The price"),
          valid_days: t.Integer({ description: "Valid this many days from the sale, 1–3660" }),
        }),
        detail: apiDoc({ summary: "Define a package product", tags, auth: "token", ok: { 201: { description: "Defined", schema: t.Object({ package: packageSchema }) } } }),
      },
    )
    .get(
      "/clients/:id/packages",
      async ({ db, headers, params }) => {
        await apiActor(db, headers.authorization, "clients");
        await getClient(db.orm, params.id);
        const { timezone } = await getProfile(db);
        const rows = await clientPackageList(db.orm, params.id, clock.now());
        return listBody(rows.map((p) => clientPackageJson(p, timezone)), rows.length, { limit: rows.length, offset: 0 });
      },
      { params: idParams, detail: apiDoc({ summary: "A client's packages with visits left", tags, auth: "token", ok: { 200: { description: "The client's packages, newest first", schema: listSchema(clientPackageSchema) } } }) },
    )
    .post(
      "/clients/:id/packages",
      async ({ db, headers, params, body, set }) => {
        const actor = await apiActor(db, headers.authorization, "clients");
        const sold = await sellPackage({ db, clock }, actor, params.id, { packageId: body.package_id, method: body.method });
        const { timezone } = await getProfile(db);
        const held = (await clientPackageList(db.orm, params.id, clock.now())).find((p) => p.id === sold.id)!;
        set.status = 201;
        return { package: clientPackageJson(held, timezone) };
      },
      {
        params: idParams,
        body: t.Object({ package_id: t.Integer(), method: literals(SALE_METHODS) }),
        detail: apiDoc({ summary: "Sell a package to a client", description: "method wallet pays from the client's wallet (409 INSUFFICIENT_BALANCE when it holds too little).", tags, auth: "token", ok: { 201: { description: "Sold", schema: t.Object({ package: clientPackageSchema }) } }, errors: ["NOT_FOUND", "INSUFFICIENT_BALANCE"] }),
      },
    )
    .get(
      "/clients/:id/wallet",
      async ({ db, headers, params }) => {
        await apiActor(db, headers.authorization, "clients");
        await getClient(db.orm, params.id);
        const { timezone } = await getProfile(db);
        const [balance, rows] = await Promise.all([walletBalance(db.orm, params.id), walletHistory(db.orm, params.id)]);
        return { balance, transactions: rows.map((w) => walletTransactionJson(w, timezone)) };
      },
      { params: idParams, detail: apiDoc({ summary: "A client's wallet: balance and the latest 200 transactions", tags, auth: "token", ok: { 200: { description: "The wallet", schema: walletSchema } }, errors: ["NOT_FOUND"] }) },
    )
    .post(
      "/clients/:id/wallet/transactions",
      async ({ db, headers, params, body, set }) => {
        const actor = await apiActor(db, headers.authorization, "clients");
        const move = staffMovementOf(body);
        if (move.type === "correction" && !can(actor.role, "balance.correct")) throw new AppError("FORBIDDEN", [{ key: "error.forbidden" }]);
        const row = await moveWallet({ db, clock }, actor, params.id, move);
        const { timezone } = await getProfile(db);
        set.status = 201;
        return { transaction: walletTransactionJson(row, timezone), balance: await walletBalance(db.orm, params.id) };
      },
      {
        params: idParams,
        body: t.Object({
          type: literals(WALLET_TYPES),
          amount: t.Optional(moneyInput("Positive, except a correction, which is signed")),
          method: t.Optional(literals(MONEY_METHODS)),
          booking_id: t.Optional(idNumber()),
          note: t.Optional(t.Nullable(t.String({ maxLength: NOTE_MAX }))),
        }),
        detail: apiDoc({
          summary: "Move money in a client's wallet",
          description:
            "deposit {amount, method} · withdraw {amount, method} (409 INSUFFICIENT_BALANCE above the balance) · payment {amount, booking_id} (a visit of this client, once) · " +
            "refund {booking_id} (gives that visit's wallet payment back, once) · correction {amount (signed), note (the reason)} — owner only, audited.",
          tags,
          auth: "token",
          ok: { 201: { description: "Moved; the balance after it", schema: t.Object({ transaction: walletTransactionSchema, balance: t.Integer() }) } },
          errors: ["NOT_FOUND", "INSUFFICIENT_BALANCE"],
        }),
      },
    );
