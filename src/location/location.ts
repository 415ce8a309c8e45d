/**
 * Branches of one salon (issue 17, DESIGN §5): each with its own name, address, phone, map link and
 * IANA zone, its opening hours (schedules with resource NULL) and holidays (exceptions of the
 * location). Masters work in one or several branches (staff_locations), a room stands in one.
 * While a salon has one location every caller may leave the location out (it is the primary one);
 * once it has two, schedules, exceptions, availability and bookings must name it.
 */
import { and, asc, count, desc, eq, inArray } from "drizzle-orm";
import type { Actor } from "../account/permissions.ts";
import { users } from "../account/schema.ts";
import { recordAudit } from "../audit/audit.ts";
import { recordPublicChange } from "../business/data-version.ts";
import { locations } from "../business/schema.ts";
import { phoneOf } from "../catalogue/staff.ts";
import type { Database, Reader, Tx } from "../db/database.ts";
import { AppError, notFound, validationError } from "../error/app-error.ts";
import { hasValues, Problems } from "../error/problems.ts";
import { schedules } from "../schedule/schema.ts";
import { singleLine } from "../text/single-line.ts";
import type { Clock } from "../time/clock.ts";
import { isValidZone } from "../time/zone.ts";
import { staffLocations, userLocations } from "./schema.ts";

export type LocationRow = typeof locations.$inferSelect;

export interface LocationDeps {
  db: Database;
  clock: Clock;
}

export interface LocationInput {
  name?: string;
  address?: string | null;
  phone?: string | null;
  mapUrl?: string | null;
  timezone?: string;
  sortOrder?: number;
}

const LIMITS = { name: 120, address: 300, mapUrl: 500 } as const;

/**
 * A map link as the salon typed it → the URL the pages link to, or null when it is not one. Only
 * http(s), no user:password part: a page renders it as a plain link (the server never fetches it),
 * so `javascript:` or `data:` must never reach an href.
 */
export function parseMapUrl(raw: string): string | null {
  const text = raw.trim();
  if (text.length === 0 || text.length > LIMITS.mapUrl) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.username || url.password || !url.hostname) return null;
  return url.href;
}

/** Every branch, the primary first. */
export async function listLocations(reader: Reader): Promise<LocationRow[]> {
  return reader.select().from(locations).orderBy(desc(locations.isPrimary), asc(locations.sortOrder), asc(locations.id));
}

export async function getLocation(reader: Reader, id: number): Promise<LocationRow | null> {
  const [row] = await reader.select().from(locations).where(eq(locations.id, id));
  return row ?? null;
}

/**
 * The branch a request is about: the named one (404 when unknown), or — left out — the primary
 * one while the salon has only one. With two or more, leaving it out is a 400 naming the field:
 * guessing a branch would show one city's times to a client of the other.
 */
export async function resolveLocation(reader: Reader, id: number | null | undefined, field = "location_id"): Promise<LocationRow> {
  if (id !== null && id !== undefined) {
    const found = await getLocation(reader, id);
    if (!found) throw notFound("location.not_found", { id });
    return found;
  }
  const rows = await reader.select().from(locations).orderBy(desc(locations.isPrimary), asc(locations.id)).limit(2);
  if (rows.length !== 1) throw validationError([{ field, key: "location.required" }]);
  return rows[0]!;
}

/** How many branches the salon has (pages show branch choices only from two on). */
export async function locationCount(reader: Reader): Promise<number> {
  const [row] = await reader.select({ n: count() }).from(locations);
  return row?.n ?? 0;
}

/**
 * Opening hours a new branch starts with, like a new salon (DESIGN §5): Mon–Sat 10:00–20:00 in its
 * own zone until the owner changes them.
 */
export const DEFAULT_HOURS = [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, startMinutes: 10 * 60, endMinutes: 20 * 60 }));

export async function createLocation(deps: LocationDeps, actor: Actor, input: LocationInput): Promise<number> {
  check(input, true);
  return deps.db.write(async (tx) => {
    const values = await columns(tx, input);
    const [row] = await tx
      .insert(locations)
      .values({ ...values, name: values.name!, timezone: values.timezone!, isPrimary: false, createdAt: deps.clock.now() })
      .returning({ id: locations.id });
    const id = row!.id;
    await tx.insert(schedules).values(DEFAULT_HOURS.map((h) => ({ locationId: id, resourceId: null, ...h })));
    await recordPublicChange(tx, { at: deps.clock.now(), actor: actor.label, userId: actor.userId, action: "location.create", entity: "location", entityId: id, details: { ...input } });
    return id;
  });
}

export async function updateLocation(deps: LocationDeps, actor: Actor, id: number, input: LocationInput): Promise<void> {
  check(input, false);
  await deps.db.write(async (tx) => {
    if (!(await getLocation(tx, id))) throw notFound("location.not_found", { id });
    const values = await columns(tx, input);
    if (hasValues(values)) await tx.update(locations).set(values).where(eq(locations.id, id));
    await recordPublicChange(tx, { at: deps.clock.now(), actor: actor.label, userId: actor.userId, action: "location.update", entity: "location", entityId: id, details: { ...input } });
  });
}

