import { and, asc, count, eq, inArray, ne } from "drizzle-orm";
import type { Database, Reader } from "../db/database.ts";
import { staffLocations } from "../location/schema.ts";
import {
  requirementResources,
  resources,
  serviceCategories,
  serviceRequirements,
  services,
  staffServices,
  type ResourceKind,
} from "./schema.ts";

export type ServiceRow = typeof services.$inferSelect;
export interface CategoryWithServices {
  id: number | null;
  name: string | null;
  services: ServiceRow[];
}

/** Active, online-bookable services grouped by category, in the salon's order; uncategorized last. */
export async function listPublicCatalogue(db: Database): Promise<CategoryWithServices[]> {
  const [categories, rows] = await Promise.all([
    db.orm.select().from(serviceCategories).orderBy(asc(serviceCategories.sortOrder), asc(serviceCategories.id)),
    db.orm
      .select()
      .from(services)
      .where(and(eq(services.active, true), eq(services.bookableOnline, true)))
      .orderBy(asc(services.sortOrder), asc(services.id)),
  ]);
  const groups: CategoryWithServices[] = [...categories.map((c) => ({ id: c.id, name: c.name, services: [] as ServiceRow[] }))];
  const other: CategoryWithServices = { id: null, name: null, services: [] };
  for (const service of rows) {
    (groups.find((g) => g.id === service.categoryId) ?? other).services.push(service);
  }
  return [...groups, other].filter((g) => g.services.length > 0);
}

export interface Slice {
  limit: number;
  offset: number;
}

/** A service with who performs it and the resource sets it needs. */
export interface ServiceView extends ServiceRow {
  staffIds: number[];
  requirements: number[][];
}

const isPublicService = and(eq(services.active, true), eq(services.bookableOnline, true));

/** Services in the salon's order: the public ones, or all of them for the salon's staff. */
export async function listServices(reader: Reader, opts: { all: boolean; slice: Slice }): Promise<{ rows: ServiceView[]; total: number }> {
  const where = opts.all ? undefined : isPublicService;
  const [rows, [counted]] = await Promise.all([
    reader.select().from(services).where(where).orderBy(asc(services.sortOrder), asc(services.id)).limit(opts.slice.limit).offset(opts.slice.offset),
    reader.select({ n: count() }).from(services).where(where),
  ]);
  return { rows: await withPeople(reader, rows), total: counted?.n ?? 0 };
}

export async function getService(reader: Reader, id: number): Promise<ServiceView | null> {
  const rows = await reader.select().from(services).where(eq(services.id, id));
  return (await withPeople(reader, rows))[0] ?? null;
}

async function withPeople(reader: Reader, rows: ServiceRow[]): Promise<ServiceView[]> {
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const [staff, requirements] = await Promise.all([
    reader
      .select({ serviceId: staffServices.serviceId, staffId: staffServices.staffId })
      .from(staffServices)
      .innerJoin(resources, eq(resources.id, staffServices.staffId))
      .where(inArray(staffServices.serviceId, ids))
      .orderBy(asc(resources.sortOrder), asc(resources.id)),
    reader
      .select({ serviceId: serviceRequirements.serviceId, requirementId: serviceRequirements.id, resourceId: requirementResources.resourceId })
      .from(serviceRequirements)
      .innerJoin(requirementResources, eq(requirementResources.requirementId, serviceRequirements.id))
      .where(inArray(serviceRequirements.serviceId, ids))
      .orderBy(asc(serviceRequirements.id), asc(requirementResources.resourceId)),
  ]);
  const staffOf = Map.groupBy(staff, (s) => s.serviceId);
  const setsOf = Map.groupBy(requirements, (r) => r.serviceId);
  return rows.map((row) => ({
    ...row,
    staffIds: (staffOf.get(row.id) ?? []).map((s) => s.staffId),
    requirements: [...Map.groupBy(setsOf.get(row.id) ?? [], (r) => r.requirementId).values()].map((set) => set.map((r) => r.resourceId)),
  }));
}

export type ResourceRow = typeof resources.$inferSelect;

/** A master with the services they perform and the branches they work in. */
export interface StaffView extends ResourceRow {
  serviceIds: number[];
  locationIds: number[];
}

/** Masters who work in a branch, as a condition on resources. */
const staffIn = (reader: Reader, locationId: number) =>
  inArray(resources.id, reader.select({ id: staffLocations.staffId }).from(staffLocations).where(eq(staffLocations.locationId, locationId)));

