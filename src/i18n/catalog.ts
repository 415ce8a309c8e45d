// Every domain's messages, merged into one catalog per language. A new domain adds one line here.
import { coreMessages } from "./core.ts";
import { bookingMessages } from "../booking/messages.ts";
import { bookingPageMessages } from "../booking/page-messages.ts";
import { backupMessages } from "../backup/messages.ts";
import { sessionMessages } from "../session/messages.ts";
import { adminMessages } from "../admin/messages.ts";
import { calendarMessages } from "../admin/calendar/messages.ts";
import { catalogueAdminMessages } from "../admin/catalogue/messages.ts";
import { clientsAdminMessages } from "../admin/clients/messages.ts";
import { clientMessages } from "../client/messages.ts";
import { settingsAdminMessages } from "../admin/settings/messages.ts";
import { reportMessages } from "../report/messages.ts";
import { availabilityMessages } from "../availability/messages.ts";
import { catalogueMessages } from "../catalogue/messages.ts";
import { scheduleMessages } from "../schedule/messages.ts";
import { businessMessages } from "../business/messages.ts";
import { notificationMessages } from "../notification/messages.ts";
import { notificationAdminMessages } from "../notification/admin-messages.ts";
import { importMessages } from "../import/messages.ts";
import { usersAdminMessages } from "../admin/users/messages.ts";
// issue 12 (the journal, unavailability reasons)
import { journalMessages } from "../admin/calendar/journal-messages.ts";
import { reasonMessages } from "../availability/reason-messages.ts";
// issue 18 (strict JSON bodies of the API)
import { apiMessages } from "../http/api-messages.ts";
// issue 17 (branches)
import { locationMessages } from "../location/messages.ts";
// issue 16 (Telegram bot and Mini App)
import { telegramMessages } from "../telegram/messages.ts";
// issue 16: widget, VK Mini App, WhatsApp, Web Push
import { embedMessages } from "../embed/messages.ts";
import { whatsappMessages } from "../notification/whatsapp-messages.ts";
// issue 13 (payments)
import { paymentMessages } from "../payment/messages.ts";
// issue 14 (packages, wallet, certificates, promo codes)
import { balanceMessages } from "../balance/messages.ts";
import { priceLineMessages } from "../balance/view-messages.ts";
import { balanceAdminMessages } from "../balance/admin-messages.ts";
// issue 18 (outgoing webhooks)
import { webhookMessages } from "../webhook/messages.ts";
// issue 15 (reviews, the client cabinet, the waitlist)
import { reviewMessages } from "../review/messages.ts";
import { cabinetMessages } from "../cabinet/messages.ts";
import { waitlistMessages } from "../waitlist/messages.ts";
import { pushMessages } from "../push/messages.ts";

export const MESSAGE_PARTS = [
  coreMessages,
  bookingMessages,
  bookingPageMessages,
  backupMessages,
  availabilityMessages,
  catalogueMessages,
  scheduleMessages,
  businessMessages,
  sessionMessages,
  adminMessages,
  calendarMessages,
  catalogueAdminMessages,
  clientsAdminMessages,
  clientMessages,
  settingsAdminMessages,
  reportMessages,
  notificationMessages,
  notificationAdminMessages,
  importMessages,
  usersAdminMessages,
  journalMessages,
  reasonMessages,
  apiMessages,
  // issue 17
  locationMessages,
  // issue 16
  telegramMessages,
  // issue 16
  embedMessages,
  whatsappMessages,
  paymentMessages,
  // issue 14
  balanceMessages,
  priceLineMessages,
  balanceAdminMessages,
  // issue 18
  webhookMessages,
  reviewMessages,
  cabinetMessages,
  waitlistMessages,
  pushMessages,
] as const;
