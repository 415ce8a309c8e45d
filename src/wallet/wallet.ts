/**
 * The client's wallet: an append-only ledger of signed movements whose sum is the balance. Every
 * movement is ONE write transaction that reads the balance and appends the row inside it, so two
 * spends can never both see the same money (the per-tenant write queue in this process, BEGIN
 * IMMEDIATE across processes): the balance never goes below zero.
 */
import { bookingMoney } from "../payment/ledger.ts";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Actor } from "../account/permissions.ts";
import { recordAudit } from "../audit/audit.ts";
import type { MoneyMethod } from "../balance/methods.ts";
import { bookingPriceLines } from "../balance/schema.ts";
import { bookings } from "../booking/schema.ts";
import { clients } from "../client/schema.ts";
import type { Database, Reader, Tx } from "../db/database.ts";
import { AppError, notFound, validationError } from "../error/app-error.ts";
import type { Clock } from "../time/clock.ts";
import { walletTransactions, type WalletType } from "./schema.ts";

export type WalletRow = typeof walletTransactions.$inferSelect;

export async function walletBalance(reader: Reader, clientId: number): Promise<number> {
  const [row] = await reader
    .select({ balance: sql<number>`coalesce(sum(${walletTransactions.amountMinor}), 0)` })
    .from(walletTransactions)
    .where(eq(walletTransactions.clientId, clientId));
  return Number(row?.balance ?? 0);
}

export async function walletHistory(reader: Reader, clientId: number, limit = 200): Promise<WalletRow[]> {
  return reader.select().from(walletTransactions).where(eq(walletTransactions.clientId, clientId)).orderBy(desc(walletTransactions.id)).limit(limit);
}

export interface Movement {
  clientId: number;
  type: WalletType;
  /** Signed: + into the wallet, − out of it. */
  amountMinor: number;
  bookingId?: number | null;
  method?: MoneyMethod | null;
  note?: string | null;
  actor: string;
  now: number;
}

/** Appends one movement inside the caller's write transaction; a spend above the balance is refused. */
export async function appendMovement(tx: Tx, m: Movement): Promise<WalletRow> {
  if (!Number.isSafeInteger(m.amountMinor) || m.amountMinor === 0) throw new RangeError(`wallet amount must be a non-zero integer: ${m.amountMinor}`);
  if (m.amountMinor < 0) {
    const balance = await walletBalance(tx, m.clientId);
    if (balance + m.amountMinor < 0) {
      throw new AppError("INSUFFICIENT_BALANCE", [{ field: "amount", key: "wallet.insufficient", params: { balance } }], { balance });
    }
  }
  const [row] = await tx
    .insert(walletTransactions)
    .values({ clientId: m.clientId, type: m.type, amountMinor: m.amountMinor, bookingId: m.bookingId ?? null, method: m.method ?? null, note: m.note ?? null, actor: m.actor, createdAt: m.now })
    .returning();
  return row!;
}

/** What staff ask for: money in, money out, a visit paid from the wallet, that payment back, or a correction. */
export type StaffMovement =
  | { type: "deposit"; amountMinor: number; method: MoneyMethod; note: string | null }
  | { type: "withdraw"; amountMinor: number; method: MoneyMethod; note: string | null }
  | { type: "payment"; amountMinor: number; bookingId: number; note: string | null }
  | { type: "refund"; bookingId: number; note: string | null }
  | { type: "correction"; amountMinor: number; note: string };

export interface WalletDeps {
  db: Database;
  clock: Clock;
}

