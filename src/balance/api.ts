/**
 * Packages and the client's wallet in the JSON API (DESIGN §5 "Client balance"): package products
 * are catalogue ("catalogue.edit" to define them), selling and moving a client's money is client
 * work ("clients"), a correction is the owner's ("balance.correct"). Thin: parse, call the use-case,
 * answer its JSON.
 */
import { Elysia, t } from "elysia";
import { getProfile } from "../business/business.ts";
import { getClient } from "../client/crm.ts";
import { Problems } from "../error/problems.ts";
import { apiActor, idNumber, listBody } from "../http/api-kit.ts";
import { clientPackageList, createPackage, listPackages, sellPackage } from "../package/package.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import { tenantScope } from "../tenant/scope.ts";
import type { Clock } from "../time/clock.ts";
import { moveWallet, walletBalance, walletHistory, type StaffMovement } from "../wallet/wallet.ts";
import { WALLET_TYPES } from "../wallet/schema.ts";
import { MAX_MONEY, moneyInput, clientPackageJson, clientPackageSchema, listSchema, packageJson, packageSchema, walletSchema, walletTransactionJson, walletTransactionSchema } from "./json.ts";
import { MONEY_METHODS, SALE_METHODS, type MoneyMethod } from "./methods.ts";

const tags = ["Client balance"];
const idParams = t.Object({ slug: t.String(), id: idNumber() });
const literals = <T extends string>(values: readonly T[]) => t.Union(values.map((v) => t.Literal(v)));

export const NOTE_MAX = 500;

/** What staff asked for, checked for the fields each kind needs. */
export function staffMovementOf(body: { type: string; amount?: number | undefined; method?: string | undefined; booking_id?: number | undefined; note?: string | null | undefined }): StaffMovement {
  const note = body.note?.trim() || null;
  const method = (MONEY_METHODS as readonly string[]).includes(body.method ?? "") ? (body.method as MoneyMethod) : null;
  const positive = body.amount !== undefined && body.amount > 0;
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
      if ([p.check(body.amount !== undefined && body.amount !== 0, "amount", "wallet.correction_invalid"), p.check(note !== null, "note", "wallet.reason_required")].every(Boolean)) {
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
      { response: listSchema(packageSchema), detail: { summary: "Package products (abonements)", tags } },
    )
    .post(
      "/packages",
      async ({ db, headers, body, set }) => {
        const actor = await apiActor(db, headers.authorization, "catalogue.edit");
        const row = await createPackage({ db, clock }, actor, { title: body.title.trim(), serviceIds: body.service_ids, visits: body.visits, priceMinor: body.price, validDays: body.valid_days });
        set.status = 201;
        return { package: packageJson(row) };
      },
      {
        body: t.Object({
          title: t.String({ minLength: 1, maxLength: 120 }),
          service_ids: t.Array(idNumber(), { minItems: 1, maxItems: 100, description: "The services one visit of the package covers" }),
          visits: t.Integer({ minimum: 1, maximum: 1000 }),
          price: moneyInput("The price", 0),
          valid_days: t.Integer({ minimum: 1, maximum: 3660, description: "Valid this many days from the sale" }),
        }),
        response: { 201: t.Object({ package: packageSchema }) },
        detail: { summary: "Define a package product", tags },
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
      { params: idParams, response: listSchema(clientPackageSchema), detail: { summary: "A client's packages with visits left", tags } },
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
        body: t.Object({ package_id: idNumber(), method: literals(SALE_METHODS) }),
        response: { 201: t.Object({ package: clientPackageSchema }) },
        detail: { summary: "Sell a package to a client", description: "method wallet pays from the client's wallet (409 INSUFFICIENT_BALANCE when it holds too little).", tags },
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
      { params: idParams, response: walletSchema, detail: { summary: "A client's wallet: balance and the latest 200 transactions", tags } },
    )
    .post(
      "/clients/:id/wallet/transactions",
      async ({ db, headers, params, body, set }) => {
        const move = staffMovementOf(body);
        const actor = await apiActor(db, headers.authorization, move.type === "correction" ? "balance.correct" : "clients");
        const row = await moveWallet({ db, clock }, actor, params.id, move);
        const { timezone } = await getProfile(db);
        set.status = 201;
        return { transaction: walletTransactionJson(row, timezone), balance: await walletBalance(db.orm, params.id) };
      },
      {
        params: idParams,
        body: t.Object({
          type: literals(WALLET_TYPES),
          amount: t.Optional(moneyInput("Positive, except a correction, which is signed", -MAX_MONEY)),
          method: t.Optional(literals(MONEY_METHODS)),
          booking_id: t.Optional(idNumber()),
          note: t.Optional(t.Nullable(t.String({ maxLength: NOTE_MAX }))),
        }),
        response: { 201: t.Object({ transaction: walletTransactionSchema, balance: t.Integer() }) },
        detail: {
          summary: "Move money in a client's wallet",
          description:
            "deposit {amount, method} · withdraw {amount, method} (409 INSUFFICIENT_BALANCE above the balance) · payment {amount, booking_id} (a visit of this client, once) · " +
            "refund {booking_id} (gives that visit's wallet payment back, once) · correction {amount (signed), note (the reason)} — owner only, audited.",
          tags,
        },
      },
    );
