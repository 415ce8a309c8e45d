import type { MessageKey, MessageParams } from "../i18n/i18n.ts";

/** Stable codes clients and scripts rely on; the edge maps each to an HTTP status (http/error-table.ts). */
export type ErrorCode =
  | "VALIDATION_ERROR"
  | "NOT_FOUND"
  | "ALREADY_EXISTS"
  | "SLOT_CONFLICT"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "RATE_LIMITED"
  | "TENANT_DISABLED"
  | "PAYLOAD_TOO_LARGE"
  | "IDEMPOTENCY_KEY_REUSED"
  // why a time cannot be booked, when it is not another booking in the way (SLOT_CONFLICT)
  | "OUTSIDE_HOURS"
  | "STAFF_NOT_QUALIFIED"
  | "BEYOND_HORIZON"
  | "TOO_SOON"
  | "NOT_ON_GRID"
  // closing a day that still has live bookings, without asking to cancel them
  | "DAY_HAS_BOOKINGS"
  // issue 18: the JSON API takes JSON bodies only
  | "UNSUPPORTED_MEDIA_TYPE"
  // issue 19: a salon migrated by a newer version, or being migrated by another instance
  | "TENANT_UNAVAILABLE"
  // issue 13: YooKassa refused to create a payment (bad shop credentials or receipt data)
  | "PAYMENT_PROVIDER_ERROR"
  // issue 14: what a client holds cannot pay for this (the ledgers are unchanged)
  | "INSUFFICIENT_BALANCE"
  | "PACKAGE_NOT_USABLE"
  | "CERTIFICATE_NOT_USABLE"
  | "PROMO_NOT_USABLE"
  // issue 15: a review of a visit that did not take place; a waitlist offer already taken or expired
  | "VISIT_NOT_COMPLETED"
  | "OFFER_GONE";

/** One human message, translated at the edge into the reader's language; `field` names the input. */
export interface Problem {
  field?: string;
  key: MessageKey;
  params?: MessageParams;
}

/** A failure the user can act on. Anything else that is thrown is a bug and shows as a bare 500. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly problems: Problem[],
    /** Extra JSON the API returns beside code/messages (e.g. conflicting_booking). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(`${code}: ${problems.map((p) => p.key).join(", ")}`);
  }
}

export const validationError = (problems: Problem[]) => new AppError("VALIDATION_ERROR", problems);
export const notFound = (what: MessageKey = "error.not_found", params?: MessageParams) =>
  new AppError("NOT_FOUND", [{ key: what, ...(params ? { params } : {}) }]);
