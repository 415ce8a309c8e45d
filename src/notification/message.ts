import type { EmailProps } from "../../views/notification/email.tsx";
import type { Database } from "../db/database.ts";
import type { Locale } from "../i18n/i18n.ts";
import { fill, templateFor, type Facts } from "./compose.ts";
import type { OutgoingAttachment, OutgoingMessage } from "./channels/outcome.ts";
import { optOutToken } from "./links.ts";
import { isNotificationEvent } from "./model.ts";
import { reviewPath, reviewToken } from "../review/token.ts";
import { messageId } from "./message-id.ts";
import type { NotificationRow } from "./lease.ts";
import type { NotificationSettings } from "./settings.ts";

/** What building a message needs from outside the tenant. */
export interface MessageDeps {
  publicUrl: string;
  emailHtml(props: EmailProps): Promise<string>;
  /** The booking's .ics attachment (src/booking/calendar-file.ts); absent → no attachment. */
  calendarFor?(db: Database, bookingId: number, target: { slug: string; locale: Locale; manageUrl: string }): Promise<OutgoingAttachment | null>;
}

// Events whose email carries the visit as a calendar file, and those with a one-click unsubscribe.
const WITH_CALENDAR = new Set(["confirmed", "rescheduled", "cancelled"]);
const WITH_LIST_UNSUBSCRIBE = new Set(["reminder", "review"]);

/** The row's message in the salon's wording, addressed to `to`. */
export async function buildMessage(
  deps: MessageDeps,
  tenant: { slug: string; db: Database },
  settings: NotificationSettings,
  row: NotificationRow,
  facts: Facts,
  to: string,
): Promise<OutgoingMessage> {
  // direct rows (issue 15) carry their own text and are sent by delivery.ts without coming here
  if (!isNotificationEvent(row.event)) throw new Error(`no template for the direct event ${row.event}`);
  const template = await templateFor(tenant.db.orm, row.event, row.channel, facts.locale);
  // issue 15: the review request links the visit's review page
  const values = row.event === "review" && row.bookingId !== null ? { ...facts.values, review_url: `${deps.publicUrl}${reviewPath(tenant.slug, row.bookingId, reviewToken(settings.linkSecret, row.bookingId))}` } : facts.values;
  const text = fill(template.body, values);
  const host = new URL(deps.publicUrl).hostname;
  const id = messageId(settings, row.id, tenant.slug, host);
  if (row.channel !== "email") return { id, to, subject: "", text };
  // bound to `to`: the booking's contact e-mail may be a stranger's, not the client's (see links.ts)
  const token = optOutToken(settings.linkSecret, facts.client.id, "email", to);
  const optOutUrl = `${deps.publicUrl}/${tenant.slug}/unsubscribe/${token}`;
  const subject = fill(template.subject, values);
  const manageUrl = row.payload.manageUrl ?? null;
  const html = await deps.emailHtml({ locale: facts.locale, salon: facts.values.salon, subject, text, manageUrl, optOutUrl });
  const headers: Record<string, string> = {};
  if (WITH_LIST_UNSUBSCRIBE.has(row.event)) {
    // RFC 8058 one-click: mail apps POST to this URL; it is under /api, signed, and needs no cookie.
    headers["List-Unsubscribe"] = `<${deps.publicUrl}/api/v1/businesses/${tenant.slug}/unsubscribe/${token}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
  }
  // a cancellation without a stored manage link still removes the visit: the file links the salon page
  const withCalendar = WITH_CALENDAR.has(row.event) && row.bookingId !== null && deps.calendarFor;
  const ics = withCalendar ? await deps.calendarFor!(tenant.db, row.bookingId!, { slug: tenant.slug, locale: facts.locale, manageUrl: facts.values.manage_url }) : null;
  return {
    id,
    to,
    subject,
    text,
    html,
    headers,
    ...(ics ? { attachments: [ics] } : {}),
  };
}
