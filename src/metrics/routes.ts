import { Elysia } from "elysia";
import { t } from "../http/schema-builder.ts";
import { apiDoc } from "../http/openapi.ts";
import { backupAges, backupCatalog } from "../backup/freshness.ts";
import type { Config } from "../config/config.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import type { Registry } from "../tenant/registry.ts";
import type { Clock } from "../time/clock.ts";
import { metrics } from "./metrics.ts";

export interface MetricsDeps {
  config: Pick<Config, "backupDir">;
  clock: Clock;
  registry: Registry;
  tenants: TenantConnections;
}

/** Gauges read at scrape time from this app's registry, connections and backup folder. */
function registerGauges(deps: MetricsDeps): void {
  const ages = async () => {
    const now = deps.clock.now();
    return backupAges(await deps.registry.list(), backupCatalog(deps.config.backupDir).latestBySlug(now), now);
  };
  metrics.gauge("zapis_backup_age_seconds", "Seconds since the least recently backed-up tenant's last backup (since creation if it has none).", async () => {
    const all = await ages();
    return all.length === 0 ? [] : [{ value: Math.round(Math.max(...all.map((a) => a.ageMs)) / 1000) }];
  });
  metrics.gauge("zapis_tenants_without_backup", "Registered tenants that have no backup yet.", async () => [
    { value: (await ages()).filter((a) => !a.hasBackup).length },
  ]);
  metrics.gauge("zapis_open_tenant_databases", "Tenant databases open in this process.", () => [{ value: deps.tenants.size }]);
  metrics.gauge("process_resident_memory_bytes", "Resident memory of this process.", () => [{ value: process.memoryUsage().rss }]);
}

/** `/metrics`: Prometheus text format. Meant for the scraper: keep it off the public internet (see docs/operations.md). */
export const metricsRoutes = (deps: MetricsDeps) => {
  registerGauges(deps);
  return new Elysia().get(
    "/metrics",
    async () => new Response(await metrics.render(), { headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8" } }),
    { detail: apiDoc({ summary: "Prometheus metrics", tags: ["Operations"], auth: "none", ok: { 200: { description: "Prometheus text format 0.0.4", mediaType: "text/plain", schema: t.String() } } }) },
  );
};