/** Masters in the salon's order (of one branch when named): the active ones, or all for the salon's staff. */
export async function listStaff(reader: Reader, opts: { all: boolean; slice: Slice; locationId?: number | undefined }): Promise<{ rows: StaffView[]; total: number }> {
  const where = and(eq(resources.kind, "staff"), opts.all ? undefined : eq(resources.active, true), opts.locationId === undefined ? undefined : staffIn(reader, opts.locationId));
  const [rows, [counted]] = await Promise.all([
    reader.select().from(resources).where(where).orderBy(asc(resources.sortOrder), asc(resources.id)).limit(opts.slice.limit).offset(opts.slice.offset),
    reader.select({ n: count() }).from(resources).where(where),
  ]);
  return { rows: await withServices(reader, rows), total: counted?.n ?? 0 };
}

export async function getStaff(reader: Reader, id: number): Promise<StaffView | null> {
  const rows = await reader.select().from(resources).where(and(eq(resources.id, id), eq(resources.kind, "staff")));
  return (await withServices(reader, rows))[0] ?? null;
}

async function withServices(reader: Reader, rows: ResourceRow[]): Promise<StaffView[]> {
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const [links, places] = await Promise.all([
    reader.select().from(staffServices).where(inArray(staffServices.staffId, ids)).orderBy(asc(staffServices.serviceId)),
    reader.select().from(staffLocations).where(inArray(staffLocations.staffId, ids)).orderBy(asc(staffLocations.locationId)),
  ]);
  const servicesOf = Map.groupBy(links, (l) => l.staffId);
  const placesOf = Map.groupBy(places, (l) => l.staffId);
  return rows.map((row) => ({ ...row, serviceIds: (servicesOf.get(row.id) ?? []).map((l) => l.serviceId), locationIds: (placesOf.get(row.id) ?? []).map((l) => l.locationId) }));
}

/** Rooms, equipment and other resources (not masters), optionally of one kind. */
export async function listResources(
  reader: Reader,
  opts: { all: boolean; kind?: Exclude<ResourceKind, "staff"> | undefined; slice: Slice; locationId?: number | undefined },
): Promise<{ rows: ResourceRow[]; total: number }> {
  const where = and(
    opts.kind ? eq(resources.kind, opts.kind) : ne(resources.kind, "staff"),
    opts.all ? undefined : eq(resources.active, true),
    opts.locationId === undefined ? undefined : eq(resources.locationId, opts.locationId),
  );
  const [rows, [counted]] = await Promise.all([
    reader.select().from(resources).where(where).orderBy(asc(resources.sortOrder), asc(resources.id)).limit(opts.slice.limit).offset(opts.slice.offset),
    reader.select({ n: count() }).from(resources).where(where),
  ]);
  return { rows, total: counted?.n ?? 0 };
}

export async function getResource(reader: Reader, id: number): Promise<ResourceRow | null> {
  const [row] = await reader.select().from(resources).where(and(eq(resources.id, id), ne(resources.kind, "staff")));
  return row ?? null;
}

export async function listCategories(reader: Reader) {
  return reader.select().from(serviceCategories).orderBy(asc(serviceCategories.sortOrder), asc(serviceCategories.id));
}

export interface MasterRef {
  id: number;
  name: string;
}

/** Masters who work here now (in one branch when named), in the salon's order: for pickers and filters. */
export function activeMasters(reader: Reader, locationId?: number): Promise<MasterRef[]> {
  return reader
    .select({ id: resources.id, name: resources.name })
    .from(resources)
    .where(and(eq(resources.kind, "staff"), eq(resources.active, true), locationId === undefined ? undefined : staffIn(reader, locationId)))
    .orderBy(asc(resources.sortOrder), asc(resources.id));
}

/** One master (active or not) by id, or null when the id is no master. */
export async function masterRef(reader: Reader, id: number): Promise<MasterRef | null> {
  const [row] = await reader.select({ id: resources.id, name: resources.name }).from(resources).where(and(eq(resources.id, id), eq(resources.kind, "staff")));
  return row ?? null;
}

/** The active services a master performs, in the salon's order. */
export function servicesOfMaster(reader: Reader, staffId: number) {
  return reader
    .select({ id: services.id, title: services.title, durationMinutes: services.durationMinutes })
    .from(services)
    .innerJoin(staffServices, and(eq(staffServices.serviceId, services.id), eq(staffServices.staffId, staffId)))
    .where(eq(services.active, true))
    .orderBy(asc(services.sortOrder), asc(services.id));
}
