/**
 * Service categories, services and masters, plus the placeholders records need when they name a
 * master or a service the lists no longer hold (deleted in YClients, still in old visits).
 */
import { setStaffLocations } from "../../location/location.ts";
import { eq } from "drizzle-orm";
import { bumpDataVersion } from "../../business/data-version.ts";
import { resources, serviceCategories, services, staffServices } from "../../catalogue/schema.ts";
import { t } from "../../i18n/i18n.ts";
import { readerOf, sync, type Batch, type ImportContext } from "../context.ts";
import type { YcCategory, YcService, YcStaff } from "./model.ts";

/** YClients sorts by weight, heavier first; here sort_order ascends. */
function ranks<T extends { id: string; weight: number }>(items: T[]): Map<string, number> {
  const sorted = [...items].sort((a, b) => b.weight - a.weight || Number(a.id) - Number(b.id));
  return new Map(sorted.map((item, index) => [item.id, index]));
}

export async function importCategories(ctx: ImportContext, tx: Batch, categories: YcCategory[]): Promise<void> {
  const rank = ranks(categories);
  for (const c of categories) {
    const values = { name: c.title || t(ctx.salon.locale, "import.placeholder.service", { id: c.id }), sortOrder: rank.get(c.id) ?? 0 };
    await sync(ctx, tx, {
      entity: "category",
      reportAs: "categories",
      externalId: c.id,
      values,
      create: async (w) => (await w.insert(serviceCategories).values(values).returning({ id: serviceCategories.id }))[0]!.id,
      update: async (w, id) => void (await w.update(serviceCategories).set(values).where(eq(serviceCategories.id, id))),
    });
  }
  if (tx) await bumpDataVersion(tx);
}

/** Durations arrive in seconds; a service lasts whole minutes here, at least one. */
const minutesOf = (seconds: number) => Math.max(1, Math.round(seconds / 60));

export async function importServices(ctx: ImportContext, tx: Batch, list: YcService[]): Promise<void> {
  const rank = ranks(list);
  const reader = readerOf(ctx, tx);
  for (const s of list) {
    const category = s.categoryId ? await ctx.links.get(reader, "category", s.categoryId) : null;
    const low = Math.min(s.priceMinMinor, s.priceMaxMinor || s.priceMinMinor);
    const high = Math.max(s.priceMinMinor, s.priceMaxMinor);
    const perMaster = s.staff.map((m) => m.seconds ?? 0);
    const values = {
      categoryId: category?.localId ?? null,
      title: s.title || t(ctx.salon.locale, "import.placeholder.service", { id: s.id }),
      description: s.description || null,
      durationMinutes: minutesOf(s.seconds ?? Math.max(3600, ...perMaster)),
      priceMinor: low,
      priceMaxMinor: high > low ? high : null,
      capacity: s.capacity,
      bookableOnline: s.active && s.online,
      active: s.active,
      sortOrder: rank.get(s.id) ?? 0,
    };
    await sync(ctx, tx, {
      entity: "service",
      reportAs: "services",
      externalId: s.id,
      values,
      create: async (w) => (await w.insert(services).values({ ...values, createdAt: ctx.now }).returning({ id: services.id }))[0]!.id,
      update: async (w, id) => void (await w.update(services).set(values).where(eq(services.id, id))),
    });
  }
  if (tx) await bumpDataVersion(tx);
}

/**
 * Masters, fired ones included (inactive, kept for their history), with the services they perform:
 * the union of each service's staff list and each master's own service links.
 */
