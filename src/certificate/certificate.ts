/**
 * Gift certificates: sold for an amount with an expiry, identified by a random code that is a bearer
 * secret — whoever holds it may spend it — shown once (to staff and on the printable page) and
 * stored only as a SHA-256. Visits draw the balance down through a ledger; a cancelled visit gets
 * its draw back exactly once.
 */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Actor } from "../account/permissions.ts";
import { hashToken } from "../account/api-token.ts";
import { recordAudit } from "../audit/audit.ts";
import type { SaleMethod } from "../balance/methods.ts";
import { clients } from "../client/schema.ts";
import type { Database, Reader, Tx } from "../db/database.ts";
import { AppError, validationError } from "../error/app-error.ts";
import type { Clock } from "../time/clock.ts";
import { appendMovement } from "../wallet/wallet.ts";
import { certificates, certificateTransactions } from "./schema.ts";

export type CertificateRow = typeof certificates.$inferSelect;
export interface HeldCertificate extends CertificateRow {
  balanceMinor: number;
}

// Crockford's base32 without I, L, O, U: nothing to misread when the code is typed from paper.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
// 16 characters × 5 bits = 80 random bits: guessing one among even a million live codes, at the
// public write limit, takes longer than any certificate is valid.
const CODE_LENGTH = 16;

export function newCertificateCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(CODE_LENGTH));
  // 256 is a multiple of 32, so `% 32` keeps every character equally likely
  const chars = Array.from(bytes, (b) => ALPHABET[b % 32]!).join("");
  return chars.match(/.{4}/g)!.join("-");
}

/** What a typed code means: case, spaces and dashes ignored; null when it cannot be a code. */
export function normalizeCertificateCode(typed: string): string | null {
  const plain = typed.toUpperCase().replace(/[\s-]/g, "");
  return plain.length === CODE_LENGTH && [...plain].every((c) => ALPHABET.includes(c)) ? plain : null;
}

const hashOf = (plain: string) => hashToken(`certificate:${plain}`);

export interface CertificateDeps {
  db: Database;
  clock: Clock;
}

export interface NewCertificate {
  amountMinor: number;
  expiresAt: number;
  buyerId: number | null;
  method: SaleMethod;
  note: string | null;
}

/** Sells a certificate; answers it with its plain code — the only time the code exists outside the buyer's hands. */
export async function sellCertificate(deps: CertificateDeps, actor: Actor, input: NewCertificate): Promise<{ certificate: HeldCertificate; code: string }> {
  const now = deps.clock.now();
  if (input.expiresAt <= now) throw validationError([{ field: "expires_at", key: "certificate.expiry_past" }]);
  if (input.method === "wallet" && input.buyerId === null) throw validationError([{ field: "buyer_id", key: "certificate.wallet_needs_buyer" }]);
  const code = newCertificateCode();
  const plain = normalizeCertificateCode(code)!;
  return deps.db.write(async (tx) => {
    if (input.buyerId !== null) {
      const [buyer] = await tx.select({ id: clients.id }).from(clients).where(eq(clients.id, input.buyerId));
      if (!buyer) throw new AppError("NOT_FOUND", [{ field: "buyer_id", key: "client.not_found", params: { id: input.buyerId } }]);
    }
    const [row] = await tx
      .insert(certificates)
      .values({ codeHash: hashOf(plain), codeTail: plain.slice(-4), amountMinor: input.amountMinor, expiresAt: input.expiresAt, buyerId: input.buyerId, method: input.method, note: input.note, soldBy: actor.label, createdAt: now })
      .returning();
    if (input.method === "wallet") {
      await appendMovement(tx, { clientId: input.buyerId!, type: "payment", amountMinor: -input.amountMinor, note: `…${row!.codeTail}`, actor: actor.label, now });
    }
    // the code is a bearer secret: the audit log names the certificate by id and tail only
    await recordAudit(tx, { at: now, actor: actor.label, userId: actor.userId, action: "certificate.sell", entity: "certificate", entityId: row!.id, details: { amount: input.amountMinor, method: input.method, buyer: input.buyerId, tail: row!.codeTail } });
    return { certificate: { ...row!, balanceMinor: row!.amountMinor }, code };
  });
}

