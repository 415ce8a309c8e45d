import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { and, eq, sql } from "drizzle-orm";
import type { Registry } from "../tenant/registry.ts";
import { jobLeases } from "../tenant/schema.ts";
import type { Clock } from "../time/clock.ts";

/** This process, as a lease owner: unique across hosts and restarts. */
export const INSTANCE_ID = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export interface Claimed {
  /** What the previous holder recorded as finished (e.g. the last backup tick), null if nothing. */
  done: string | null;
}

/**
 * Leases in the registry (migrations/platform/0004): work that must run once per salon across every
 * instance on every host takes `name` for a while; another instance asking meanwhile is refused,
 * and a dead holder's lease simply expires. A holder renews by claiming again.
 */
export class JobLeases {
  constructor(
    private readonly registry: Registry,
    private readonly clock: Clock,
    readonly owner: string = INSTANCE_ID,
  ) {}

  /** Takes `name` for `ttlMs`, or null when another live instance holds it. */
  async claim(name: string, ttlMs: number): Promise<Claimed | null> {
    const now = this.clock.now();
    const rows = await this.registry.db.write((tx) =>
      tx
        .insert(jobLeases)
        .values({ name, owner: this.owner, expiresAt: now + ttlMs })
        .onConflictDoUpdate({
          target: jobLeases.name,
          set: { owner: this.owner, expiresAt: now + ttlMs },
          where: sql`${jobLeases.expiresAt} <= ${now} OR ${jobLeases.owner} = ${this.owner}`,
        })
        .returning({ done: jobLeases.done }),
    );
    return rows[0] ? { done: rows[0].done } : null;
  }

  /** Gives `name` back (if still ours), recording `done` when the work finished. */
  async release(name: string, done?: string): Promise<void> {
    await this.registry.db.write((tx) =>
      tx
        .update(jobLeases)
        .set({ owner: null, expiresAt: 0, ...(done === undefined ? {} : { done }) })
        .where(and(eq(jobLeases.name, name), eq(jobLeases.owner, this.owner))),
    );
  }

  /** What was last recorded as finished under `name`. */
  async done(name: string): Promise<string | null> {
    const [row] = await this.registry.db.orm.select({ done: jobLeases.done }).from(jobLeases).where(eq(jobLeases.name, name));
    return row?.done ?? null;
  }
}
