import { defineMessages } from "../i18n/define.ts";

/** Messages of the salon's profile and booking policy. */
export const businessMessages = defineMessages({
  en: {
    "business.name_invalid": "Give the salon a name of up to 120 characters",
    "business.address_too_long": "The address is too long: at most 300 characters",
    "business.phone_invalid": "Enter a phone number with its country code, e.g. +7 900 123-45-67",
    "business.number_range": "Must be a whole number from {min} to {max}",
    "business.reminders_invalid": "Up to {max} different reminder times, each from 1 to {limit} minutes before the visit",
  },
  ru: {
    "business.name_invalid": "Укажите название салона — до 120 символов",
    "business.address_too_long": "Адрес слишком длинный: не больше 300 символов",
    "business.phone_invalid": "Введите телефон с кодом страны, например +7 900 123-45-67",
    "business.number_range": "Целое число от {min} до {max}",
    "business.reminders_invalid": "До {max} разных напоминаний, каждое — от 1 до {limit} минут до визита",
  },
  kk: {
    "business.name_invalid": "Салон атауын 120 таңбаға дейін көрсетіңіз",
    "business.address_too_long": "Мекенжай тым ұзын: 300 таңбадан аспауы керек",
    "business.phone_invalid": "Телефонды ел кодымен енгізіңіз, мысалы +7 700 123-45-67",
    "business.number_range": "{min}-ден {max}-ге дейінгі бүтін сан",
    "business.reminders_invalid": "{max} түрлі еске салғышқа дейін, әрқайсысы сапардан 1–{limit} минут бұрын",
  },
});
