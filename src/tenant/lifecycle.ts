import { existsSync, mkdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import { backupRow } from "../backup/backup.ts";
import { utcStamp } from "../backup/naming.ts";
import { AppError } from "../error/app-error.ts";
import { REGISTRY_POLL_MS, type TenantConnections } from "./connections.ts";
import { setTenantStatus, type TenantDeps } from "./tenant.ts";
import { PRIVATE_DIR } from "../fs/private.ts";

// Every serving instance polls the registry this often; a request that started just before it
// noticed gets two more seconds to finish.
const SETTLE_MS = REGISTRY_POLL_MS + 2_000;

export interface DeleteTenantReport {
  slug: string;
  /** The final backup: `zapis restore <slug> --from <it>` brings the salon back. */
  backup: string;
  /** Where the tenant's folder went (null for a remote tenant without a local folder). */
  trashed: string | null;
  /** A remote tenant's database stays on its server (deleting it there is the operator's call), unless zapis made its sqld namespace. */
  remoteUrl: string | null;
}

/**
 * Deletes a salon without destroying anything. It is disabled first and every serving instance is
 * given time to notice, so no booking lands after the final backup; then the final backup (no
 * backup, no delete: the salon is enabled again); then the registry row goes and its folder moves
 * to `<data>/.trash/<slug>-<stamp>`.
 */
export async function deleteTenant(
  deps: TenantDeps & { tenants?: TenantConnections },
  slug: string,
  options: { backupDir: string; settleMs?: number },
): Promise<DeleteTenantReport> {
  const row = await deps.registry.get(slug);
  if (!row) throw new AppError("NOT_FOUND", [{ field: "slug", key: "tenant.not_found", params: { slug } }]);
  if (row.status === "active") {
    await setTenantStatus(deps, slug, "disabled");
    await Bun.sleep(options.settleMs ?? SETTLE_MS);
  }
  let backup;
  try {
    backup = await backupRow(deps, row, { outDir: options.backupDir });
  } catch (e) {
    if (row.status === "active") await setTenantStatus(deps, slug, "active");
    throw e;
  }
  await deps.registry.remove(slug);
  deps.tenants?.evict(slug);
  // issue 19: a namespace zapis made for the salon goes with it (the final backup holds its data),
  // so the slug can be created again, empty; one the operator made stays theirs
  const namespaces = deps.registry.placement?.namespaces;
  if (row.dbNamespace && namespaces) await namespaces.delete(row.dbNamespace);
  const folder = join(deps.dataDir, slug);
  let trashed: string | null = null;
  if (existsSync(folder)) {
    const trash = join(deps.dataDir, ".trash");
    mkdirSync(trash, { recursive: true, mode: PRIVATE_DIR });
    trashed = join(trash, `${slug}-${utcStamp(deps.clock.now())}`);
    renameSync(folder, trashed);
  }
  return { slug, backup: backup.path, trashed, remoteUrl: row.dbNamespace && deps.registry.placement?.namespaces ? null : row.dbUrl };
}
