/** Checks that ids named in an input exist: an unknown id is a 404 naming the field. */
import { and, eq, inArray, ne } from "drizzle-orm";
import type { Reader } from "../db/database.ts";
import { AppError } from "../error/app-error.ts";
import { resources, serviceCategories, services } from "./schema.ts";

/** "staff": masters; "resource": rooms, equipment, other. */
export async function checkIdsExist(reader: Reader, kind: "staff" | "resource", ids: number[], field: string): Promise<void> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return;
  const rows = await reader
    .select({ id: resources.id })
    .from(resources)
    .where(and(inArray(resources.id, wanted), kind === "staff" ? eq(resources.kind, "staff") : ne(resources.kind, "staff")));
  const found = new Set(rows.map((r) => r.id));
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new AppError(
      "NOT_FOUND",
      missing.map((id) => ({ field, key: kind === "staff" ? "staff.not_found" : "resource.not_found", params: { id } })),
    );
  }
}

export async function requireCategory(reader: Reader, id: number): Promise<void> {
  const [row] = await reader.select({ id: serviceCategories.id }).from(serviceCategories).where(eq(serviceCategories.id, id));
  if (!row) throw new AppError("NOT_FOUND", [{ field: "category_id", key: "category.not_found", params: { id } }]);
}

export async function checkServicesExist(reader: Reader, ids: number[]): Promise<void> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return;
  const found = new Set((await reader.select({ id: services.id }).from(services).where(inArray(services.id, wanted))).map((r) => r.id));
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new AppError("NOT_FOUND", missing.map((id) => ({ field: "service_ids", key: "service.not_found", params: { id } })));
  }
}
