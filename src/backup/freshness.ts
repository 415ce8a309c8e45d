import { Cron } from "croner";
import type { TenantRow } from "../tenant/schema.ts";
import { listBackups } from "./retention.ts";

// Listing the backup folder costs a readdir; /readyz and /metrics may be polled every few seconds.
const LISTING_TTL_MS = 30_000;

/**
 * When each tenant was last backed up, from the backup folder itself: the truth across restarts and
 * across instances sharing the folder. Cached briefly; a backup taken by this process is recorded
 * at once.
 */
export class BackupCatalog {
  private latest = new Map<string, number>();
  private listedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly dir: string) {}

  latestBySlug(now: number): ReadonlyMap<string, number> {
    if (now - this.listedAt > LISTING_TTL_MS) {
      const latest = new Map<string, number>();
      for (const b of listBackups(this.dir)) if (!latest.has(b.slug)) latest.set(b.slug, b.at);
      this.latest = latest;
      this.listedAt = now;
    }
    return this.latest;
  }

  record(slug: string, at: number): void {
    if ((this.latest.get(slug) ?? Number.NEGATIVE_INFINITY) < at) this.latest.set(slug, at);
  }
}

const catalogs = new Map<string, BackupCatalog>();

/** The one catalog of a backup folder in this process, shared by the job, /readyz and /metrics. */
export function backupCatalog(dir: string): BackupCatalog {
  let catalog = catalogs.get(dir);
  if (!catalog) {
    catalog = new BackupCatalog(dir);
    catalogs.set(dir, catalog);
  }
  return catalog;
}

export interface BackupAge {
  slug: string;
  /** Milliseconds since the last backup, or since the tenant was created when it has none. */
  ageMs: number;
  hasBackup: boolean;
}

/**
 * How long each active tenant's data has gone without a backup. Disabled tenants are left out: the
 * schedule skips them (nothing changes while a salon is switched off).
 */
export function backupAges(rows: TenantRow[], latest: ReadonlyMap<string, number>, now: number): BackupAge[] {
  return rows.filter((row) => row.status === "active").map((row) => {
    const at = latest.get(row.slug);
    return { slug: row.slug, ageMs: Math.max(0, now - (at ?? row.createdAt)), hasBackup: at !== undefined };
  });
}

/**
 * The age past which a tenant's last backup counts as stale: two scheduled periods (one missed run
 * is tolerated, two are not). Null when backups are not scheduled.
 */
export function staleAfterMs(cron: string | null, now: number): number | null {
  if (!cron) return null;
  const job = new Cron(cron, { paused: true });
  const runs = job.nextRuns(8, new Date(now)).map((d) => d.getTime());
  job.stop();
  let period = 0;
  for (let i = 1; i < runs.length; i++) period = Math.max(period, (runs[i] ?? 0) - (runs[i - 1] ?? 0));
  return 2 * period;
}
