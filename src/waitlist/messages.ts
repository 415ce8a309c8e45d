import { defineMessages } from "../i18n/define.ts";

/** The waitlist: the client's request, offers of a freed time, the admin list. */
export const waitlistMessages = defineMessages({
  en: {
    "waitlist.event.offer": "Waitlist: a time is free",
    "waitlist.event.gone": "Waitlist: the time is taken",
    "waitlist.admin.title": "Waitlist",
  },
  ru: {
    "waitlist.event.offer": "Лист ожидания: освободилось время",
    "waitlist.event.gone": "Лист ожидания: время занято",
    "waitlist.admin.title": "Лист ожидания",
  },
  kk: {
    "waitlist.event.offer": "Күту тізімі: уақыт босады",
    "waitlist.event.gone": "Күту тізімі: уақыт бос емес",
    "waitlist.admin.title": "Күту тізімі",
  },
});
