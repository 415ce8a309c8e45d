/**
 * Packages ("abonements"): the salon's products and the ones sold to clients. Visits left are
 * derived from the ledger of uses (visits − Σ delta), never a stored counter, and a visit is taken
 * inside the booking's own write transaction, so two tabs booking the last visit at once get one
 * booking with the package and one clear refusal.
 */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Actor } from "../account/permissions.ts";
import { recordAudit } from "../audit/audit.ts";
import type { SaleMethod } from "../balance/methods.ts";
import { checkServicesExist } from "../catalogue/references.ts";
import { clients } from "../client/schema.ts";
import type { Database, Reader, Tx } from "../db/database.ts";
import { AppError, notFound, validationError } from "../error/app-error.ts";
import type { Clock } from "../time/clock.ts";
import { appendMovement } from "../wallet/wallet.ts";
import { clientPackages, packages, packageUses } from "./schema.ts";

export type PackageRow = typeof packages.$inferSelect;
export type ClientPackageRow = typeof clientPackages.$inferSelect;
export interface HeldPackage extends ClientPackageRow {
  visitsLeft: number;
  expired: boolean;
}

const DAY_MS = 86_400_000;

export interface PackageDeps {
  db: Database;
  clock: Clock;
}

export interface NewPackage {
  title: string;
  serviceIds: number[];
  visits: number;
  priceMinor: number;
  validDays: number;
}

export async function listPackages(reader: Reader): Promise<PackageRow[]> {
  return reader.select().from(packages).orderBy(asc(packages.id));
}

export async function createPackage(deps: PackageDeps, actor: Actor, input: NewPackage): Promise<PackageRow> {
  const now = deps.clock.now();
  return deps.db.write(async (tx) => {
    await checkServicesExist(tx, input.serviceIds);
    const [row] = await tx.insert(packages).values({ ...input, createdAt: now }).returning();
    await recordAudit(tx, { at: now, actor: actor.label, userId: actor.userId, action: "package.create", entity: "package", entityId: row!.id, details: { ...input } });
    return row!;
  });
}

/** Sells a package to a client; paid from the wallet, the wallet movement is in the same transaction. */
export async function sellPackage(deps: PackageDeps, actor: Actor, clientId: number, input: { packageId: number; method: SaleMethod }): Promise<ClientPackageRow> {
  const now = deps.clock.now();
  return deps.db.write(async (tx) => {
    const [product] = await tx.select().from(packages).where(eq(packages.id, input.packageId));
    if (!product) throw new AppError("NOT_FOUND", [{ field: "package_id", key: "package.not_found", params: { id: input.packageId } }]);
    const [client] = await tx.select({ id: clients.id, anonymizedAt: clients.anonymizedAt }).from(clients).where(eq(clients.id, clientId));
    if (!client) throw notFound("client.not_found", { id: clientId });
    if (client.anonymizedAt !== null) throw validationError([{ key: "client.anonymized" }]);
    const [sold] = await tx
      .insert(clientPackages)
      .values({
        clientId,
        packageId: product.id,
        title: product.title,
        serviceIds: product.serviceIds,
        visitsTotal: product.visits,
        priceMinor: product.priceMinor,
        method: input.method,
        soldAt: now,
        expiresAt: now + product.validDays * DAY_MS,
        soldBy: actor.label,
      })
      .returning();
    if (input.method === "wallet" && product.priceMinor > 0) {
      await appendMovement(tx, { clientId, type: "payment", amountMinor: -product.priceMinor, note: product.title, actor: actor.label, now });
    }
    await recordAudit(tx, { at: now, actor: actor.label, userId: actor.userId, action: "package.sell", entity: "client", entityId: clientId, details: { client_package: sold!.id, package: product.id, price: product.priceMinor, method: input.method } });
    return sold!;
  });
}

