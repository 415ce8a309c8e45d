/** Service categories: create, rename and reorder, remove — audited, bumping the data version. */
import { eq } from "drizzle-orm";
import type { Actor } from "../account/permissions.ts";
import { recordPublicChange } from "../business/data-version.ts";
import type { Tx } from "../db/database.ts";
import { hasValues, Problems } from "../error/problems.ts";
import { requireCategory } from "./references.ts";
import { serviceCategories, services } from "./schema.ts";
import type { CatalogueDeps } from "./services.ts";
import { singleLine } from "../text/single-line.ts";

export interface CategoryInput {
  name?: string;
  sortOrder?: number;
}

function checkCategory(input: CategoryInput, creating: boolean): void {
  const p = new Problems();
  if (creating || input.name !== undefined) p.check(singleLine(input.name ?? "").length > 0 && input.name!.length <= 100, "name", "category.name_invalid");
  if (input.sortOrder !== undefined) p.check(Number.isInteger(input.sortOrder) && Math.abs(input.sortOrder) <= 10_000, "sort_order", "category.sort_invalid");
  p.throwIfAny();
}

export async function createCategory(deps: CatalogueDeps, actor: Actor, input: CategoryInput): Promise<number> {
  checkCategory(input, true);
  return deps.db.write(async (tx) => {
    const [row] = await tx.insert(serviceCategories).values({ name: singleLine(input.name!), sortOrder: input.sortOrder ?? 0 }).returning({ id: serviceCategories.id });
    await finish(tx, deps, actor, "category.create", row!.id, input);
    return row!.id;
  });
}

export async function updateCategory(deps: CatalogueDeps, actor: Actor, id: number, input: CategoryInput): Promise<void> {
  checkCategory(input, false);
  await deps.db.write(async (tx) => {
    await requireCategory(tx, id);
    const values = { name: input.name === undefined ? undefined : singleLine(input.name), sortOrder: input.sortOrder };
    if (hasValues(values)) await tx.update(serviceCategories).set(values).where(eq(serviceCategories.id, id));
    await finish(tx, deps, actor, "category.update", id, input);
  });
}

/** Removes a category; its services stay, uncategorized (they show last on the salon page). */
export async function deleteCategory(deps: CatalogueDeps, actor: Actor, id: number): Promise<void> {
  await deps.db.write(async (tx) => {
    await requireCategory(tx, id);
    await tx.update(services).set({ categoryId: null }).where(eq(services.categoryId, id));
    await tx.delete(serviceCategories).where(eq(serviceCategories.id, id));
    await finish(tx, deps, actor, "category.delete", id, {});
  });
}

async function finish(tx: Tx, deps: CatalogueDeps, actor: Actor, action: string, id: number, input: CategoryInput): Promise<void> {
  await recordPublicChange(tx, { at: deps.clock.now(), actor: actor.label, userId: actor.userId, action, entity: "category", entityId: id, details: { ...input } });
}
