/**
 * Time off: a master or resource away over [start, end) — holidays, sick days, a few hours at the
 * doctor's. Unlike exceptions (one local date) it spans instants, so a two-week holiday is one row.
 */
import { and, asc, eq, gt } from "drizzle-orm";
import type { Actor } from "../account/permissions.ts";
import { recordPublicChange } from "../business/data-version.ts";
import { resources } from "../catalogue/schema.ts";
import type { Reader } from "../db/database.ts";
import { notFound } from "../error/app-error.ts";
import { Problems } from "../error/problems.ts";
import type { ScheduleDeps } from "./schedule.ts";
import { timeOff } from "./schema.ts";
import { singleLine } from "../text/single-line.ts";

export type TimeOffRow = typeof timeOff.$inferSelect;

export interface TimeOffInput {
  resourceId: number;
  /** Instants (epoch ms); null when the form's date or time was not valid. */
  startTs: number | null;
  endTs: number | null;
  reason?: string | null;
}

const MAX_SPAN_MS = 366 * 24 * 3_600_000;

export async function addTimeOff(deps: ScheduleDeps, actor: Actor, input: TimeOffInput): Promise<number> {
  const p = new Problems();
  const { startTs, endTs } = input;
  p.check(startTs !== null, "start", "schedule.date_invalid");
  if (p.check(endTs !== null, "end", "schedule.date_invalid") && startTs !== null) {
    if (p.check(endTs! > startTs, "end", "schedule.end_before_start")) p.check(endTs! - startTs <= MAX_SPAN_MS, "end", "time_off.too_long");
  }
  if (input.reason) p.check(input.reason.length <= 300, "reason", "exception.note_too_long");
  p.throwIfAny();
  return deps.db.write(async (tx) => {
    const [owner] = await tx.select({ id: resources.id }).from(resources).where(eq(resources.id, input.resourceId));
    if (!owner) throw notFound("resource.not_found", { id: input.resourceId });
    const [row] = await tx
      .insert(timeOff)
      .values({ resourceId: input.resourceId, startTs: startTs!, endTs: endTs!, reason: (input.reason && singleLine(input.reason)) || null })
      .returning({ id: timeOff.id });
    await recordPublicChange(tx, { at: deps.clock.now(), actor: actor.label, userId: actor.userId, action: "time_off.create", entity: "time_off", entityId: row!.id, details: { ...input } });
    return row!.id;
  });
}

export async function removeTimeOff(deps: ScheduleDeps, actor: Actor, id: number): Promise<void> {
  await deps.db.write(async (tx) => {
    const [gone] = await tx.delete(timeOff).where(eq(timeOff.id, id)).returning();
    if (!gone) throw notFound("time_off.not_found", { id });
    await recordPublicChange(tx, { at: deps.clock.now(), actor: actor.label, userId: actor.userId, action: "time_off.delete", entity: "time_off", entityId: id, details: { ...gone } });
  });
}

/** A resource's time off that ends after `from`, earliest first. */
export async function listTimeOff(reader: Reader, resourceId: number, from: number): Promise<TimeOffRow[]> {
  return reader.select().from(timeOff).where(and(eq(timeOff.resourceId, resourceId), gt(timeOff.endTs, from))).orderBy(asc(timeOff.startTs));
}
