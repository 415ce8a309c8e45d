/** One YClients record → one booking: its master, services, client, times, status, money and notes. */
import { inArray } from "drizzle-orm";
import { services } from "../../catalogue/schema.ts";
import { t } from "../../i18n/i18n.ts";
import { formatMoney } from "../../money/money.ts";
import { importBooking, type PlannedLine } from "../bookings.ts";
import { clientOfRecord, type IncomingClient } from "../clients.ts";
import { readerOf, type Batch, type ImportContext } from "../context.ts";
import { NO_SERVICE, placeholderService, placeholderStaff } from "./catalogue.ts";
import type { YcClient, YcRecord } from "./model.ts";
import { moneyOf, splitVisit, statusOf, visitTimes } from "./visit.ts";

/** A YClients client (from a list, a record or a webhook) in the shape the client importer takes. */
export function incomingClient(client: YcClient & { id: string }): IncomingClient {
  const { id, ...rest } = client;
  return { externalId: id, ...rest };
}

export async function importRecord(ctx: ImportContext, tx: Batch, record: YcRecord): Promise<void> {
  const { locale, currency, timezone } = ctx.salon;
  const staffId = record.staffId
    ? await placeholderStaff(ctx, tx, { id: record.staffId, name: record.staffName, position: record.staffPosition })
    : null;
  const count = Math.max(1, record.services.length);
  const lineMinutes = Math.round(record.seconds / 60 / count);
  if (record.services.length === 0) ctx.report.warn("record_without_services", `#${record.id} ${record.date}`, { title: t(locale, "import.placeholder.no_service") });
  const lines = record.services.length > 0 ? record.services : [{ id: NO_SERVICE, title: t(locale, "import.placeholder.no_service"), listMinor: 0, costMinor: 0, discountPercent: 0 }];
  const serviceIds: number[] = [];
  for (const line of lines) {
    // a line without an id (never seen, but the field is not guaranteed) is known by its title
    const id = line.id ?? (line.title ? `title:${line.title}` : NO_SERVICE);
    serviceIds.push(await placeholderService(ctx, tx, { id, title: line.title, minutes: lineMinutes || 60, priceMinor: line.listMinor }));
  }
  const usual = await usualMinutes(ctx, tx, serviceIds);
  const weights = serviceIds.map((id) => usual.get(id) ?? lineMinutes);
  const { start, end } = visitTimes(record, timezone, weights.reduce((a, b) => a + b, 0));
  const parts = splitVisit(start, end, weights);
  const planned: PlannedLine[] = parts.map((part, i) => ({
    serviceId: serviceIds[i]!,
    staffId,
    startTs: part.start,
    endTs: part.end,
    priceMinor: lines[i]!.costMinor,
  }));

  const client = record.client?.id ? await clientOfRecord(ctx, tx, incomingClient({ ...record.client, id: record.client.id })) : null;
  if (client === null) {
    ctx.report.warn("record_without_client", `#${record.id} ${record.date}${record.comment ? ` «${record.comment}»` : ""}`);
    ctx.report.tally("visits_without_client");
  }
  if (client?.kind === "walk_in") ctx.report.tally("walk_in_visits");

  const status = statusOf(record);
  if ((status === "pending" || status === "confirmed") && start < ctx.now) ctx.report.warn("past_unclosed", `#${record.id} ${record.date}`);
  const money = moneyOf(record);
  const notes = [
    record.comment || null,
    client?.kind === "walk_in" ? t(locale, "import.note.walk_in") : null,
    money.discountMinor > 0
      ? t(locale, "import.note.discount", { amount: formatMoney(money.discountMinor, currency, locale), full: formatMoney(money.listMinor, currency, locale) })
      : null,
  ].filter((n) => n !== null);
  await importBooking(ctx, tx, {
    externalId: record.id,
    groupKey: record.visitId,
    status,
    startTs: start,
    endTs: end,
    clientId: client?.kind === "client" ? client.localId : null,
    priceMinor: money.priceMinor,
    paidMinor: money.paidMinor,
    notes: notes.length > 0 ? notes.join("\n") : null,
    cancelReason: status === "cancelled" ? t(locale, "import.cancel_reason") : null,
    lines: planned,
  });
}

/** The usual length of each local service (its duration here), which weighs how a record's time is split. */
async function usualMinutes(ctx: ImportContext, tx: Batch, serviceIds: number[]): Promise<Map<number, number>> {
  const known = serviceIds.filter((id) => id > 0);
  if (known.length === 0) return new Map();
  const rows = await readerOf(ctx, tx)
    .select({ id: services.id, minutes: services.durationMinutes })
    .from(services)
    .where(inArray(services.id, [...new Set(known)]));
  return new Map(rows.map((r) => [r.id, r.minutes]));
}
