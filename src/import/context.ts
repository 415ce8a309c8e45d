/**
 * One import run (or one webhook delivery): where it writes, what it already knows, and the one
 * rule every entity follows — look the external id up in the mapping table, then create, update or
 * leave alone. A dry run walks the same path and only counts.
 */
import { getProfile } from "../business/business.ts";
import { resolveLocation } from "../location/location.ts";
import type { Database, Reader, Tx } from "../db/database.ts";
import type { Locale } from "../i18n/i18n.ts";
import { fingerprint, LinkStore, type LinkEntity } from "./links.ts";
import { ReportBuilder, type Outcome, type ReportEntity } from "./report.ts";
import type { ImportSource } from "./schema.ts";

export interface Salon {
  /** issue 17: the branch the run imports into (the company becomes that branch). */
  locationId: number;
  /** Only a run into the primary branch writes the company into the salon's own profile. */
  primary: boolean;
  timezone: string;
  currency: string;
  /** ISO 3166 country: how national phone numbers are read. */
  country: string;
  locale: Locale;
}

export interface ImportContext {
  db: Database;
  links: LinkStore;
  report: ReportBuilder;
  salon: Salon;
  /** "now" of the run, from the injected clock: decides what is future (occupancy, reminders). */
  now: number;
  dryRun: boolean;
  /** Queue reminders for imported future visits (off with --no-reminders). */
  reminders: boolean;
  /** Ids handed out to would-be rows in a dry run (negative, never written). */
  nextDryId: number;
}

/** A run against the salon as it is now: its branch (the only one, or the one named), zone, currency and language. */
export async function openImportContext(
  db: Database,
  options: { source: ImportSource; now: number; dryRun: boolean; reminders: boolean; preload: boolean; locationId?: number | undefined },
): Promise<ImportContext> {
  const profile = await getProfile(db);
  const branch = await resolveLocation(db.orm, options.locationId, "--location");
  const links = new LinkStore(options.source);
  if (options.preload) await links.preload(db.orm);
  return {
    db,
    links,
    report: new ReportBuilder(),
    salon: {
      locationId: branch.id,
      primary: branch.isPrimary,
      timezone: branch.timezone,
      currency: profile.business.currency,
      country: profile.business.country,
      locale: profile.locale,
    },
    now: options.now,
    dryRun: options.dryRun,
    reminders: options.reminders,
    nextDryId: -1,
  };
}

/** A writer for one batch: the transaction, or null in a dry run (nothing may be written). */
export type Batch = Tx | null;

/** Runs `fn` in ONE write transaction (a page of clients, a page of records), or without one in a dry run. */
export function batch<T>(ctx: ImportContext, fn: (tx: Batch) => Promise<T>): Promise<T> {
  return ctx.dryRun ? fn(null) : ctx.db.write((tx) => fn(tx));
}

/** Where a batch reads: its own transaction (to see its own writes), else the database. */
export const readerOf = (ctx: ImportContext, tx: Batch): Reader => tx ?? ctx.db.orm;

export interface SyncSpec {
  entity: LinkEntity;
  reportAs: ReportEntity;
  externalId: string;
  /** Everything the import writes for this row: its fingerprint decides "unchanged". */
  values: unknown;
  groupKey?: string | null;
  create(tx: Tx): Promise<number>;
  update(tx: Tx, localId: number): Promise<void>;
}

export interface Synced {
  outcome: Outcome;
  localId: number;
}

/**
 * The mapping-table rule. New external id → create and link. Known id whose mapped values changed
 * since the last import → update. Otherwise → unchanged, even if the salon edited the row here
 * since: the source only overwrites what it changed itself.
 */
export async function sync(ctx: ImportContext, tx: Batch, spec: SyncSpec): Promise<Synced> {
  // A "new" row is confirmed inside the write transaction: a webhook in another process may have
  // created it since this run read the mapping table, and it must not be created twice.
  const cached = await ctx.links.get(readerOf(ctx, tx), spec.entity, spec.externalId);
  const previous = cached ?? (tx ? await ctx.links.lookup(tx, spec.entity, spec.externalId) : null);
  const print = fingerprint(spec.values);
  const groupKey = spec.groupKey ?? null;
  let outcome: Outcome;
  let localId: number;
  if (!previous) {
    outcome = "created";
    localId = tx ? await spec.create(tx) : ctx.nextDryId--;
  } else if (previous.fingerprint !== print || previous.groupKey !== groupKey) {
    outcome = "updated";
    localId = previous.localId;
    if (tx) await spec.update(tx, localId);
  } else {
    ctx.report.count(spec.reportAs, "unchanged");
    return { outcome: "unchanged", localId: previous.localId };
  }
  const link = { localId, fingerprint: print, groupKey };
  if (tx) await ctx.links.save(tx, spec.entity, spec.externalId, link, ctx.now);
  else ctx.links.remember(spec.entity, spec.externalId, link);
  ctx.report.count(spec.reportAs, outcome);
  return { outcome, localId };
}
