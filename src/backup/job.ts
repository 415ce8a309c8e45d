import { Cron } from "croner";
import { AppError } from "../error/app-error.ts";
import { logLine } from "../http/log.ts";
import type { Job, JobContext, JobRunOptions, TenantResult } from "../job/job.ts";
import { backupFailures } from "../metrics/metrics.ts";
import type { TenantRow } from "../tenant/schema.ts";
import { JobLeases } from "../job/lease.ts";
import { backupRow } from "./backup.ts";
import { backupCatalog } from "./freshness.ts";
import { pruneBackups } from "./retention.ts";

// After a failure the tenant is retried this much later, not on every minute's check.
const RETRY_AFTER_MS = 10 * 60_000;
// How long one instance holds a salon's backup (longer than a snapshot may take, SNAPSHOT_TIMEOUT_MS):
// an instance that dies with it leaves the backup to another one after this.
export const BACKUP_LEASE_MS = 15 * 60_000;

/** The latest BACKUP_CRON tick at or before `now`, or null when backups are off. */
export function lastTick(cron: string | null, now: number): number | null {
  if (!cron) return null;
  const job = new Cron(cron, { paused: true });
  const [previous] = job.previousRuns(1, new Date(now + 1));
  job.stop();
  return previous ? previous.getTime() : null;
}

const takenElsewhere = (error: unknown): boolean =>
  error instanceof AppError && error.problems.some((p) => p.key === "backup.exists" || p.key === "backup.in_progress");

/**
 * One check of every active tenant: a tenant whose newest backup is older than the latest
 * BACKUP_CRON tick is backed up now, into a file named after that tick. So a tick missed while the
 * server was down is caught up a minute after it starts. Instances take the salon's lease in the
 * registry (`backup:<slug>`, which also records the last tick done), so instances on several hosts,
 * each with its own BACKUP_DIR, back a salon up once per tick; instances sharing the backup folder
 * also compute the same file name: the first claims it, the others skip. A failure is logged loudly,
 * counted in /metrics and retried after RETRY_AFTER_MS; retention runs after each success.
 * Tenants go one at a time (VACUUM INTO is disk-bound and the server keeps serving meanwhile), and
 * not through the serving connection pool: a tenant that cannot be opened for serving must still
 * be backed up, or fail here, loudly.
 */
export async function runBackups(ctx: JobContext, failedAt: Map<string, number>, options: JobRunOptions = {}): Promise<TenantResult[]> {
  const { backupCron, backupDir, backupKeep, backupMaxAgeDays, dataDir } = ctx.config;
  const now = ctx.clock.now();
  const tick = lastTick(backupCron, now);
  if (tick === null) return [];
  const catalog = backupCatalog(backupDir);
  const latest = catalog.latestBySlug(now);
  const deps = { registry: ctx.registry, dataDir, clock: ctx.clock };
  const leases = new JobLeases(ctx.registry, ctx.clock);
  const backUp = async (row: TenantRow): Promise<string> => {
    if ((latest.get(row.slug) ?? Number.NEGATIVE_INFINITY) >= tick || row.createdAt > tick) return "up to date";
    if (now - (failedAt.get(row.slug) ?? Number.NEGATIVE_INFINITY) < RETRY_AFTER_MS) return "failed recently; retrying later";
    const lease = `backup:${row.slug}`;
    const claimed = await leases.claim(lease, BACKUP_LEASE_MS);
    if (!claimed) return "taken by another instance";
    if (Number(claimed.done) >= tick) {
      await leases.release(lease);
      return "up to date (backed up by another instance)";
    }
    try {
      const done = await backupRow(deps, row, { outDir: backupDir, at: tick });
      await leases.release(lease, String(tick));
      catalog.record(row.slug, tick);
      failedAt.delete(row.slug);
      const pruned = pruneBackups(backupDir, row.slug, { keep: backupKeep, maxAgeDays: backupMaxAgeDays }, now);
      return `backed up to ${done.manifest.file} (${done.manifest.bytes} bytes); pruned ${pruned.length}`;
    } catch (error) {
      await leases.release(lease).catch(() => undefined); // it expires anyway
      if (takenElsewhere(error)) return "taken by another instance";
      failedAt.set(row.slug, now);
      backupFailures.inc();
      logLine({ level: "error", msg: "BACKUP FAILED", tenant: row.slug, error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  };
  const rows = options.tenant ? [await ctx.registry.get(options.tenant)] : await ctx.registry.list();
  const results: TenantResult[] = [];
  for (const row of rows) {
    if (!row || (row.status !== "active" && !options.tenant)) continue;
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    try {
      results.push({ slug: row.slug, outcome: "ok", detail: await backUp(row), ms: ms() });
    } catch (error) {
      results.push({ slug: row.slug, outcome: "failed", detail: error instanceof Error ? error.message : String(error), ms: ms() });
    }
  }
  return results;
}

/**
 * `backup`: checks every minute whether BACKUP_CRON is due (the job registry's schedules are fixed
 * at build time, while BACKUP_CRON is configuration), backs up, applies retention.
 */
export const backupJob = (): Job => ({
  name: "backup",
  description: "back up every salon when BACKUP_CRON is due (a missed tick is caught up), then apply retention",
  schedule: "0 * * * * *",
  start(ctx: JobContext) {
    const failedAt = new Map<string, number>();
    return { run: (options = {}) => runBackups(ctx, failedAt, options), close: () => undefined };
  },
});
