import type { BookingSource, BookingStatus } from "../booking/schema.ts";
import type { MessageKey } from "../i18n/i18n.ts";

/** Message keys of booking statuses and sources, for every admin view. */
export const STATUS_LABEL: Record<BookingStatus, MessageKey> = {
  pending: "calendar.status.pending",
  confirmed: "calendar.status.confirmed",
  cancelled: "calendar.status.cancelled",
  completed: "calendar.status.completed",
  no_show: "calendar.status.no_show",
};

export const SOURCE_LABEL: Record<BookingSource, MessageKey> = {
  web: "calendar.source.web",
  admin: "calendar.source.admin",
  api: "calendar.source.api",
  import: "calendar.source.import",
  telegram: "telegram.source", // issue 16
};
