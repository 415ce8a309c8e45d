import { accountPages, loginPages } from "../session/routes.tsx";
import { bookingListPages } from "./bookings/routes.tsx";
import { calendarPages } from "./calendar/routes.tsx";
import { cataloguePages } from "./catalogue/routes.tsx";
import { clientPages } from "./clients/routes.tsx";
import { policyPages } from "./catalogue/policy-routes.tsx";
import { schedulePages } from "./catalogue/schedule-routes.tsx";
import { staffPages } from "./catalogue/staff-routes.tsx";
import { ownerPages } from "./owner-routes.tsx";
import { settingsPages } from "./settings/routes.tsx";
import { channelSettingsPages } from "./settings/channel-routes.tsx";
import { paymentSettingsPages } from "./settings/payment-routes.tsx";
import { moneyReportPages } from "../payment/report-routes.tsx";
// issue 18: outgoing webhooks, YClients hybrid mode
import { webhookSettingsPages } from "./settings/webhook-routes.tsx";
import { yclientsSettingsPages } from "./settings/yclients-routes.tsx";
import { appsSettingsPages } from "./settings/apps-routes.tsx"; // issue 16
import { reportPages } from "../report/routes.tsx";
import { adminScope, type AdminDeps } from "./scope.ts";
// issue 14: the client card's balance tab; packages, promo codes, certificates and their report
import { clientBalancePages } from "./clients/balance-routes.tsx";
import { balanceAdminPages } from "./balance/routes.tsx";
// issue 15
import { reviewAdminPages } from "../review/pages.tsx";
// issue 17: branches
import { locationPages } from "../location/admin-routes.tsx";
import { waitlistAdminPages } from "../waitlist/admin.tsx";

/**
 * Everything under `/<slug>/admin`: sign-in first, then the pages that need a session. Two plugins
 * for the app to use, not one Elysia wrapping them: Elysia registers a route again at every level
 * it is used through, and a wrapper with no hooks of its own made that three times instead of two
 * for each of the ~100 admin routes (issue 20: route registration is most of createApp's ~30 ms
 * at every start).
 */
export const adminPages = (deps: AdminDeps) =>
  [
    loginPages(deps),
    adminScope(deps)
      .use(accountPages)
      .use(calendarPages(deps))
      .use(bookingListPages(deps))
      .use(ownerPages(deps))
      .use(cataloguePages(deps))
      .use(staffPages(deps))
      .use(schedulePages(deps))
      .use(policyPages(deps))
      .use(clientPages(deps))
      .use(clientBalancePages(deps)) // issue 14
      .use(balanceAdminPages(deps)) // issue 14
      .use(settingsPages(deps))
      .use(channelSettingsPages(deps))
      // issue 13
      .use(paymentSettingsPages(deps))
      // issue 18
      .use(webhookSettingsPages(deps))
      .use(yclientsSettingsPages(deps))
      .use(reportPages(deps))
      // issue 13
      .use(moneyReportPages(deps))
      .use(appsSettingsPages(deps)) // issue 16
      // issue 15
      .use(reviewAdminPages(deps))
      .use(locationPages(deps)) // issue 17
      // issue 15
      .use(waitlistAdminPages(deps)),
  ];
