import { logLine } from "../http/log.ts";
import type { OpenTenant } from "../tenant/connections.ts";
import type { TenantRow } from "../tenant/schema.ts";
import type { JobContext, JobRunOptions, TenantResult } from "./job.ts";
import { JobLeases } from "./lease.ts";

// Tenants a job is working on in this process: a tenant still busy from the previous tick is
// skipped instead of queued, so one slow salon never holds back the others.
const inFlight = new Set<string>();

export interface ForEachTenantOptions extends JobRunOptions {
  /** How many tenants run at once. */
  concurrency?: number;
  /** Tenants it returns false for are skipped without being opened (a tenant asked for by name never is). */
  due?: (row: TenantRow) => boolean;
  /**
   * Issue 19: run each tenant's part once across every instance sharing the registry, holding the
   * lease `<job>:<slug>` this long (longer than one tenant's part may take; a dead holder's part is
   * taken over after it). For scheduled work such as a YClients sync; notifications need none (their
   * outbox rows are leased one by one), nor backups (their own lease records the tick done).
   */
  leaseMs?: number;
}

/**
 * Runs `work` for every active tenant (or the one asked for), at most `concurrency` at a time.
 * Failures are per tenant: an exception becomes that tenant's "failed" result and a log line, and
 * the rest carry on. Disabled tenants are left alone.
 */
export async function forEachTenant(
  ctx: JobContext,
  job: string,
  work: (tenant: OpenTenant) => Promise<string>,
  options: ForEachTenantOptions = {},
): Promise<TenantResult[]> {
  const rows = options.tenant ? [await ctx.registry.get(options.tenant)] : await ctx.registry.list();
  if (options.tenant && !rows[0]) throw new Error(`no tenant '${options.tenant}'`);
  const slugs = rows
    .filter((r): r is TenantRow => r !== null && (r.status === "active" || options.tenant !== undefined))
    .filter((row) => options.tenant !== undefined || !options.due || options.due(row))
    .map((row) => row.slug);
  const results: TenantResult[] = [];
  const leases = new JobLeases(ctx.registry, ctx.clock);
  let next = 0;
  const worker = async () => {
    while (next < slugs.length) {
      const slug = slugs[next++]!;
      results.push(await runOne(ctx, job, slug, work, options.leaseMs === undefined ? null : { leases, ms: options.leaseMs }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, slugs.length) }, worker));
  return results;
}

async function runOne(
  ctx: JobContext,
  job: string,
  slug: string,
  work: (tenant: OpenTenant) => Promise<string>,
  lease: { leases: JobLeases; ms: number } | null,
): Promise<TenantResult> {
  const key = `${job}:${slug}`;
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  if (inFlight.has(key)) return { slug, outcome: "busy", detail: "still running from the previous run", ms: 0 };
  inFlight.add(key);
  let leased = false;
  try {
    if (lease && !(leased = (await lease.leases.claim(key, lease.ms)) !== null)) return { slug, outcome: "busy", detail: "running on another instance", ms: ms() };
    // a salon only this job opened is closed again when its part is done (TenantConnections.visit)
    const detail = await ctx.tenants.visit(slug, work);
    if (detail === null) return { slug, outcome: "failed", detail: "tenant not found", ms: ms() };
    return { slug, outcome: "ok", detail, ms: ms() };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    logLine({ level: "error", msg: "job failed for a tenant", job, tenant: slug, error: detail });
    return { slug, outcome: "failed", detail, ms: ms() };
  } finally {
    inFlight.delete(key);
    if (leased) await lease!.leases.release(key).catch(() => undefined); // it expires anyway
  }
}
