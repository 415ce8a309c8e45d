/**
 * Turns what a client sent (API JSON or a page form, already read into a plain record) into a
 * NewBooking, collecting EVERY problem with its field so the client can fix them all at once.
 */
import { MAX_VISIT_SERVICES, PAST_LIMIT_DAYS, type Override } from "../availability/availability.ts";
import { parseBalanceRequest } from "../balance/request.ts";
import type { BalanceRequest } from "../balance/visit.ts";
import { normalizePhone, phonePlaceholder } from "../client/phone.ts";
import { validationError, type Problem } from "../error/app-error.ts";
import { singleLine } from "../text/single-line.ts";
import { parseIsoInstant } from "../time/format.ts";
import type { BookingSource } from "./schema.ts";
import { IDEMPOTENCY_KEY } from "./tokens.ts";

export const LIMITS = { name: 100, email: 200, notes: 1000, body: 16 * 1024 } as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type ClientRef = { contact: { name: string; phone: string; email: string | null } } | { clientId: number };

export interface NewBooking {
  serviceIds: number[];
  staffId: number | "any";
  start: number;
  client: ClientRef;
  notes: string | null;
  /** The client ticked the consent box (pages require it; the API may pass `consent: true`). */
  consent: boolean;
  source: BookingSource;
  idempotencyKey: string | null;
  holdToken: string | null;
  createdBy: number | null;
  /** Staff (an admin session or API token) book: only they may change a known client's record. */
  byStaff: boolean;
  /** Staff's explicit choice to book outside hours / over another booking (admin only, audited). */
  override?: Override;
  /** The audit log's "who" of an override. */
  overrideBy?: string;
  /** The branch (issue 17); may be left out while the salon has one. */
  locationId?: number | null;
  /** issue 14: what the visit is paid with besides money (package, wallet, certificate) and a promo code. */
  balance?: BalanceRequest;
  /** issue 15: the client the cabinet signed in on this browser; only they may spend what they hold. */
  provenClientId?: number;
}

/** The fields of POST /bookings (DESIGN §3); pages map their form onto the same names. */
export interface BookingRequest {
  service_id?: unknown;
  services?: unknown;
  staff_id?: unknown;
  start_ts?: unknown;
  client?: unknown;
  client_id?: unknown;
  notes?: unknown;
  consent?: unknown;
  location_id?: unknown;
  // issue 14
  promo_code?: unknown;
  use_package?: unknown;
  pay_with_wallet?: unknown;
  certificate_code?: unknown;
}

export interface ParseContext {
  /** The salon's country: numbers without a country code are read in it. */
  country: string;
  now: number;
  source: BookingSource;
  /** Only callers with an admin token may book for an existing client by id. */
  mayUseClientId: boolean;
  /** Pages require the consent box; the API leaves consent to the integrator. */
  consentRequired: boolean;
  idempotencyKey: string | null;
  holdToken: string | null;
  createdBy: number | null;
  /** Staff who act on every master may record a walk-in or a visit that already happened. */
  pastAllowed?: boolean;
  /** A client the cabinet signed in may ask to spend their package or wallet (checked again in the write). */
  balanceAllowed?: boolean;
}

export const isId = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v > 0;

export function parseServiceIds(body: Pick<BookingRequest, "service_id" | "services">, problems: Problem[]): number[] {
  const raw = body.services ?? (body.service_id === undefined ? [] : [body.service_id]);
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.push({ field: "service_id", key: "booking.service_required" });
    return [];
  }
  if (raw.length > MAX_VISIT_SERVICES || !raw.every(isId)) {
    problems.push({ field: "services", key: "booking.services_invalid", params: { max: MAX_VISIT_SERVICES } });
    return [];
  }
  return raw;
}

export function parseStaffId(value: unknown, problems: Problem[]): number | "any" {
  if (value === undefined || value === null || value === "any") return "any";
  if (isId(value)) return value;
  problems.push({ field: "staff_id", key: "booking.staff_invalid" });
  return "any";
}

