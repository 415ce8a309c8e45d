/**
 * The scheduled YClients sync while a salon switches (issue 18): besides the webhook, every
 * `interval_minutes` (30 by default) the `yclients-sync` job asks YClients for the records changed
 * since the last good run (`changed_after`, deleted ones included) and writes them through the same
 * record import as `zapis import yclients`, so a webhook that never arrived is caught up. The cursor
 * moves only after a run succeeded; a failed run is tried again after the interval from the same place.
 */
import { eq } from "drizzle-orm";
import type { Database } from "../../db/database.ts";
import { recordAudit } from "../../audit/audit.ts";
import type { Clock } from "../../time/clock.ts";
import { batch, openImportContext } from "../context.ts";
import { yclientsSync } from "../schema.ts";
import { YClientsApi, type ApiOptions } from "./api.ts";
import { eachPage, readAll } from "./import.ts";
import { readRecord } from "./model.ts";
import { importRecord } from "./records.ts";
import { YClientsSource } from "./source.ts";

export const DEFAULT_SYNC_MINUTES = 30;
// A record changed in the second the last run started, or stamped by a YClients server whose clock
// is a little behind ours, is asked for again: re-importing it changes nothing (fingerprints).
const OVERLAP_MS = 5 * 60_000;

export interface SyncCredentials {
  companyId: string;
  /** Already checked by apiBaseUrl. */
  baseUrl: string;
  partnerToken: string;
  userToken: string;
  intervalMinutes: number;
}

/** Keeps syncing this salon from now on (replaces earlier credentials); the cursor starts at `since`, the import that just ran. */
export async function keepSyncing(deps: { db: Database; clock: Clock }, credentials: SyncCredentials, since: number): Promise<void> {
  const now = deps.clock.now();
  const row = { ...credentials, cursorAt: since, lastRunAt: null, lastResult: null, createdAt: now };
  await deps.db.write(async (tx) => {
    await tx.insert(yclientsSync).values({ id: 1, ...row }).onConflictDoUpdate({ target: yclientsSync.id, set: row });
    // the audit names the company, never the tokens
    await recordAudit(tx, { at: now, actor: "cli", action: "import.yclients.sync", entity: "import", entityId: credentials.companyId, details: { interval_minutes: credentials.intervalMinutes } });
  });
}

export type SyncOutcome = { ran: false; why: "not configured" | "not due"; nextAt: number | null } | { ran: true; detail: string; nextAt: number };

/** One tenant's turn of the job: nothing unless configured and due; else pulls and writes what changed. */
export async function syncYClients(deps: { db: Database; clock: Clock; fetch?: ApiOptions["fetch"] }): Promise<SyncOutcome> {
  const [settings] = await deps.db.orm.select().from(yclientsSync).where(eq(yclientsSync.id, 1));
  if (!settings) return { ran: false, why: "not configured", nextAt: null };
  const startedAt = deps.clock.now();
  const dueAt = (settings.lastRunAt ?? 0) + settings.intervalMinutes * 60_000;
  if (startedAt < dueAt) return { ran: false, why: "not due", nextAt: dueAt };

  const api = new YClientsApi({ baseUrl: settings.baseUrl, partnerToken: settings.partnerToken, userToken: settings.userToken, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
  const source = new YClientsSource(api, settings.companyId);
  const since = new Date((settings.cursorAt ?? startedAt - settings.intervalMinutes * 60_000) - OVERLAP_MS).toISOString();
  const ctx = await openImportContext(deps.db, { source: "yclients", now: startedAt, dryRun: false, reminders: true, preload: false });
  let result: string;
  let cursorAt = settings.cursorAt;
  try {
    await eachPage(source.changedRecords(since), () => {}, (items) =>
      batch(ctx, async (tx) => {
        for (const record of readAll(ctx, items, readRecord)) await importRecord(ctx, tx, record);
      }),
    );
    cursorAt = startedAt;
    const head = { source: "yclients", tenant: "", dry_run: false, started_at: "", finished_at: "", details: {} };
    result = `bookings ${JSON.stringify(ctx.report.build(head, "en").entities.bookings ?? {})}`;
  } catch (error) {
    // the tokens never reach a message (api.ts); the next tick tries again from the same cursor
    result = `failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500);
  }
  await deps.db.write((tx) => tx.update(yclientsSync).set({ lastRunAt: startedAt, lastResult: result, cursorAt }).where(eq(yclientsSync.id, 1)));
  if (cursorAt !== startedAt) throw new Error(result);
  return { ran: true, detail: result, nextAt: startedAt + settings.intervalMinutes * 60_000 };
}