/** Visits used (net of returns) per sold package. */
export async function usedVisits(reader: Reader, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await reader
    .select({ id: packageUses.clientPackageId, used: sql<number>`sum(${packageUses.delta})` })
    .from(packageUses)
    .where(inArray(packageUses.clientPackageId, ids))
    .groupBy(packageUses.clientPackageId);
  return new Map(rows.map((r) => [r.id, Number(r.used)]));
}

/** A client's packages, newest first, with visits left derived from the uses. */
export async function clientPackageList(reader: Reader, clientId: number, now: number): Promise<HeldPackage[]> {
  const rows = await reader.select().from(clientPackages).where(eq(clientPackages.clientId, clientId)).orderBy(desc(clientPackages.id));
  const used = await usedVisits(reader, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, visitsLeft: r.visitsTotal - (used.get(r.id) ?? 0), expired: r.expiresAt <= now }));
}

/**
 * The package a visit draws on: the asked one, or the client's package for one of these services
 * that runs out soonest. Refused (PACKAGE_NOT_USABLE, saying why) when none is valid at the visit's
 * start with a visit left.
 */
/** The packages that can pay a visit of these services at `startTs`, the one expiring soonest first. */
export function packagesFor(held: readonly HeldPackage[], visit: { serviceIds: readonly number[]; startTs: number }): HeldPackage[] {
  return held
    .filter((p) => p.serviceIds.some((id) => visit.serviceIds.includes(id)) && p.expiresAt > visit.startTs && p.visitsLeft > 0)
    .sort((a, b) => a.expiresAt - b.expiresAt);
}

export async function packageForVisit(tx: Tx, input: { clientId: number; serviceIds: number[]; startTs: number; now: number; packageId: number | null }): Promise<HeldPackage> {
  const held = (await clientPackageList(tx, input.clientId, input.now)).filter((p) => input.packageId === null || p.id === input.packageId);
  const [usable] = packagesFor(held, input);
  if (usable) return usable;
  const covering = held.filter((p) => p.serviceIds.some((id) => input.serviceIds.includes(id)));
  const fresh = covering.filter((p) => p.expiresAt > input.startTs);
  const key = covering.length === 0 ? "package.none" : fresh.length === 0 ? "package.expired" : "package.used_up";
  throw new AppError("PACKAGE_NOT_USABLE", [{ field: "use_package", key }]);
}

export async function usePackageVisit(tx: Tx, input: { clientPackageId: number; bookingId: number; now: number }): Promise<void> {
  await tx.insert(packageUses).values({ clientPackageId: input.clientPackageId, bookingId: input.bookingId, delta: 1, createdAt: input.now });
}

/** Gives back the visit a booking used, once (the unique (booking, delta) index backs this up). */
export async function returnPackageVisit(tx: Tx, input: { bookingId: number; now: number }): Promise<boolean> {
  const uses = await tx.select().from(packageUses).where(eq(packageUses.bookingId, input.bookingId));
  const use = uses.find((u) => u.delta === 1);
  if (!use || uses.some((u) => u.delta === -1)) return false;
  await tx.insert(packageUses).values({ clientPackageId: use.clientPackageId, bookingId: input.bookingId, delta: -1, createdAt: input.now });
  return true;
}

/** The package a visit used and how many visits that package has left now (for the pages). */
export interface PackageOfVisit {
  title: string;
  visitsLeft: number;
  visitsTotal: number;
}

export async function packageOfVisit(reader: Reader, bookingId: number): Promise<PackageOfVisit | null> {
  const [row] = await reader
    .select({ pkg: clientPackages })
    .from(packageUses)
    .innerJoin(clientPackages, eq(clientPackages.id, packageUses.clientPackageId))
    .where(and(eq(packageUses.bookingId, bookingId), eq(packageUses.delta, 1)));
  if (!row) return null;
  const used = await usedVisits(reader, [row.pkg.id]);
  return { title: row.pkg.title, visitsTotal: row.pkg.visitsTotal, visitsLeft: row.pkg.visitsTotal - (used.get(row.pkg.id) ?? 0) };
}
