import { defineMessages } from "../i18n/define.ts";

/** The client cabinet (/<slug>/me): sign-in with a one-time code, visits, sign-out. */
export const cabinetMessages = defineMessages({
  en: {
    "cabinet.event.client_code": "Sign-in code",
  },
  ru: {
    "cabinet.event.client_code": "Код для входа",
  },
  kk: {
    "cabinet.event.client_code": "Кіру коды",
  },
});