async function drawn(reader: Reader, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await reader
    .select({ id: certificateTransactions.certificateId, sum: sql<number>`sum(${certificateTransactions.amountMinor})` })
    .from(certificateTransactions)
    .where(inArray(certificateTransactions.certificateId, ids))
    .groupBy(certificateTransactions.certificateId);
  return new Map(rows.map((r) => [r.id, Number(r.sum)]));
}

async function withBalances(reader: Reader, rows: CertificateRow[]): Promise<HeldCertificate[]> {
  const sums = await drawn(reader, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, balanceMinor: r.amountMinor + (sums.get(r.id) ?? 0) }));
}

export async function listCertificates(reader: Reader, filter: { buyerId?: number } = {}): Promise<HeldCertificate[]> {
  const rows = await reader
    .select()
    .from(certificates)
    .where(filter.buyerId === undefined ? undefined : eq(certificates.buyerId, filter.buyerId))
    .orderBy(desc(certificates.id));
  return withBalances(reader, rows);
}

/**
 * The certificate a typed code names, if it can pay now: unknown, expired and spent codes are
 * refused with CERTIFICATE_NOT_USABLE, each with its own message.
 */
export async function certificateForVisit(tx: Tx, typed: string, now: number): Promise<HeldCertificate> {
  const plain = normalizeCertificateCode(typed);
  const [row] = plain === null ? [] : await tx.select().from(certificates).where(eq(certificates.codeHash, hashOf(plain)));
  const refuse = (key: "certificate.unknown" | "certificate.expired" | "certificate.spent") => new AppError("CERTIFICATE_NOT_USABLE", [{ field: "certificate_code", key }]);
  if (!row) throw refuse("certificate.unknown");
  if (row.expiresAt <= now) throw refuse("certificate.expired");
  const [held] = await withBalances(tx, [row]);
  if (held!.balanceMinor <= 0) throw refuse("certificate.spent");
  return held!;
}

export async function redeemCertificate(tx: Tx, input: { certificateId: number; bookingId: number; amountMinor: number; now: number }): Promise<void> {
  await tx.insert(certificateTransactions).values({ certificateId: input.certificateId, type: "redeem", amountMinor: -input.amountMinor, bookingId: input.bookingId, createdAt: input.now });
}

/** Gives a cancelled visit's draw back to its certificate, once. */
export async function returnCertificateDraw(tx: Tx, input: { bookingId: number; now: number }): Promise<boolean> {
  const rows = await tx.select().from(certificateTransactions).where(eq(certificateTransactions.bookingId, input.bookingId));
  const draw = rows.find((r) => r.type === "redeem");
  if (!draw || rows.some((r) => r.type === "refund")) return false;
  await tx.insert(certificateTransactions).values({ certificateId: draw.certificateId, type: "refund", amountMinor: -draw.amountMinor, bookingId: input.bookingId, createdAt: input.now });
  return true;
}

/** Live certificates' balances: what the salon still owes in services (the report). */
export async function certificateLiability(reader: Reader, now: number): Promise<{ count: number; balanceMinor: number; expiredBalanceMinor: number }> {
  const all = await listCertificates(reader);
  const live = all.filter((c) => c.expiresAt > now && c.balanceMinor > 0);
  const expired = all.filter((c) => c.expiresAt <= now && c.balanceMinor > 0);
  return { count: live.length, balanceMinor: live.reduce((s, c) => s + c.balanceMinor, 0), expiredBalanceMinor: expired.reduce((s, c) => s + c.balanceMinor, 0) };
}

export const certificateOfVisit = async (reader: Reader, bookingId: number) =>
  (await reader.select({ tail: certificates.codeTail }).from(certificateTransactions).innerJoin(certificates, eq(certificates.id, certificateTransactions.certificateId)).where(and(eq(certificateTransactions.bookingId, bookingId), eq(certificateTransactions.type, "redeem"))))[0] ?? null;
