/**
 * `zapis import yclients`: moves one YClients company into a salon — profile, catalogue, masters and
 * their weekly hours, every client, every record of a date window (cancelled ones included) and
 * reviews. Safe to run again: the mapping table turns a second run into updates of what changed.
 * Nothing is written before the tokens are proven good; after that each page is its own
 * transaction, so an interrupted run keeps what it wrote and a new run resumes from there.
 */
import { recordAudit } from "../../audit/audit.ts";
import { AppError } from "../../error/app-error.ts";
import type { Database } from "../../db/database.ts";
import type { Clock } from "../../time/clock.ts";
import { addDays, localDateOf, weekdayOf, type LocalDate } from "../../time/zone.ts";
import { importClient } from "../clients.ts";
import { batch, openImportContext, type ImportContext } from "../context.ts";
import type { ImportReport, ReportEntity } from "../report.ts";
import { importCategories, importServices, importStaff } from "./catalogue.ts";
import type { Json } from "./coerce.ts";
import { importCompany } from "./company.ts";
import { importHours, salonHours, weeklyHours } from "./hours.ts";
import { readCategory, readClient, readCompany, readRecord, readReview, readScheduleDay, readService, readStaff } from "./model.ts";
import { importRecord, incomingClient } from "./records.ts";
import { importReview } from "./reviews.ts";
import type { ApiStats } from "./api.ts";
import type { Page, YClientsSource } from "./source.ts";

export interface ImportDeps {
  db: Database;
  clock: Clock;
}

export interface Progress {
  entity: ReportEntity;
  done: number;
  total: number | null;
}

export interface YClientsImportInput {
  tenant: string;
  source: YClientsSource;
  /** Records window (local dates, inclusive); a year back and a year ahead by default. */
  from?: LocalDate | undefined;
  to?: LocalDate | undefined;
  dryRun: boolean;
  reminders: boolean;
  /** issue 17: the branch the company goes into (required once the salon has two). */
  locationId?: number | undefined;
  stats?: ApiStats;
  onProgress?: (progress: Progress) => void;
}

const WINDOW_DAYS = 365;

export async function importFromYClients(deps: ImportDeps, input: YClientsImportInput): Promise<ImportReport> {
  const startedAt = deps.clock.now();
  // Read and check before the first write: the company card needs only the partner token, so the
  // user token is proven on an endpoint that needs it.
  const companyRaw = await input.source.company();
  await input.source.checkAccess();
  const company = readCompany(companyRaw);
  if (!company) throw new Error("YClients returned a company without an id");
  const [categories, services, staff] = await Promise.all([input.source.categories(), input.source.services(), input.source.staff()]);

  const ctx = await openImportContext(deps.db, { source: "yclients", now: startedAt, dryRun: input.dryRun, reminders: input.reminders, preload: true, locationId: input.locationId });
  const progress = (entity: ReportEntity, done: number, total: number | null) => input.onProgress?.({ entity, done, total });

  const catalogue = {
    categories: readAll(ctx, categories, readCategory),
    services: readAll(ctx, services, readService),
    staff: readAll(ctx, staff, readStaff),
  };
  await batch(ctx, async (tx) => {
    await importCompany(ctx, tx, company);
    await importCategories(ctx, tx, catalogue.categories);
    await importServices(ctx, tx, catalogue.services);
    await importStaff(ctx, tx, catalogue.staff, catalogue.services);
  });
  progress("company", 1, 1);
  progress("services", catalogue.services.length, catalogue.services.length);
  progress("staff", catalogue.staff.length, catalogue.staff.length);

  await importWeeklyHours(ctx, input.source, catalogue.staff.filter((m) => !m.gone).map((m) => m.id));

  const today = localDateOf(startedAt, ctx.salon.timezone);
  const from = input.from ?? addDays(today, -WINDOW_DAYS);
  const to = input.to ?? addDays(today, WINDOW_DAYS);
  await eachPage(input.source.clients(), (total, done) => progress("clients", done, total), (items) =>
    batch(ctx, async (tx) => {
      for (const client of readAll(ctx, items, readClient)) {
        if (client.id) await importClient(ctx, tx, incomingClient({ ...client, id: client.id }));
        else ctx.report.count("clients", "skipped");
      }
    }),
  );
  await eachPage(input.source.records(from, to), (total, done) => progress("bookings", done, total), (items) =>
    batch(ctx, async (tx) => {
      for (const record of readAll(ctx, items, readRecord)) await importRecord(ctx, tx, record);
    }),
  );
  await importReviews(ctx, input.source, from, to, (total, done) => progress("reviews", done, total));

  const finishedAt = deps.clock.now();
  const report = ctx.report.build(
    {
      source: "yclients",
      tenant: input.tenant,
      dry_run: input.dryRun,
      started_at: new Date(startedAt).toISOString(),
      finished_at: new Date(finishedAt).toISOString(),
      details: { company_id: company.id, company: company.title, window: { from, to }, ...(input.stats ? { api: input.stats } : {}) },
    },
    "en",
  );
  await batch(ctx, async (tx) => {
    if (tx) await recordAudit(tx, { at: finishedAt, actor: "cli", action: "import.yclients", entity: "import", entityId: company.id, details: { entities: report.entities } });
  });
  return report;
}

