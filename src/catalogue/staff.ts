/** Masters and other resources (rooms, equipment): create and change, audited, bumping the data version. */
import { and, eq, ne } from "drizzle-orm";
import type { Actor } from "../account/permissions.ts";
import { business } from "../business/schema.ts";
import { recordPublicChange } from "../business/data-version.ts";
import { normalizePhone } from "../client/phone.ts";
import type { Tx } from "../db/database.ts";
import { AppError } from "../error/app-error.ts";
import { hasValues, Problems } from "../error/problems.ts";
import { requireLocations, setStaffLocations } from "../location/location.ts";
import { checkServicesExist } from "./references.ts";
import { resources, staffServices, type ResourceKind } from "./schema.ts";
import type { CatalogueDeps } from "./services.ts";
import { singleLine } from "../text/single-line.ts";

export interface StaffInput {
  name?: string;
  phone?: string | null;
  position?: string | null;
  photo?: string | null;
  bio?: string | null;
  active?: boolean;
  sortOrder?: number;
  /** Services this master performs (replaces the set). */
  serviceIds?: number[];
  /** Branches this master works in (replaces the set; the primary one when never given). */
  locationIds?: number[] | undefined;
}

export interface ResourceInput {
  name?: string;
  kind?: Exclude<ResourceKind, "staff">;
  active?: boolean;
  sortOrder?: number;
  /** The branch it stands in (the primary one when never given). */
  locationId?: number | undefined;
}

const TEXT_LIMITS = { position: 120, photo: 500, bio: 2000 } as const;

export async function createStaff(deps: CatalogueDeps, actor: Actor, input: StaffInput): Promise<number> {
  checkStaff(input, true);
  return deps.db.write(async (tx) => {
    const phone = await phoneOf(tx, input.phone);
    const [row] = await tx
      .insert(resources)
      .values({ ...staffColumns(input), kind: "staff", name: singleLine(input.name!), phone: phone ?? null, createdAt: deps.clock.now() })
      .returning({ id: resources.id });
    await setServices(tx, row!.id, input.serviceIds);
    await setStaffLocations(tx, row!.id, input.locationIds);
    await finish(tx, deps, actor, "staff.create", "staff", row!.id, input);
    return row!.id;
  });
}

export async function updateStaff(deps: CatalogueDeps, actor: Actor, id: number, input: StaffInput): Promise<void> {
  checkStaff(input, false);
  await deps.db.write(async (tx) => {
    await requireResource(tx, id, "staff");
    const phone = await phoneOf(tx, input.phone);
    const values = { ...staffColumns(input), phone, name: input.name === undefined ? undefined : singleLine(input.name) };
    if (hasValues(values)) await tx.update(resources).set(values).where(eq(resources.id, id));
    await setServices(tx, id, input.serviceIds);
    await setStaffLocations(tx, id, input.locationIds);
    await finish(tx, deps, actor, "staff.update", "staff", id, input);
  });
}

export async function createResource(deps: CatalogueDeps, actor: Actor, input: ResourceInput): Promise<number> {
  checkName(input.name, true, "resource.name_invalid");
  return deps.db.write(async (tx) => {
    if (input.locationId !== undefined) await requireLocations(tx, [input.locationId], "location_id");
    const [row] = await tx
      .insert(resources)
      .values({ kind: input.kind ?? "room", name: singleLine(input.name!), active: input.active ?? true, sortOrder: input.sortOrder ?? 0, locationId: input.locationId ?? null, createdAt: deps.clock.now() })
      .returning({ id: resources.id });
    await finish(tx, deps, actor, "resource.create", "resource", row!.id, input);
    return row!.id;
  });
}

export async function updateResource(deps: CatalogueDeps, actor: Actor, id: number, input: ResourceInput): Promise<void> {
  checkName(input.name, false, "resource.name_invalid");
  await deps.db.write(async (tx) => {
    await requireResource(tx, id, "resource");
    if (input.locationId !== undefined) await requireLocations(tx, [input.locationId], "location_id");
    const values = { kind: input.kind, active: input.active, sortOrder: input.sortOrder, locationId: input.locationId, name: input.name === undefined ? undefined : singleLine(input.name) };
    if (hasValues(values)) await tx.update(resources).set(values).where(eq(resources.id, id));
    await finish(tx, deps, actor, "resource.update", "resource", id, input);
  });
}

/** A master ("staff") or a non-staff resource ("resource") by id, or 404. */
export async function requireResource(tx: Tx, id: number, kind: "staff" | "resource"): Promise<void> {
  const [row] = await tx
    .select({ id: resources.id })
    .from(resources)
    .where(and(eq(resources.id, id), kind === "staff" ? eq(resources.kind, "staff") : ne(resources.kind, "staff")));
  if (!row) throw new AppError("NOT_FOUND", [{ key: kind === "staff" ? "staff.not_found" : "resource.not_found", params: { id } }]);
}

function checkName(name: string | undefined, required: boolean, key: "staff.name_invalid" | "resource.name_invalid", p = new Problems()): Problems {
  if (required || name !== undefined) p.check(singleLine(name ?? "").length > 0 && name!.length <= 120, "name", key);
  p.throwIfAny();
  return p;
}

function checkStaff(input: StaffInput, creating: boolean): void {
  const p = new Problems();
  for (const [field, max] of Object.entries(TEXT_LIMITS) as Array<[keyof typeof TEXT_LIMITS, number]>) {
    const value = input[field];
    if (value) p.check(value.length <= max, field, "staff.text_too_long", { max });
  }
  checkName(input.name, creating, "staff.name_invalid", p);
}

function staffColumns({ position, photo, bio, active, sortOrder }: StaffInput) {
  return { position: typeof position === "string" ? singleLine(position) : position, photo, bio, active, sortOrder };
}

/** The phone in E.164 read in the salon's country; undefined when not given, null to clear it. */
export async function phoneOf(tx: Tx, raw: string | null | undefined, invalid: "staff.phone_invalid" | "location.phone_invalid" = "staff.phone_invalid"): Promise<string | null | undefined> {
  if (raw === undefined || raw === null || raw.trim() === "") return raw === undefined ? undefined : null;
  const [salon] = await tx.select({ country: business.country }).from(business).where(eq(business.id, 1));
  const phone = normalizePhone(raw, salon?.country ?? "RU");
  if (!phone) throw new AppError("VALIDATION_ERROR", [{ field: "phone", key: invalid }]);
  return phone;
}

async function setServices(tx: Tx, staffId: number, serviceIds: number[] | undefined): Promise<void> {
  if (!serviceIds) return;
  await checkServicesExist(tx, serviceIds);
  await tx.delete(staffServices).where(eq(staffServices.staffId, staffId));
  const ids = [...new Set(serviceIds)];
  if (ids.length > 0) await tx.insert(staffServices).values(ids.map((serviceId) => ({ staffId, serviceId })));
}

async function finish(tx: Tx, deps: CatalogueDeps, actor: Actor, action: string, entity: string, id: number, input: object): Promise<void> {
  await recordPublicChange(tx, { at: deps.clock.now(), actor: actor.label, userId: actor.userId, action, entity, entityId: id, details: { ...input } });
}
