import type { Config } from "../config/config.ts";
import type { TenantConnections } from "../tenant/connections.ts";
import type { Registry } from "../tenant/registry.ts";
import type { Clock } from "../time/clock.ts";

/** What a job runs with: the same objects the server uses. */
export interface JobContext {
  config: Config;
  clock: Clock;
  registry: Registry;
  tenants: TenantConnections;
}

export interface JobRunOptions {
  /** Only this tenant (CLI `--tenant`); every active tenant otherwise. */
  tenant?: string | undefined;
}

/** How one tenant's part of a run went; `detail` is safe to print (no secrets, no stack). */
export interface TenantResult {
  slug: string;
  outcome: "ok" | "failed" | "busy";
  detail: string;
  ms: number;
}

/** A running instance of a job: holds what must live across runs (pooled connections…). */
export interface JobRunner {
  run(options?: JobRunOptions): Promise<TenantResult[]>;
  close(): void;
}

/**
 * One entry of the job registry (src/job/jobs.ts): a name for `zapis jobs run <name>`, a croner
 * schedule for `serve` (six fields: seconds first, read in UTC), and how to start it.
 */
export interface Job {
  name: string;
  description: string;
  schedule: string;
  start(ctx: JobContext): JobRunner;
}
