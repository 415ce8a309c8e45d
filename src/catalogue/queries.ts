import { and, asc, eq } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import { serviceCategories, services } from "./schema.ts";

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
