// Every migration, in order. Imported as text so the compiled binary carries them; a test checks
// that this list and the folders agree, so a new file cannot be forgotten here.
import tenants from "./platform/0001_tenants.sql" with { type: "text" };
import schemaVersion from "./platform/0002_schema_version.sql" with { type: "text" };
// issue 19: a registry shared by instances on several hosts
import tenantIncarnation from "./platform/0003_tenant_incarnation.sql" with { type: "text" };
import jobLeases from "./platform/0004_job_leases.sql" with { type: "text" };
import business from "./tenant/0001_business.sql" with { type: "text" };
import catalogue from "./tenant/0002_catalogue.sql" with { type: "text" };
import schedule from "./tenant/0003_schedule.sql" with { type: "text" };
import user from "./tenant/0004_user.sql" with { type: "text" };
import client from "./tenant/0005_client.sql" with { type: "text" };
import booking from "./tenant/0006_booking.sql" with { type: "text" };
import notification from "./tenant/0007_notification.sql" with { type: "text" };
import audit from "./tenant/0008_audit.sql" with { type: "text" };
import notificationSettings from "./tenant/0009_notification_settings.sql" with { type: "text" };
import importLinks from "./tenant/0010_import.sql" with { type: "text" };
import session from "./tenant/0011_session.sql" with { type: "text" };
import dataVersionTriggers from "./tenant/0012_data_version_triggers.sql" with { type: "text" };
import salonPage from "./tenant/0013_salon_page.sql" with { type: "text" };
import bookingRequest from "./tenant/0016_booking_request.sql" with { type: "text" };
import holdAddress from "./tenant/0017_hold_address.sql" with { type: "text" };
// issue 12: rooms-only services
import serviceStaffRequired from "./tenant/0025_service_staff_required.sql" with { type: "text" };
// issue 11: opt-out links act for their recipient
import optedOutAddress from "./tenant/0036_opted_out_address.sql" with { type: "text" };
// issue 18: the clients API
import clientDiscount from "./tenant/0038_client_discount.sql" with { type: "text" };
// issue 18: calendar files and feeds
import bookingSequence from "./tenant/0040_booking_sequence.sql" with { type: "text" };
import staffCalendarFeed from "./tenant/0041_staff_calendar_feed.sql" with { type: "text" };
// issue 17: branches
import location from "./tenant/0050_location.sql" with { type: "text" };
// issue 16: Telegram bot and Mini App
import telegramBot from "./tenant/0090_telegram_bot.sql" with { type: "text" };
import bookingSourceTelegram from "./tenant/0091_booking_source_telegram.sql" with { type: "text" };
// issue 16: widget origins, VK Mini App, WhatsApp
import channels from "./tenant/0095_channels.sql" with { type: "text" };
import notificationChannels from "./tenant/0096_notification_channels.sql" with { type: "text" };
// issue 13: payments
import payment from "./tenant/0060_payment.sql" with { type: "text" };
// issue 14: packages, wallet, certificates, promo codes
import balance from "./tenant/0065_balance.sql" with { type: "text" };
// issue 18: outgoing webhooks
import webhook from "./tenant/0070_webhook.sql" with { type: "text" };
// issue 15: reviews, the client cabinet, the waitlist
import review from "./tenant/0080_review.sql" with { type: "text" };
import clientCabinet from "./tenant/0081_client_cabinet.sql" with { type: "text" };
// issue 18: outgoing webhooks, the scheduled YClients sync and hybrid mode
import yclientsSync from "./tenant/0071_yclients_sync.sql" with { type: "text" };
import yclientsHybrid from "./tenant/0072_yclients_hybrid.sql" with { type: "text" };
import push from "./tenant/0097_push.sql" with { type: "text" };
import waitlist from "./tenant/0082_waitlist.sql" with { type: "text" };
// issue 20: the catalogue cache
import catalogueVersion from "./tenant/0100_catalogue_version.sql" with { type: "text" };
import occupancyCoveringIndex from "./tenant/0101_occupancy_covering_index.sql" with { type: "text" };
import walletBookingIndex from "./tenant/0102_wallet_booking_index.sql" with { type: "text" };

export interface Migration {
  name: string;
  sql: string;
}

export const platformMigrations: Migration[] = [
  { name: "0001_tenants.sql", sql: tenants },
  { name: "0002_schema_version.sql", sql: schemaVersion },
  // issue 19
  { name: "0003_tenant_incarnation.sql", sql: tenantIncarnation },
  { name: "0004_job_leases.sql", sql: jobLeases },
];

export const tenantMigrations: Migration[] = [
  { name: "0001_business.sql", sql: business },
  { name: "0002_catalogue.sql", sql: catalogue },
  { name: "0003_schedule.sql", sql: schedule },
  { name: "0004_user.sql", sql: user },
  { name: "0005_client.sql", sql: client },
  { name: "0006_booking.sql", sql: booking },
  { name: "0007_notification.sql", sql: notification },
  { name: "0008_audit.sql", sql: audit },
  { name: "0009_notification_settings.sql", sql: notificationSettings },
  { name: "0010_import.sql", sql: importLinks },
  { name: "0011_session.sql", sql: session },
  { name: "0012_data_version_triggers.sql", sql: dataVersionTriggers },
  { name: "0013_salon_page.sql", sql: salonPage },
  { name: "0016_booking_request.sql", sql: bookingRequest },
  { name: "0017_hold_address.sql", sql: holdAddress },
  { name: "0025_service_staff_required.sql", sql: serviceStaffRequired },
  { name: "0036_opted_out_address.sql", sql: optedOutAddress },
  { name: "0038_client_discount.sql", sql: clientDiscount },
  { name: "0040_booking_sequence.sql", sql: bookingSequence },
  { name: "0041_staff_calendar_feed.sql", sql: staffCalendarFeed },
  // issue 17: branches
  { name: "0050_location.sql", sql: location },
  // issue 13: payments
  { name: "0060_payment.sql", sql: payment },
  // issue 14
  { name: "0065_balance.sql", sql: balance },
  // issue 18: outgoing webhooks
  { name: "0070_webhook.sql", sql: webhook },
  // issue 18: outgoing webhooks, the scheduled YClients sync and hybrid mode
  { name: "0071_yclients_sync.sql", sql: yclientsSync },
  { name: "0072_yclients_hybrid.sql", sql: yclientsHybrid },
  // issue 15
  { name: "0080_review.sql", sql: review },
  { name: "0081_client_cabinet.sql", sql: clientCabinet },
  { name: "0082_waitlist.sql", sql: waitlist },
  // issue 16
  { name: "0090_telegram_bot.sql", sql: telegramBot },
  { name: "0091_booking_source_telegram.sql", sql: bookingSourceTelegram },
  // issue 16: widget origins, VK Mini App, WhatsApp
  { name: "0095_channels.sql", sql: channels },
  { name: "0096_notification_channels.sql", sql: notificationChannels },
  { name: "0097_push.sql", sql: push },
  // issue 20
  { name: "0100_catalogue_version.sql", sql: catalogueVersion },
  { name: "0101_occupancy_covering_index.sql", sql: occupancyCoveringIndex },
  { name: "0102_wallet_booking_index.sql", sql: walletBookingIndex },
];

/** The schema version a tenant is at when it has every migration. */
export const LATEST_TENANT_MIGRATION = tenantMigrations[tenantMigrations.length - 1]!.name;