/**
 * Weekly hours from the dated schedule of four weeks: last week (hours actually worked) and the
 * three ahead (what is published; YClients schedules rarely reach further).
 */
async function importWeeklyHours(ctx: ImportContext, source: YClientsSource, activeStaff: string[]): Promise<void> {
  const today = localDateOf(ctx.now, ctx.salon.timezone);
  const from = addDays(today, -(weekdayOf(today) - 1) - 7);
  const to = addDays(from, 27);
  const days = readAll(ctx, await source.schedule(from, to), readScheduleDay);
  const weeks = weeklyHours(days, from, to);
  await batch(ctx, async (tx) => {
    const active = [];
    for (const staffId of activeStaff) {
      const week = weeks.get(staffId);
      const link = await ctx.links.get(tx ?? ctx.db.orm, "staff", staffId);
      if (!week || !link) continue;
      active.push(week);
      await importHours(ctx, tx, staffId, link.localId, week);
    }
    if (active.length > 0) await importHours(ctx, tx, "location", null, salonHours(active));
  });
}

/** Reviews are a bonus: a user or plan without access to them must not fail the move of everything else. */
async function importReviews(ctx: ImportContext, source: YClientsSource, from: LocalDate, to: LocalDate, onPage: (total: number | null, done: number) => void): Promise<void> {
  try {
    await eachPage(source.reviews(from, to), onPage, (items) =>
      batch(ctx, async (tx) => {
        for (const review of readAll(ctx, items, readReview)) await importReview(ctx, tx, review);
      }),
    );
  } catch (e) {
    if (!(e instanceof AppError) || (e.code !== "FORBIDDEN" && e.code !== "NOT_FOUND")) throw e;
    ctx.report.warn("reviews_unavailable", undefined, { message: String(e.problems[0]?.params?.message ?? e.code) });
  }
}

/** Reads raw items, counting the unusable ones (no id, no date) as skipped invalid items. */
export function readAll<T>(ctx: ImportContext, items: Json[], read: (raw: Json) => T | null): T[] {
  return items.flatMap((raw) => {
    const item = read(raw);
    if (item === null) ctx.report.warn("invalid_item", JSON.stringify(raw).slice(0, 120));
    return item === null ? [] : [item];
  });
}

export async function eachPage(pages: AsyncGenerator<Page>, onPage: (total: number | null, done: number) => void, write: (items: Json[]) => Promise<void>): Promise<void> {
  let done = 0;
  for await (const page of pages) {
    await write(page.items);
    done += page.items.length;
    onPage(page.total, done);
  }
}
