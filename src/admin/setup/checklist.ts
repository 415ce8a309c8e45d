/**
 * The first-run checklist on a new salon's admin home: what stands between `tenant create` and a
 * first booking, each step read from the data itself (never a flag someone must remember to set).
 */
import { and, count, eq, isNull } from "drizzle-orm";
import { bookings } from "../../booking/schema.ts";
import { resources, services, staffServices } from "../../catalogue/schema.ts";
import type { Reader } from "../../db/database.ts";
import { readSettings } from "../../notification/settings.ts";
import { schedules } from "../../schedule/schema.ts";

export type SetupStep = "hours" | "masters" | "services" | "link" | "notifications";

export interface Checklist {
  steps: Array<{ step: SetupStep; done: boolean }>;
}

/** Null once the salon is live: it has a booking, and hours, masters and services are set up. */
export async function setupChecklist(reader: Reader, opts: { globalSmtp: boolean }): Promise<Checklist | null> {
  const has = async (query: Promise<Array<{ n: number }>>) => ((await query)[0]?.n ?? 0) > 0;
  const [hours, masters, servicesWithPeople, roomServices, booked, settings] = await Promise.all([
    has(reader.select({ n: count() }).from(schedules).where(isNull(schedules.resourceId))),
    // a master counts once they have working hours: without them nobody can book them
    has(reader.select({ n: count() }).from(resources).innerJoin(schedules, eq(schedules.resourceId, resources.id)).where(and(eq(resources.kind, "staff"), eq(resources.active, true)))),
    has(reader.select({ n: count() }).from(services).innerJoin(staffServices, eq(staffServices.serviceId, services.id)).where(eq(services.active, true))),
    has(reader.select({ n: count() }).from(services).where(and(eq(services.active, true), eq(services.staffRequired, false)))),
    has(reader.select({ n: count() }).from(bookings)),
    readSettings(reader),
  ]);
  const steps: Checklist["steps"] = [
    { step: "hours", done: hours },
    { step: "masters", done: masters || roomServices },
    { step: "services", done: servicesWithPeople || roomServices },
    { step: "link", done: booked },
    { step: "notifications", done: opts.globalSmtp || Boolean(settings.smtpUrl || settings.smsruApiId || settings.telegramBotToken) },
  ];
  return booked && steps.slice(0, 3).every((s) => s.done) ? null : { steps };
}
