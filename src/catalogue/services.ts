/** Services (услуги): create, change, remove — each write audited and bumping the data version. */
import { eq } from "drizzle-orm";
import type { Actor } from "../account/permissions.ts";
import { bookingServices, holdOccupancy } from "../booking/schema.ts";
import { recordPublicChange } from "../business/data-version.ts";
import type { Database, Tx } from "../db/database.ts";
import { notFound } from "../error/app-error.ts";
import { hasValues, Problems } from "../error/problems.ts";
import type { Clock } from "../time/clock.ts";
import { checkIdsExist, requireCategory } from "./references.ts";
import { requirementResources, serviceCategories, serviceRequirements, services, staffServices } from "./schema.ts";
import { singleLine } from "../text/single-line.ts";
import { checkServicePrepayment, prepaymentColumns } from "../payment/service-prepayment.ts";

export interface CatalogueDeps {
  db: Database;
  clock: Clock;
}

/** Fields of a service as the API and the admin pages give them; all optional on change. */
export interface ServiceInput {
  title?: string;
  description?: string | null;
  categoryId?: number | null;
  /** A category by name, created when new. */
  categoryName?: string;
  durationMinutes?: number;
  priceMinor?: number;
  priceMaxMinor?: number | null;
  bufferBeforeMinutes?: number;
  bufferAfterMinutes?: number;
  capacity?: number;
  bookableOnline?: boolean;
  /** false: rooms/equipment only, no master. */
  staffRequired?: boolean;
  active?: boolean;
  sortOrder?: number;
  color?: string | null;
  /** Masters who perform it (replaces the set). */
  staffIds?: number[];
  /** Resource sets it needs one of each (replaces them). */
  requirements?: number[][];
  /** issue 13: its own prepayment over the salon's (null: the salon's). */
  prepayment?: { mode: string; value?: number | undefined } | null;
}

export const MAX_DURATION_MINUTES = 1440;
export const MAX_BUFFER_MINUTES = 240;
const COLOR = /^#[0-9a-fA-F]{6}$/;

export async function createService(deps: CatalogueDeps, actor: Actor, input: ServiceInput): Promise<number> {
  checkService(input, true);
  return deps.db.write(async (tx) => {
    const categoryId = await categoryFor(tx, input);
    const [row] = await tx
      .insert(services)
      .values({ ...columns(input), title: singleLine(input.title!), durationMinutes: input.durationMinutes!, categoryId, createdAt: deps.clock.now() })
      .returning({ id: services.id });
    await setPeople(tx, row!.id, input);
    await finish(tx, deps, actor, "service.create", row!.id, input);
    return row!.id;
  });
}

export async function updateService(deps: CatalogueDeps, actor: Actor, id: number, input: ServiceInput): Promise<void> {
  checkService(input, false);
  await deps.db.write(async (tx) => {
    const [current] = await tx.select().from(services).where(eq(services.id, id));
    if (!current) throw notFound("service.not_found", { id });
    const priceMinor = input.priceMinor ?? current.priceMinor;
    const priceMaxMinor = input.priceMaxMinor === undefined ? current.priceMaxMinor : input.priceMaxMinor;
    const problems = new Problems();
    problems.check(priceMaxMinor === null || priceMaxMinor >= priceMinor, "price_max", "service.price_range_invalid");
    problems.throwIfAny();
    const categoryId = await categoryFor(tx, input);
    const values = { ...columns(input), categoryId, title: input.title === undefined ? undefined : singleLine(input.title) };
    if (hasValues(values)) await tx.update(services).set(values).where(eq(services.id, id));
    await setPeople(tx, id, input);
    await finish(tx, deps, actor, "service.update", id, input);
  });
}

/**
 * Removes a service. One that bookings (or live holds) refer to is deactivated instead, so their
 * history keeps its service; returns what happened.
 */
export async function removeService(deps: CatalogueDeps, actor: Actor, id: number): Promise<"deleted" | "deactivated"> {
  return deps.db.write(async (tx) => {
    const [current] = await tx.select({ id: services.id }).from(services).where(eq(services.id, id));
    if (!current) throw notFound("service.not_found", { id });
    const [booked] = await tx.select({ id: bookingServices.id }).from(bookingServices).where(eq(bookingServices.serviceId, id)).limit(1);
    const [held] = await tx.select({ id: holdOccupancy.holdId }).from(holdOccupancy).where(eq(holdOccupancy.serviceId, id)).limit(1);
    const outcome = booked || held ? "deactivated" : "deleted";
    if (outcome === "deleted") await tx.delete(services).where(eq(services.id, id));
    else await tx.update(services).set({ active: false }).where(eq(services.id, id));
    await finish(tx, deps, actor, `service.${outcome === "deleted" ? "delete" : "deactivate"}`, id, {});
    return outcome;
  });
}

