/**
 * Live sync while a salon switches: YClients posts every record and client change
 * ({company_id, resource, resource_id, status, data}, API.md §7) and it is applied through the same
 * mapper as the bulk import, in one transaction per event. Replays are harmless: an event whose data
 * is already here is "unchanged". Other resources are acknowledged and ignored, so YClients does not
 * retry them forever.
 */
import { eq } from "drizzle-orm";
import type { Database, Tx } from "../../db/database.ts";
import { AppError } from "../../error/app-error.ts";
import { t } from "../../i18n/i18n.ts";
import type { Clock } from "../../time/clock.ts";
import { cancelImportedBooking } from "../bookings.ts";
import { importClient } from "../clients.ts";
import { openImportContext, type ImportContext } from "../context.ts";
import type { Outcome } from "../report.ts";
import { importWebhooks } from "../schema.ts";
import type { WebhookSettings } from "../webhook-token.ts";
import { id, obj, str, type Json } from "./coerce.ts";
import { readClient, readRecord } from "./model.ts";
import { importRecord, incomingClient } from "./records.ts";

export interface WebhookEvent {
  companyId: string;
  resource: string;
  resourceId: string;
  status: string;
  data: Json;
}

export interface WebhookResult {
  resource: string;
  resource_id: string;
  status: string;
  outcome: Outcome | "cancelled" | "kept" | "ignored";
}

export function readWebhookEvent(body: unknown): WebhookEvent | null {
  const e = obj(body);
  const companyId = id(e?.company_id);
  const resourceId = id(e?.resource_id) ?? id(obj(e?.data)?.id);
  if (!e || !companyId || !resourceId || !str(e.resource) || !str(e.status)) return null;
  return { companyId, resource: str(e.resource), resourceId, status: str(e.status).toLowerCase(), data: e.data ?? null };
}

/** Applies one webhook body (or an array of them) to the salon; throws for a foreign or unreadable event. */
export async function applyYClientsWebhook(deps: { db: Database; clock: Clock }, settings: WebhookSettings, body: unknown): Promise<WebhookResult[]> {
  const events = (Array.isArray(body) ? body : [body]).map((item) => {
    const event = readWebhookEvent(item);
    if (!event) throw new AppError("VALIDATION_ERROR", [{ field: "body", key: "import.webhook.payload_invalid" }]);
    if (event.companyId !== settings.externalId) {
      throw new AppError("FORBIDDEN", [{ key: "import.webhook.company_mismatch", params: { expected: settings.externalId, got: event.companyId } }]);
    }
    return event;
  });
  const results: WebhookResult[] = [];
  for (const event of events) {
    const now = deps.clock.now();
    const ctx = await openImportContext(deps.db, { source: "yclients", now, dryRun: false, reminders: settings.reminders, preload: false });
    const outcome = await deps.db.write(async (tx) => {
      await tx.update(importWebhooks).set({ lastUsedAt: now }).where(eq(importWebhooks.source, "yclients"));
      return apply(ctx, tx, event);
    });
    results.push({ resource: event.resource, resource_id: event.resourceId, status: event.status, outcome });
  }
  return results;
}

async function apply(ctx: ImportContext, tx: Tx, event: WebhookEvent): Promise<WebhookResult["outcome"]> {
  const deleted = event.status === "delete" || event.status === "cancel";
  if (event.resource === "record") {
    const record = readRecord(event.data);
    if (!record) {
      if (!deleted) throw new AppError("VALIDATION_ERROR", [{ field: "data", key: "import.webhook.payload_invalid" }]);
      return (await cancelImportedBooking(ctx, tx, event.resourceId, t(ctx.salon.locale, "import.cancel_reason"))) ? "cancelled" : "ignored";
    }
    await importRecord(ctx, tx, deleted ? { ...record, deleted: true } : record);
    return outcomeOf(ctx, "bookings");
  }
  if (event.resource === "client") {
    if (deleted) {
      // Visits keep their client: deleting a client there does not erase history here.
      ctx.report.warn("client_deleted", event.resourceId);
      return "kept";
    }
    const client = readClient(event.data);
    if (!client) throw new AppError("VALIDATION_ERROR", [{ field: "data", key: "import.webhook.payload_invalid" }]);
    const done = await importClient(ctx, tx, incomingClient({ ...client, id: client.id ?? event.resourceId }));
    return done.kind === "walk_in" ? "ignored" : outcomeOf(ctx, "clients");
  }
  return "ignored";
}

function outcomeOf(ctx: ImportContext, entity: "bookings" | "clients"): Outcome {
  const counts = ctx.report.countsOf(entity);
  return counts?.created ? "created" : counts?.updated ? "updated" : counts?.skipped ? "skipped" : "unchanged";
}