/** `pastAllowed`: staff recording a walk-in or a past visit, up to PAST_LIMIT_DAYS back. */
export function parseStart(value: unknown, now: number, problems: Problem[], pastAllowed = false): number {
  const start = typeof value === "string" ? parseIsoInstant(value) : null;
  if (start === null) problems.push({ field: "start_ts", key: "booking.start_invalid" });
  else if (!pastAllowed && start <= now) problems.push({ field: "start_ts", key: "booking.start_past" });
  else if (start < now - PAST_LIMIT_DAYS * 86_400_000) problems.push({ field: "start_ts", key: "booking.start_too_old", params: { days: PAST_LIMIT_DAYS } });
  return start ?? 0;
}

function text(value: unknown, field: string, max: number, problems: Problem[], tooLong: Problem["key"], lines: "single" | "multi" = "single"): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") {
    problems.push({ field, key: "error.field_invalid" });
    return null;
  }
  const trimmed = lines === "single" ? singleLine(value) : value.trim();
  if (trimmed.length > max) problems.push({ field, key: tooLong, params: { max } });
  return trimmed.length > 0 ? trimmed : null;
}

function parseClient(body: BookingRequest, ctx: ParseContext, problems: Problem[]): ClientRef | null {
  if (body.client_id !== undefined) {
    if (!ctx.mayUseClientId) problems.push({ field: "client_id", key: "booking.client_id_forbidden" });
    else if (!isId(body.client_id)) problems.push({ field: "client_id", key: "error.field_invalid" });
    else return { clientId: body.client_id };
    return null;
  }
  const client = (typeof body.client === "object" && body.client !== null ? body.client : {}) as Record<string, unknown>;
  const name = text(client.name, "client.name", LIMITS.name, problems, "booking.name_too_long");
  if (name === null) problems.push({ field: "client.name", key: "booking.name_required" });
  const rawPhone = text(client.phone, "client.phone", 40, problems, "booking.phone_invalid");
  const phone = rawPhone === null ? null : normalizePhone(rawPhone, ctx.country);
  if (rawPhone === null) problems.push({ field: "client.phone", key: "booking.phone_required" });
  else if (phone === null) problems.push({ field: "client.phone", key: "booking.phone_invalid", params: { example: phonePlaceholder(ctx.country) } });
  const email = text(client.email, "client.email", LIMITS.email, problems, "booking.email_invalid");
  if (email !== null && !EMAIL.test(email)) problems.push({ field: "client.email", key: "booking.email_invalid" });
  return name !== null && phone !== null ? { contact: { name, phone, email } } : null;
}

export function parseBookingRequest(body: BookingRequest, ctx: ParseContext): NewBooking {
  const problems: Problem[] = [];
  const serviceIds = parseServiceIds(body, problems);
  const staffId = parseStaffId(body.staff_id, problems);
  const start = parseStart(body.start_ts, ctx.now, problems, ctx.pastAllowed);
  const client = parseClient(body, ctx, problems);
  const notes = text(body.notes, "notes", LIMITS.notes, problems, "booking.notes_too_long", "multi");
  if (body.consent !== undefined && typeof body.consent !== "boolean") problems.push({ field: "consent", key: "error.field_invalid" });
  const consent = body.consent === true;
  if (ctx.consentRequired && !consent) problems.push({ field: "consent", key: "booking.consent_required" });
  if (ctx.idempotencyKey !== null && !IDEMPOTENCY_KEY.test(ctx.idempotencyKey)) {
    problems.push({ field: "Idempotency-Key", key: "booking.idempotency_key_invalid" });
  }
  if (body.location_id !== undefined && body.location_id !== null && !isId(body.location_id)) problems.push({ field: "location_id", key: "error.field_invalid" });
  const balance = parseBalanceRequest(body, ctx.mayUseClientId || ctx.balanceAllowed === true, problems);
  if (problems.length > 0 || client === null) throw validationError(problems);
  return {
    ...(isId(body.location_id) ? { locationId: body.location_id } : {}),
    serviceIds,
    staffId,
    start,
    client,
    notes,
    consent,
    source: ctx.source,
    idempotencyKey: ctx.idempotencyKey,
    holdToken: ctx.holdToken,
    createdBy: ctx.createdBy,
    // callers who may name a client by id are the salon's staff (admin session or API token)
    byStaff: ctx.mayUseClientId,
    ...(balance ? { balance } : {}),
  };
}