/** A movement made by staff (admin page or API), audited with who, why and how much. */
export async function moveWallet(deps: WalletDeps, actor: Actor, clientId: number, move: StaffMovement): Promise<WalletRow> {
  const now = deps.clock.now();
  return deps.db.write(async (tx) => {
    await liveClient(tx, clientId);
    const base = { clientId, actor: actor.label, now, note: move.note };
    let row: WalletRow;
    switch (move.type) {
      case "deposit":
        row = await appendMovement(tx, { ...base, type: "deposit", amountMinor: move.amountMinor, method: move.method });
        break;
      case "withdraw":
        row = await appendMovement(tx, { ...base, type: "withdraw", amountMinor: -move.amountMinor, method: move.method });
        break;
      case "payment": {
        const visit = await visitOf(tx, move.bookingId, clientId);
        if (visit.status === "cancelled") throw validationError([{ field: "booking_id", key: "wallet.visit_cancelled" }]);
        if (await visitMovement(tx, move.bookingId, "payment")) throw validationError([{ field: "booking_id", key: "wallet.visit_paid" }]);
        // the wallet pays at most what is still due (cash, card and online payments counted), and the
        // payment becomes the visit's "wallet" line like one made when booking
        const { dueMinor: due } = await bookingMoney(tx, visit);
        if (move.amountMinor > due) throw validationError([{ field: "amount", key: "wallet.above_due", params: { due } }]);
        const lines = await tx.select({ id: bookingPriceLines.bookingId }).from(bookingPriceLines).where(eq(bookingPriceLines.bookingId, move.bookingId));
        row = await appendMovement(tx, { ...base, type: "payment", amountMinor: -move.amountMinor, bookingId: move.bookingId });
        await tx.insert(bookingPriceLines).values({ bookingId: move.bookingId, position: lines.length, kind: "wallet", amountMinor: move.amountMinor });
        break;
      }
      case "refund": {
        await visitOf(tx, move.bookingId, clientId);
        const refunded = await refundVisitPayment(tx, { bookingId: move.bookingId, actor: actor.label, now, note: move.note });
        if (!refunded) throw validationError([{ field: "booking_id", key: "wallet.nothing_to_refund" }]);
        row = refunded;
        break;
      }
      case "correction":
        row = await appendMovement(tx, { ...base, type: "correction", amountMinor: move.amountMinor });
        break;
    }
    await recordAudit(tx, {
      at: now,
      actor: actor.label,
      userId: actor.userId,
      action: `wallet.${move.type}`,
      entity: "client",
      entityId: clientId,
      details: { transaction: row.id, amount: row.amountMinor, booking: row.bookingId, note: row.note },
    });
    return row;
  });
}

/**
 * Gives a visit's wallet payment back to the wallet, once: the unique (booking, refund) index makes
 * a second return impossible, and this answers null when there is nothing (left) to return.
 */
export async function refundVisitPayment(tx: Tx, input: { bookingId: number; actor: string; now: number; note?: string | null }): Promise<WalletRow | null> {
  const paid = await visitMovement(tx, input.bookingId, "payment");
  if (!paid || (await visitMovement(tx, input.bookingId, "refund"))) return null;
  return appendMovement(tx, { clientId: paid.clientId, type: "refund", amountMinor: -paid.amountMinor, bookingId: input.bookingId, note: input.note ?? null, actor: input.actor, now: input.now });
}

async function visitMovement(tx: Tx, bookingId: number, type: "payment" | "refund"): Promise<WalletRow | null> {
  const [row] = await tx.select().from(walletTransactions).where(and(eq(walletTransactions.bookingId, bookingId), eq(walletTransactions.type, type)));
  return row ?? null;
}

async function liveClient(tx: Tx, clientId: number): Promise<void> {
  const [row] = await tx.select({ anonymizedAt: clients.anonymizedAt }).from(clients).where(eq(clients.id, clientId));
  if (!row) throw notFound("client.not_found", { id: clientId });
  if (row.anonymizedAt !== null) throw validationError([{ key: "client.anonymized" }]);
}

async function visitOf(tx: Tx, bookingId: number, clientId: number) {
  const [row] = await tx.select().from(bookings).where(eq(bookings.id, bookingId));
  // another client's visit is "not found" here: a wallet pays only for its owner's visits
  if (!row || row.clientId !== clientId) throw new AppError("NOT_FOUND", [{ field: "booking_id", key: "booking.not_found", params: { id: bookingId } }]);
  return row;
}
