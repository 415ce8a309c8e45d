import { Elysia } from "elysia";
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
import { reportPages } from "../report/routes.tsx";
import { adminScope, type AdminDeps } from "./scope.ts";
// issue 15
import { reviewAdminPages } from "../review/pages.tsx";
import { waitlistAdminPages } from "../waitlist/admin.tsx";

/** Everything under `/<slug>/admin`: sign-in first, then the pages that need a session. */
export const adminPages = (deps: AdminDeps) =>
  new Elysia()
    .use(loginPages(deps))
    .use(
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
        .use(settingsPages(deps))
        .use(channelSettingsPages(deps))
        .use(reportPages(deps))
        // issue 15
        .use(reviewAdminPages(deps))
        .use(waitlistAdminPages(deps)),
    );
