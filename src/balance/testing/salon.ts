import { expect } from "bun:test";
import type { Harness } from "../../../test/harness.ts";

export const BASE = "/api/v1/businesses/salon";
/** Service 1 of the demo salon (a women's haircut) costs 2 500 ₽. */
export const HAIRCUT = { id: 1, price: 250_000 };

/**
 * Twenty distinct bookable starts for a haircut with "any" master in the demo salon's first week
 * (Tue–Sat: Olga works 11–15 and 16–21 every one of those days).
 */
export const TWENTY_STARTS = [2, 3, 4, 5, 6].flatMap((day) => ["11:00", "12:30", "16:00", "17:30"].map((time) => `2027-03-0${day}T${time}:00+03:00`));

export async function newClient(h: Harness, phone = "+79161112233", extra: Record<string, unknown> = {}): Promise<number> {
  const res = await h.api("POST", `${BASE}/clients`, { name: "Вера Клиентова", phone, ...extra });
  expect(res.status).toBe(201);
  return ((await res.json()) as { client: { id: number } }).client.id;
}

export async function deposit(h: Harness, clientId: number, amount: number): Promise<void> {
  const res = await h.api("POST", `${BASE}/clients/${clientId}/wallet/transactions`, { type: "deposit", amount, method: "cash" });
  expect(res.status).toBe(201);
}

export async function walletOf(h: Harness, clientId: number): Promise<{ balance: number; transactions: Array<{ type: string; amount: number; booking_id: number | null }> }> {
  const res = await h.api("GET", `${BASE}/clients/${clientId}/wallet`);
  expect(res.status).toBe(200);
  return (await res.json()) as never;
}

/** A staff booking (owner token) of a haircut for a stored client, with the balance fields given. */
export function bookFor(h: Harness, clientId: number, start: string, fields: Record<string, unknown> = {}): Promise<Response> {
  return h.api("POST", `${BASE}/bookings`, { service_id: HAIRCUT.id, start_ts: start, client_id: clientId, ...fields });
}

export type BookingBody = { booking: { id: number; manage_url: string; price: number; discount: number; total: number; prepaid: number; price_lines: Array<{ kind: string; amount: number }> } };
