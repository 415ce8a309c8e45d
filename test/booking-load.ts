// Booking traffic against real `zapis serve` processes, for the crash and multi-instance tests.
import { createClient } from "@libsql/client";
import { join } from "node:path";
import { zapis } from "./serve.ts";

export interface Slot {
  serviceId: number;
  staffId: number;
  startTs: string;
}

export interface BookingOutcome {
  status: number;
  id?: number;
  startTs?: string;
}

/** A fresh data folder with the demo salon `salon` (extra `tenant create` flags: e.g. --db-url), and an owner API token for it. */
export function provisionSalon(dataDir: string, createFlags: string[] = []): string {
  const created = zapis(dataDir, ["tenant", "create", "salon", "--name", "Лотос", "--demo", ...createFlags]);
  if (created.code !== 0) throw new Error(`tenant create failed: ${created.stderr}`);
  return zapis(dataDir, ["tenant", "token", "salon"]).stdout.trim();
}

export const apiOf = (baseUrl: string, slug = "salon") => `${baseUrl}/api/v1/businesses/${slug}`;

/** Free slots of the demo salon's first service over the next two weeks, each with one named master. */
export async function freeSlots(baseUrl: string, slug = "salon"): Promise<Slot[]> {
  const services = (await (await fetch(`${apiOf(baseUrl, slug)}/services`)).json()) as { data: Array<{ id: number }> };
  const serviceId = services.data[0]!.id;
  const from = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const availability = (await (await fetch(`${apiOf(baseUrl, slug)}/availability?date=${from}&service_id=${serviceId}&days=14`)).json()) as {
    days: Array<{ slots: Array<{ start_ts: string; staff_ids: number[] }> }>;
  };
  return availability.days.flatMap((d) => d.slots.map((s) => ({ serviceId, staffId: s.staff_ids[0]!, startTs: s.start_ts })));
}

let phone = 0;

/** POSTs one booking; a connection that dies mid-request (the server was killed) is status 0. */
export async function book(baseUrl: string, slot: Slot): Promise<BookingOutcome> {
  phone += 1;
  const body = {
    service_id: slot.serviceId,
    staff_id: slot.staffId,
    start_ts: slot.startTs,
    client: { name: `Клиент ${phone}`, phone: `+7900${String(10_000_000 + phone).slice(1)}` },
  };
  try {
    const response = await fetch(`${apiOf(baseUrl)}/bookings`, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": crypto.randomUUID() },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { booking?: { id: number; start_ts: string } };
    return { status: response.status, id: json.booking?.id, startTs: json.booking?.start_ts };
  } catch {
    return { status: 0 };
  }
}

/** Every booking the admin API lists (the demo salon has far fewer than 500 in these tests). */
export async function listedBookings(baseUrl: string, token: string): Promise<Array<{ id: number; start_ts: string; status: string }>> {
  const response = await fetch(`${apiOf(baseUrl)}/bookings?limit=500`, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`GET /bookings answered ${response.status}`);
  return ((await response.json()) as { data: Array<{ id: number; start_ts: string; status: string }> }).data;
}

/** Opens the salon's database directly (a local file: stop the servers first) and runs `fn` on it. */
export async function withSalonDb<T>(
  where: { dataDir: string } | { url: string; authToken: string },
  fn: (client: ReturnType<typeof createClient>) => Promise<T>,
): Promise<T> {
  const client = createClient("dataDir" in where ? { url: `file:${join(where.dataDir, "salon", "tenant.db")}` } : where);
  try {
    return await fn(client);
  } finally {
    client.close();
  }
}

/** Rows a booking write must never leave behind half-done: bookings without their parts, or parts without a booking. */
export const PARTIAL_ROWS_SQL = `
  SELECT
    (SELECT count(*) FROM bookings b WHERE NOT EXISTS (SELECT 1 FROM booking_services s WHERE s.booking_id = b.id)) AS without_services,
    (SELECT count(*) FROM bookings b WHERE b.status IN ('pending', 'confirmed') AND NOT EXISTS (SELECT 1 FROM occupancy o WHERE o.booking_id = b.id)) AS without_occupancy,
    (SELECT count(*) FROM booking_services s WHERE NOT EXISTS (SELECT 1 FROM bookings b WHERE b.id = s.booking_id)) AS orphan_services,
    (SELECT count(*) FROM occupancy o WHERE NOT EXISTS (SELECT 1 FROM bookings b WHERE b.id = o.booking_id)) AS orphan_occupancy`;
