import { defineMessages } from "../i18n/define.ts";

/** Messages of the JSON API's shared layer: what a body and a list's range must look like. */
export const apiMessages = defineMessages({
  en: {
    "error.json_only": "Send the request body as JSON (Content-Type: application/json)",
    "error.field_unknown": "Unknown field '{field}'",
    "error.range_bound_invalid": "Give a date (YYYY-MM-DD) or a time with its offset (ISO-8601, e.g. 2027-03-03T10:00:00+03:00)",
  },
  ru: {
    "error.json_only": "Отправьте тело запроса в JSON (Content-Type: application/json)",
    "error.field_unknown": "Неизвестное поле «{field}»",
    "error.range_bound_invalid": "Укажите дату (ГГГГ-ММ-ДД) или время со смещением (ISO-8601, например 2027-03-03T10:00:00+03:00)",
  },
  kk: {
    "error.json_only": "Сұрау денесін JSON түрінде жіберіңіз (Content-Type: application/json)",
    "error.field_unknown": "Белгісіз өріс «{field}»",
    "error.range_bound_invalid": "Күнді (ЖЖЖЖ-АА-КК) немесе ығысуы бар уақытты көрсетіңіз (ISO-8601, мысалы 2027-03-03T10:00:00+03:00)",
  },
});
