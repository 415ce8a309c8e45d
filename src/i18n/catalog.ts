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
// issue 16: widget, VK Mini App, WhatsApp, Web Push
import { embedMessages } from "../embed/messages.ts";
import { whatsappMessages } from "../notification/whatsapp-messages.ts";
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
  // issue 16
  embedMessages,
  whatsappMessages,
  pushMessages,
] as const;
