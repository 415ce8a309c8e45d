import { asc, count, eq, inArray } from "drizzle-orm";
import { resources, services } from "../catalogue/schema.ts";
import type { Reader } from "../db/database.ts";
import { toIsoWithOffset } from "../time/format.ts";
import { waitlist } from "./schema.ts";

const LIVE = ["waiting", "offered"] as const;

/** Requests still waiting or offered, oldest first (the order offers go out in). */
export async function listWaitlist(db: Reader, page: { limit: number; offset: number }) {
  const where = inArray(waitlist.status, [...LIVE]);
  const [data, [total]] = await Promise.all([
    db
      .select({ row: waitlist, service: services.title, staff: resources.name })
      .from(waitlist)
      .innerJoin(services, eq(services.id, waitlist.serviceId))
      .leftJoin(resources, eq(resources.id, waitlist.staffId))
      .where(where)
      .orderBy(asc(waitlist.createdAt), asc(waitlist.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(waitlist).where(where),
  ]);
  return { data, total: total?.n ?? 0 };
}

export type WaitlistItem = Awaited<ReturnType<typeof listWaitlist>>["data"][number];

const hhmm = (m: number | null) => (m === null ? null : `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`);

export const waitlistJson = ({ row, service, staff }: WaitlistItem, zone: string) => ({
  id: row.id,
  service_id: row.serviceId,
  service_title: service,
  staff_id: row.staffId,
  staff_name: staff,
  date_from: row.dateFrom,
  date_to: row.dateTo,
  time_from: hhmm(row.timeFrom),
  time_to: hhmm(row.timeTo),
  client: { name: row.contactName, phone: row.contactPhone, email: row.contactEmail },
  status: row.status,
  created_at: toIsoWithOffset(row.createdAt, zone),
});

export const timeOfDay = hhmm;
