import type { Locale } from "../../i18n/i18n.ts";
import type { NotificationEvent } from "../model.ts";

/**
 * The built-in wording of every notification, per language. `text` is the email body and the
 * Telegram message; `sms` is kept short (Cyrillic SMS are 70 characters a segment). A salon's own
 * templates (notification_templates) replace these per event, channel and language.
 */
export interface DefaultTemplate {
  subject: string;
  text: string;
  sms: string;
}

// issue 16: telegram_link — the bot's deep link while the client has no chat linked (else empty, and its line is dropped)
// issue 14: price — the visit's price line by line; empty (the line drops) when nothing was taken off
// issue 15: review_url — the review page of a completed visit (the review request)
export const PLACEHOLDERS = ["client_name", "service", "start_local", "staff", "address", "manage_url", "salon_phone", "salon", "telegram_link", "price", "review_url"] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export const DEFAULT_TEMPLATES: Record<Locale, Record<NotificationEvent, DefaultTemplate>> = {
  ru: {
    created: {
      subject: "Заявка на запись принята — {salon}",
      text: "{client_name}, вы записались в {salon}: {service}, {start_local}, мастер {staff}.\n{price}\n\nМы подтвердим запись в ближайшее время.\n\nАдрес: {address}\nТелефон: {salon_phone}\nПосмотреть или отменить запись: {manage_url}\nTelegram: {telegram_link}",
      sms: "{salon}: заявка на {start_local} принята. {manage_url}\nTelegram: {telegram_link}",
    },
    confirmed: {
      subject: "Запись подтверждена — {salon}",
      text: "{client_name}, ждём вас {start_local}.\n\n{service}, мастер {staff}.\n{price}\nАдрес: {address}\nТелефон: {salon_phone}\n\nПосмотреть, перенести или отменить запись: {manage_url}\nTelegram: {telegram_link}",
      sms: "{salon}: ждём вас {start_local}, {service}. {manage_url}\nTelegram: {telegram_link}",
    },
    cancelled: {
      subject: "Запись отменена — {salon}",
      text: "{client_name}, ваша запись на {start_local} ({service}) отменена.\n\nЗаписаться снова или задать вопрос: {salon_phone}",
      sms: "{salon}: запись на {start_local} отменена. {salon_phone}",
    },
    rescheduled: {
      subject: "Запись перенесена — {salon}",
      text: "{client_name}, ваша запись перенесена на {start_local}.\n\n{service}, мастер {staff}.\nАдрес: {address}\n\nПосмотреть или отменить запись: {manage_url}",
      sms: "{salon}: запись перенесена на {start_local}. {manage_url}",
    },
    reminder: {
      subject: "Напоминание о записи — {start_local}",
      text: "{client_name}, напоминаем: {start_local} — {service}, мастер {staff}.\n\nАдрес: {address}\nЕсли планы изменились, отмените или перенесите запись: {manage_url}",
      sms: "{salon}: напоминаем о записи {start_local}. {manage_url}",
    },
    review: {
      subject: "Как прошёл визит? — {salon}",
      text: "{client_name}, спасибо, что были у нас! Нам важно ваше мнение о визите ({service}, мастер {staff}).\n\nОставить отзыв: {review_url}\nИли позвоните: {salon_phone}",
      sms: "{salon}: спасибо за визит! Оцените нас: {review_url}",
    },
  },
  en: {
    created: {
      subject: "Booking request received — {salon}",
      text: "{client_name}, you booked {service} at {salon} for {start_local} with {staff}.\n{price}\n\nWe will confirm it shortly.\n\nAddress: {address}\nPhone: {salon_phone}\nView or cancel your booking: {manage_url}\nTelegram: {telegram_link}",
      sms: "{salon}: your request for {start_local} is received. {manage_url}\nTelegram: {telegram_link}",
    },
    confirmed: {
      subject: "Booking confirmed — {salon}",
      text: "{client_name}, see you on {start_local}.\n\n{service} with {staff}.\n{price}\nAddress: {address}\nPhone: {salon_phone}\n\nView, reschedule or cancel: {manage_url}\nTelegram: {telegram_link}",
      sms: "{salon}: see you {start_local}, {service}. {manage_url}\nTelegram: {telegram_link}",
    },
    cancelled: {
      subject: "Booking cancelled — {salon}",
      text: "{client_name}, your booking for {start_local} ({service}) is cancelled.\n\nTo book again or ask a question: {salon_phone}",
      sms: "{salon}: your booking for {start_local} is cancelled. {salon_phone}",
    },
    rescheduled: {
      subject: "Booking moved — {salon}",
      text: "{client_name}, your booking is moved to {start_local}.\n\n{service} with {staff}.\nAddress: {address}\n\nView or cancel: {manage_url}",
      sms: "{salon}: your booking is moved to {start_local}. {manage_url}",
    },
    reminder: {
      subject: "Reminder: {start_local}",
      text: "{client_name}, a reminder: {start_local} — {service} with {staff}.\n\nAddress: {address}\nPlans changed? Cancel or reschedule: {manage_url}",
      sms: "{salon}: reminder of your visit {start_local}. {manage_url}",
    },
    review: {
      subject: "How was your visit? — {salon}",
      text: "{client_name}, thank you for visiting us! We would love to hear how it went ({service} with {staff}).\n\nLeave a review: {review_url}\nOr call {salon_phone}",
      sms: "{salon}: thank you for your visit! Tell us how it went: {review_url}",
    },
  },
  kk: {
    created: {
      subject: "Жазылу өтінімі қабылданды — {salon}",
      text: "{client_name}, сіз {salon} салонына жазылдыңыз: {service}, {start_local}, шебер {staff}.\n{price}\n\nЖазылуды жақын арада растаймыз.\n\nМекенжай: {address}\nТелефон: {salon_phone}\nЖазылуды көру немесе болдырмау: {manage_url}\nTelegram: {telegram_link}",
      sms: "{salon}: {start_local} өтініміңіз қабылданды. {manage_url}\nTelegram: {telegram_link}",
    },
    confirmed: {
      subject: "Жазылу расталды — {salon}",
      text: "{client_name}, сізді {start_local} күтеміз.\n\n{service}, шебер {staff}.\n{price}\nМекенжай: {address}\nТелефон: {salon_phone}\n\nЖазылуды көру, ауыстыру немесе болдырмау: {manage_url}\nTelegram: {telegram_link}",
      sms: "{salon}: сізді {start_local} күтеміз, {service}. {manage_url}\nTelegram: {telegram_link}",
    },
    cancelled: {
      subject: "Жазылу болдырылмады — {salon}",
      text: "{client_name}, {start_local} жазылуыңыз ({service}) болдырылмады.\n\nҚайта жазылу немесе сұрақ қою: {salon_phone}",
      sms: "{salon}: {start_local} жазылуы болдырылмады. {salon_phone}",
    },
    rescheduled: {
      subject: "Жазылу ауыстырылды — {salon}",
      text: "{client_name}, жазылуыңыз {start_local} уақытына ауыстырылды.\n\n{service}, шебер {staff}.\nМекенжай: {address}\n\nЖазылуды көру немесе болдырмау: {manage_url}",
      sms: "{salon}: жазылу {start_local} уақытына ауыстырылды. {manage_url}",
    },
    reminder: {
      subject: "Жазылу туралы еске салу — {start_local}",
      text: "{client_name}, еске саламыз: {start_local} — {service}, шебер {staff}.\n\nМекенжай: {address}\nЖоспар өзгерсе, жазылуды болдырмаңыз немесе ауыстырыңыз: {manage_url}",
      sms: "{salon}: {start_local} жазылуыңызды еске саламыз. {manage_url}",
    },
    review: {
      subject: "Келуіңіз қалай өтті? — {salon}",
      text: "{client_name}, бізге келгеніңізге рахмет! Пікіріңіз біз үшін маңызды ({service}, шебер {staff}).\n\nПікір қалдыру: {review_url}\nНемесе қоңырау шалыңыз: {salon_phone}",
      sms: "{salon}: келгеніңізге рахмет! Пікіріңізді айтыңыз: {review_url}",
    },
  },
};