function checkService(input: ServiceInput, creating: boolean): void {
  const p = new Problems();
  const given = <K extends keyof ServiceInput>(k: K) => creating || input[k] !== undefined;
  if (given("title")) p.check(singleLine(input.title ?? "").length > 0 && input.title!.length <= 200, "title", "service.title_invalid");
  if (given("durationMinutes")) {
    const d = input.durationMinutes;
    p.check(d !== undefined && Number.isInteger(d) && d > 0 && d <= MAX_DURATION_MINUTES, "duration_minutes", "service.duration_invalid", { max: MAX_DURATION_MINUTES });
  }
  if (input.priceMinor !== undefined) p.check(Number.isInteger(input.priceMinor) && input.priceMinor >= 0, "price", "service.price_invalid");
  if (input.priceMaxMinor !== undefined && input.priceMaxMinor !== null && creating) {
    p.check(input.priceMaxMinor >= (input.priceMinor ?? 0), "price_max", "service.price_range_invalid");
  }
  for (const [key, field] of [["bufferBeforeMinutes", "buffer_before"], ["bufferAfterMinutes", "buffer_after"]] as const) {
    const b = input[key];
    if (b !== undefined) p.check(Number.isInteger(b) && b >= 0 && b <= MAX_BUFFER_MINUTES, field, "service.buffer_invalid", { max: MAX_BUFFER_MINUTES });
  }
  if (input.capacity !== undefined) p.check(Number.isInteger(input.capacity) && input.capacity >= 1 && input.capacity <= 1000, "capacity", "service.capacity_invalid");
  if (input.color) p.check(COLOR.test(input.color), "color", "service.color_invalid");
  if (input.categoryName !== undefined) p.check(singleLine(input.categoryName).length > 0 && input.categoryName.length <= 100, "category", "category.name_invalid");
  (input.requirements ?? []).forEach((set, i) => p.check(set.length > 0, `requirements.${i}.resource_ids`, "service.requirement_empty"));
  if (input.prepayment) checkServicePrepayment(p, input.prepayment); // issue 13
  p.throwIfAny();
}

/** The plain columns of `input` (undefined ones are left out by drizzle). */
function columns(input: ServiceInput) {
  const { description, durationMinutes, priceMinor, priceMaxMinor, bufferBeforeMinutes, bufferAfterMinutes, capacity, bookableOnline, staffRequired, active, sortOrder, color } = input;
  return { description, durationMinutes, priceMinor, priceMaxMinor, bufferBeforeMinutes, bufferAfterMinutes, capacity, bookableOnline, staffRequired, active, sortOrder, color, ...prepaymentColumns(input.prepayment) };
}

/** The category to store: by id (must exist), by name (found or created), or unchanged (undefined). */
async function categoryFor(tx: Tx, input: ServiceInput): Promise<number | null | undefined> {
  if (input.categoryName !== undefined) {
    const name = singleLine(input.categoryName);
    const [found] = await tx.select({ id: serviceCategories.id }).from(serviceCategories).where(eq(serviceCategories.name, name));
    if (found) return found.id;
    const [created] = await tx.insert(serviceCategories).values({ name }).returning({ id: serviceCategories.id });
    return created!.id;
  }
  if (input.categoryId === undefined || input.categoryId === null) return input.categoryId;
  await requireCategory(tx, input.categoryId);
  return input.categoryId;
}

/** Replaces who performs the service and what it needs, when given. */
async function setPeople(tx: Tx, serviceId: number, input: ServiceInput): Promise<void> {
  if (input.staffIds) {
    await checkIdsExist(tx, "staff", input.staffIds, "staff_ids");
    await tx.delete(staffServices).where(eq(staffServices.serviceId, serviceId));
    const staffIds = [...new Set(input.staffIds)];
    if (staffIds.length > 0) await tx.insert(staffServices).values(staffIds.map((staffId) => ({ staffId, serviceId })));
  }
  if (input.requirements) {
    await checkIdsExist(tx, "resource", input.requirements.flat(), "requirements");
    await tx.delete(serviceRequirements).where(eq(serviceRequirements.serviceId, serviceId));
    for (const set of input.requirements) {
      const [req] = await tx.insert(serviceRequirements).values({ serviceId }).returning({ id: serviceRequirements.id });
      await tx.insert(requirementResources).values([...new Set(set)].map((resourceId) => ({ requirementId: req!.id, resourceId })));
    }
  }
}

async function finish(tx: Tx, deps: CatalogueDeps, actor: Actor, action: string, id: number, input: ServiceInput): Promise<void> {
  await recordPublicChange(tx, { at: deps.clock.now(), actor: actor.label, userId: actor.userId, action, entity: "service", entityId: id, details: { ...input } });
}
