import { Elysia } from "elysia";
import { t } from "../http/schema-builder.ts";
import { apiDoc } from "../http/openapi.ts";
import type { Registry } from "../tenant/registry.ts";
import { checkReadiness, type ReadinessDeps, type ReadinessReport } from "./readiness.ts";

export interface HealthDeps extends ReadinessDeps {
  registry: Registry;
  version: string;
}

// issue 18: the documented answers
const check = t.Object({ ok: t.Boolean() }, { additionalProperties: true });
const readinessSchema = t.Object({
  status: t.Union([t.Literal("ready"), t.Literal("degraded"), t.Literal("not_ready")]),
  version: t.String(),
  checks: t.Object({ registry: check, tenants: check, migrations: check, backups: check }),
});
const tags = ["Operations"];

// Probes are polled every few seconds by every load balancer; one check per interval serves them all.
const READINESS_TTL_MS = 15_000;

/** The latest readiness report, recomputed at most once per TTL, with concurrent callers sharing one run. */
function readinessCache(deps: ReadinessDeps) {
  let last: { at: number; report: Promise<ReadinessReport> } | null = null;
  return () => {
    const now = deps.clock.now();
    if (!last || now - last.at >= READINESS_TTL_MS) last = { at: now, report: checkReadiness(deps) };
    return last.report;
  };
}

/**
 * `/healthz`: the process is alive and its registry answers (restart me if not).
 * `/readyz`: this instance can serve (send me traffic if so); 503 when not ready, with the failing
 * checks in the body.
 */
export const healthRoutes = (deps: HealthDeps) => {
  const readiness = readinessCache(deps);
  return new Elysia()
    .get("/healthz", async () => ({ status: "ok", version: deps.version, tenants: await deps.registry.count() }), {
      detail: apiDoc({
        summary: "Liveness",
        tags,
        auth: "none",
        ok: { 200: { description: "Alive", schema: t.Object({ status: t.Literal("ok"), version: t.String(), tenants: t.Integer() }) } },
      }),
    })
    .get(
      "/readyz",
      async () => {
        const report = await readiness();
        return Response.json({ ...report, version: deps.version }, { status: report.status === "not_ready" ? 503 : 200 });
      },
      {
        detail: apiDoc({
          summary: "Readiness: tenants reachable, migrations current, backups fresh",
          tags,
          auth: "none",
          ok: { 200: { description: "Ready or degraded", schema: readinessSchema }, 503: { description: "Not ready: the failing checks", schema: readinessSchema } },
        }),
      },
    );
};