export async function importStaff(ctx: ImportContext, tx: Batch, staff: YcStaff[], catalogue: YcService[]): Promise<void> {
  const rank = ranks(staff);
  const reader = readerOf(ctx, tx);
  const performs = new Map<string, Set<string>>(staff.map((m) => [m.id, new Set(m.serviceIds)]));
  for (const s of catalogue) for (const m of s.staff) performs.get(m.staffId)?.add(s.id);
  for (const m of staff) {
    const serviceIds: number[] = [];
    for (const serviceId of performs.get(m.id) ?? []) {
      const link = await ctx.links.get(reader, "service", serviceId);
      if (link) serviceIds.push(link.localId);
    }
    serviceIds.sort((a, b) => a - b);
    const values = {
      name: m.name || t(ctx.salon.locale, "import.placeholder.staff", { id: m.id }),
      position: m.position || null,
      bio: m.bio || null,
      active: !m.gone,
      sortOrder: rank.get(m.id) ?? 0,
    };
    const linkServices = async (w: NonNullable<Batch>, staffId: number) => {
      await w.delete(staffServices).where(eq(staffServices.staffId, staffId));
      if (serviceIds.length > 0) await w.insert(staffServices).values(serviceIds.map((serviceId) => ({ staffId, serviceId })));
    };
    await sync(ctx, tx, {
      entity: "staff",
      reportAs: "staff",
      externalId: m.id,
      values: { ...values, serviceIds },
      create: async (w) => {
        const [row] = await w.insert(resources).values({ kind: "staff", ...values, createdAt: ctx.now }).returning({ id: resources.id });
        await linkServices(w, row!.id);
        await setStaffLocations(w, row!.id, [ctx.salon.locationId]); // a company's masters work in its branch
        return row!.id;
      },
      update: async (w, id) => {
        await w.update(resources).set(values).where(eq(resources.id, id));
        await linkServices(w, id);
      },
    });
  }
  if (tx) await bumpDataVersion(tx);
}

/**
 * The local master for a record's staff id, created inactive from the record when neither the staff
 * list nor an earlier import knows it. Placeholders are created once, never updated from records.
 */
export async function placeholderStaff(ctx: ImportContext, tx: Batch, staff: { id: string; name: string; position: string }): Promise<number> {
  const known = await ctx.links.get(readerOf(ctx, tx), "staff", staff.id);
  if (known) return known.localId;
  const values = { name: staff.name || t(ctx.salon.locale, "import.placeholder.staff", { id: staff.id }), position: staff.position || null, active: false };
  ctx.report.warn("placeholder_staff", `${values.name} (#${staff.id})`);
  const created = await sync(ctx, tx, {
    entity: "staff",
    reportAs: "staff",
    externalId: staff.id,
    values,
    create: async (w) => {
      const id = (await w.insert(resources).values({ kind: "staff", ...values, sortOrder: 1000, createdAt: ctx.now }).returning({ id: resources.id }))[0]!.id;
      await setStaffLocations(w, id, [ctx.salon.locationId]);
      return id;
    },
    update: async () => {},
  });
  return created.localId;
}

/** The local service for a record line, created inactive (not bookable) from the line when unknown. */
export async function placeholderService(ctx: ImportContext, tx: Batch, line: { id: string; title: string; minutes: number; priceMinor: number }): Promise<number> {
  const known = await ctx.links.get(readerOf(ctx, tx), "service", line.id);
  if (known) return known.localId;
  const values = {
    title: line.title || t(ctx.salon.locale, "import.placeholder.service", { id: line.id }),
    durationMinutes: Math.max(1, line.minutes),
    priceMinor: Math.max(0, line.priceMinor),
    bookableOnline: false,
    active: false,
  };
  if (line.id !== NO_SERVICE) ctx.report.warn("placeholder_service", `${values.title} (#${line.id})`);
  const created = await sync(ctx, tx, {
    entity: "service",
    reportAs: "services",
    externalId: line.id,
    values,
    create: async (w) => (await w.insert(services).values({ ...values, sortOrder: 1000, createdAt: ctx.now }).returning({ id: services.id }))[0]!.id,
    update: async () => {},
  });
  return created.localId;
}

/** External id of the one placeholder service that carries visits YClients saved without services. */
export const NO_SERVICE = "0";
