/**
 * Promo codes: a percent or a fixed amount off, optionally only between two dates, only a number of
 * times and only for some services. The salon picks and advertises the code, so it is kept as typed
 * (upper case) and listed to staff; for clients it is a bearer secret like a certificate. A use is
 * counted inside the booking's write transaction, so the last use cannot be taken twice.
 */
import { and, asc, count, eq, inArray, ne } from "drizzle-orm";
import type { Actor } from "../account/permissions.ts";
import { recordAudit } from "../audit/audit.ts";
import { bookings } from "../booking/schema.ts";
import { checkServicesExist } from "../catalogue/references.ts";
import type { Database, Reader, Tx } from "../db/database.ts";
import { AppError } from "../error/app-error.ts";
import type { Promo } from "../pricing/pricing.ts";
import type { Clock } from "../time/clock.ts";
import { promoCodes, promoUses } from "./schema.ts";

export type PromoRow = typeof promoCodes.$inferSelect;
export interface PromoWithUses extends PromoRow {
  uses: number;
}

/** Letters, digits, dash and underscore, 3–40: what fits on a flyer and in a URL. */
const CODE = /^[A-Z0-9_-]{3,40}$/;
export const normalizePromoCode = (typed: string): string | null => {
  const code = typed.trim().toUpperCase();
  return CODE.test(code) ? code : null;
};

export interface NewPromo {
  code: string;
  percent: number | null;
  amountMinor: number | null;
  validFrom: number | null;
  validTo: number | null;
  maxUses: number | null;
  serviceIds: number[] | null;
}

export interface PromoDeps {
  db: Database;
  clock: Clock;
}

export async function createPromo(deps: PromoDeps, actor: Actor, input: NewPromo): Promise<PromoWithUses> {
  const now = deps.clock.now();
  return deps.db.write(async (tx) => {
    if (input.serviceIds) await checkServicesExist(tx, input.serviceIds);
    const [taken] = await tx.select({ id: promoCodes.id }).from(promoCodes).where(eq(promoCodes.code, input.code));
    if (taken) throw new AppError("ALREADY_EXISTS", [{ field: "code", key: "promo.code_taken" }]);
    const [row] = await tx.insert(promoCodes).values({ ...input, createdAt: now }).returning();
    await recordAudit(tx, { at: now, actor: actor.label, userId: actor.userId, action: "promo.create", entity: "promo", entityId: row!.id, details: { ...input } });
    return { ...row!, uses: 0 };
  });
}

/** Uses that count: those of visits that were not cancelled. */
async function usesOf(reader: Reader, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await reader
    .select({ id: promoUses.promoId, n: count() })
    .from(promoUses)
    .innerJoin(bookings, eq(bookings.id, promoUses.bookingId))
    .where(and(inArray(promoUses.promoId, ids), ne(bookings.status, "cancelled")))
    .groupBy(promoUses.promoId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

export async function listPromos(reader: Reader): Promise<PromoWithUses[]> {
  const rows = await reader.select().from(promoCodes).orderBy(asc(promoCodes.id));
  const uses = await usesOf(reader, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, uses: uses.get(r.id) ?? 0 }));
}

/** The promo a typed code names, if it applies to this visit now; refused with the reason otherwise. */
export async function promoForVisit(tx: Tx, typed: string, input: { serviceIds: number[]; now: number }): Promise<{ id: number; promo: Promo }> {
  const code = normalizePromoCode(typed);
  const [row] = code === null ? [] : await tx.select().from(promoCodes).where(eq(promoCodes.code, code));
  const refuse = (key: "promo.unknown" | "promo.not_yet" | "promo.expired" | "promo.used_up" | "promo.not_for_services") =>
    new AppError("PROMO_NOT_USABLE", [{ field: "promo_code", key }]);
  if (!row) throw refuse("promo.unknown");
  if (row.validFrom !== null && input.now < row.validFrom) throw refuse("promo.not_yet");
  if (row.validTo !== null && input.now >= row.validTo) throw refuse("promo.expired");
  if (row.serviceIds && !input.serviceIds.some((id) => row.serviceIds!.includes(id))) throw refuse("promo.not_for_services");
  if (row.maxUses !== null && ((await usesOf(tx, [row.id])).get(row.id) ?? 0) >= row.maxUses) throw refuse("promo.used_up");
  const promo: Promo = {
    ...(row.percent !== null ? { percent: row.percent } : { amountMinor: row.amountMinor! }),
    serviceIds: row.serviceIds ? new Set(row.serviceIds) : null,
  };
  return { id: row.id, promo };
}

export async function recordPromoUse(tx: Tx, input: { promoId: number; bookingId: number; now: number }): Promise<void> {
  await tx.insert(promoUses).values({ promoId: input.promoId, bookingId: input.bookingId, createdAt: input.now });
}
