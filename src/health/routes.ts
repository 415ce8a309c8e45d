import { Elysia } from "elysia";
import type { Registry } from "../tenant/registry.ts";

/** `/healthz`: the process is alive and its registry answers. */
export const healthRoutes = (registry: Registry, version: string) =>
  new Elysia().get(
    "/healthz",
    async () => ({ status: "ok", version, tenants: await registry.count() }),
    { detail: { summary: "Liveness", tags: ["Operations"] } },
  );