function check(input: LocationInput, creating: boolean): void {
  const p = new Problems();
  if (creating || input.name !== undefined) {
    p.check(singleLine(input.name ?? "").length > 0 && (input.name ?? "").length <= LIMITS.name, "name", "location.name_invalid", { max: LIMITS.name });
  }
  if (input.address) p.check(input.address.length <= LIMITS.address, "address", "location.address_too_long", { max: LIMITS.address });
  if (creating || input.timezone !== undefined) p.check(isValidZone(input.timezone ?? ""), "timezone", "zone.unknown", { zone: input.timezone ?? "" });
  if (input.mapUrl) p.check(parseMapUrl(input.mapUrl) !== null, "map_url", "location.map_url_invalid");
  if (input.sortOrder !== undefined) p.check(Number.isInteger(input.sortOrder) && Math.abs(input.sortOrder) <= 10_000, "sort_order", "error.field_invalid");
  p.throwIfAny();
}

/** The columns a create or patch sets; undefined = left as is, empty text = cleared. */
async function columns(tx: Tx, input: LocationInput) {
  const text = (v: string | null | undefined) => (v === undefined ? undefined : (v && singleLine(v)) || null);
  return {
    name: input.name === undefined ? undefined : singleLine(input.name),
    address: text(input.address),
    phone: await phoneOf(tx, input.phone, "location.phone_invalid"),
    mapUrl: input.mapUrl === undefined ? undefined : input.mapUrl ? parseMapUrl(input.mapUrl) : null,
    timezone: input.timezone,
    sortOrder: input.sortOrder,
  };
}

// ── masters in branches ────────────────────────────────────────────────────────────────────────

/** The branches each of these masters works in. */
export async function locationsOfStaff(reader: Reader, staffIds: number[]): Promise<Map<number, number[]>> {
  if (staffIds.length === 0) return new Map();
  const rows = await reader.select().from(staffLocations).where(inArray(staffLocations.staffId, staffIds)).orderBy(asc(staffLocations.locationId));
  return new Map(Map.groupBy(rows, (r) => r.staffId).entries().map(([id, rs]) => [id, rs.map((r) => r.locationId)]));
}

/** Sets the branches a master works in (at least one: a master nowhere could never be booked). */
export async function setStaffLocations(tx: Tx, staffId: number, locationIds: number[] | undefined): Promise<void> {
  if (locationIds === undefined) return;
  const ids = [...new Set(locationIds)];
  if (ids.length === 0) throw validationError([{ field: "location_ids", key: "location.staff_needs_one" }]);
  await requireLocations(tx, ids, "location_ids");
  await tx.delete(staffLocations).where(eq(staffLocations.staffId, staffId));
  await tx.insert(staffLocations).values(ids.map((locationId) => ({ staffId, locationId })));
}

/** 400 naming `field` when one of these ids is no branch of the salon. */
export async function requireLocations(reader: Reader, ids: number[], field: string): Promise<void> {
  if (ids.length === 0) return;
  const found = await reader.select({ id: locations.id }).from(locations).where(inArray(locations.id, ids));
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length > 0) throw new AppError("VALIDATION_ERROR", [{ field, key: "location.not_found", params: { id: missing.join(", ") } }]);
}

/** Whether a master works in this branch (their hours there can be set, they can be booked there). */
export async function worksIn(reader: Reader, staffId: number, locationId: number): Promise<boolean> {
  const [row] = await reader.select({ id: staffLocations.staffId }).from(staffLocations).where(and(eq(staffLocations.staffId, staffId), eq(staffLocations.locationId, locationId)));
  return row !== undefined;
}

// ── users limited to branches ──────────────────────────────────────────────────────────────────

/** The branches a user is limited to, or null when they may act in every branch (no rows, or no user). */
export async function branchesOfUser(reader: Reader, userId: number | null): Promise<number[] | null> {
  if (userId === null) return null;
  const rows = await reader.select({ id: userLocations.locationId }).from(userLocations).where(eq(userLocations.userId, userId)).orderBy(asc(userLocations.locationId));
  return rows.length === 0 ? null : rows.map((r) => r.id);
}

/** Every user's branch limit (users without one are absent: they see every branch). */
export async function userBranchLimits(reader: Reader): Promise<Map<number, number[]>> {
  const rows = await reader.select().from(userLocations).orderBy(asc(userLocations.locationId));
  return new Map(Map.groupBy(rows, (r) => r.userId).entries().map(([id, rs]) => [id, rs.map((r) => r.locationId)]));
}

/** The owner limits an account to some branches (none: every branch); audited. */
export async function limitUserBranches(deps: LocationDeps, actor: Actor, userId: number, locationIds: number[]): Promise<void> {
  await deps.db.write(async (tx) => {
    const [user] = await tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.id, userId));
    if (!user) throw notFound();
    // an owner sees every branch: a limit could only lock them out of their own salon
    if (user.role === "owner") throw validationError([{ field: "location_ids", key: "location.owner_unlimited" }]);
    await setUserBranches(tx, userId, locationIds);
    await recordAudit(tx, { at: deps.clock.now(), actor: actor.label, userId: actor.userId, action: "user.branches", entity: "user", entityId: userId, details: { location_ids: locationIds } });
  });
}

/** Limits a user to these branches; an empty list lifts the limit (every branch). */
export async function setUserBranches(tx: Tx, userId: number, locationIds: number[]): Promise<void> {
  const ids = [...new Set(locationIds)];
  await requireLocations(tx, ids, "location_ids");
  await tx.delete(userLocations).where(eq(userLocations.userId, userId));
  if (ids.length > 0) await tx.insert(userLocations).values(ids.map((locationId) => ({ userId, locationId })));
}
