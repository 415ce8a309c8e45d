import { defineMessages } from "../i18n/define.ts";

/** Messages of availability queries. */
export const availabilityMessages = defineMessages({
  en: {
    "availability.services_invalid": "Give one to {max} services (service_id or services=1,2)",
    "availability.date_invalid": "The date must be YYYY-MM-DD",
    "availability.days_invalid": "Days must be a whole number from 1 to {max}",
  },
  ru: {
    "availability.services_invalid": "Укажите от одной до {max} услуг (service_id или services=1,2)",
    "availability.date_invalid": "Дата должна быть в формате ГГГГ-ММ-ДД",
    "availability.days_invalid": "Число дней — целое от 1 до {max}",
  },
  kk: {
    "availability.services_invalid": "Бірден {max} қызметке дейін көрсетіңіз (service_id немесе services=1,2)",
    "availability.date_invalid": "Күн ЖЖЖЖ-АА-КК форматында болуы керек",
    "availability.days_invalid": "Күн саны 1-ден {max}-ге дейінгі бүтін сан болуы керек",
  },
});
