import type { ErrorCode } from "../error/app-error.ts";

/** The ONE table from domain error code to HTTP status. */
export const STATUS_OF: Record<ErrorCode, number> = {
  VALIDATION_ERROR: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  SLOT_CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  TENANT_DISABLED: 503,
  IDEMPOTENCY_KEY_REUSED: 422,
  // the time cannot be booked as asked (the resource's state, not the request's shape)
  OUTSIDE_HOURS: 409,
  STAFF_NOT_QUALIFIED: 409,
  BEYOND_HORIZON: 409,
  TOO_SOON: 409,
  NOT_ON_GRID: 409,
  DAY_HAS_BOOKINGS: 409,
  // issue 18
  UNSUPPORTED_MEDIA_TYPE: 415,
  // issue 19
  TENANT_UNAVAILABLE: 503,
  // issue 13
  PAYMENT_PROVIDER_ERROR: 502,
  // issue 14: the request is well formed, the balance or code it names cannot pay
  INSUFFICIENT_BALANCE: 409,
  PACKAGE_NOT_USABLE: 409,
  CERTIFICATE_NOT_USABLE: 409,
  PROMO_NOT_USABLE: 409,
  // issue 15
  VISIT_NOT_COMPLETED: 409,
  OFFER_GONE: 410,
};
