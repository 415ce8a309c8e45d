import { Elysia } from "elysia";
import { AppError } from "../error/app-error.ts";
import type { TenantConnections } from "./connections.ts";
import { looksLikeSlug } from "./slug.ts";

/**
 * Resolves the tenant ONCE at the edge, from the `:slug` path parameter (Host-based requests were
 * already rewritten to this form by the server). Handlers behind it receive `{ tenant, db }`.
 * Unknown → NOT_FOUND; disabled → TENANT_DISABLED (503), both rendered by the error table.
 */
export const tenantScope = (tenants: TenantConnections) =>
  new Elysia().resolve({ as: "scoped" }, async ({ params }) => {
    const slug = (params as Record<string, string | undefined>).slug ?? "";
    const open = tenants.current(slug) ?? (looksLikeSlug(slug) ? await tenants.get(slug) : null);
    if (!open) throw new AppError("NOT_FOUND", [{ key: "tenant.not_found", params: { slug } }]);
    if (open.row.status !== "active") throw new AppError("TENANT_DISABLED", [{ key: "tenant.disabled" }]);
    return { tenant: open.row, db: open.db };
  });
