import { defineMessages } from "../i18n/define.ts";

/** issue 14: how a visit's price lines read on the booking page, in e-mails and in the admin. */
export const priceLineMessages = defineMessages({
  en: {
    "price.line.package": "Package visit",
    "price.line.package_left": "Package «{title}»: {left} of {total} visits left",
    "price.line.personal": "Personal discount",
    "price.line.promo": "Promo code",
    "price.line.certificate": "Gift certificate",
    "price.line.wallet": "Paid from the balance",
    "price.due": "To pay",
    "book.have_code": "Have a promo code or a gift certificate?",
    "book.promo_code": "Promo code",
    "book.certificate_code": "Gift certificate code",
  },
  ru: {
    "price.line.package": "Визит по абонементу",
    "price.line.package_left": "Абонемент «{title}»: осталось {left} из {total} визитов",
    "price.line.personal": "Персональная скидка",
    "price.line.promo": "Промокод",
    "price.line.certificate": "Подарочный сертификат",
    "price.line.wallet": "Оплачено с баланса",
    "price.due": "К оплате",
    "book.have_code": "Есть промокод или подарочный сертификат?",
    "book.promo_code": "Промокод",
    "book.certificate_code": "Код подарочного сертификата",
  },
  kk: {
    "price.line.package": "Абонемент бойынша келу",
    "price.line.package_left": "«{title}» абонементі: {total} келудің {left} қалды",
    "price.line.personal": "Жеке жеңілдік",
    "price.line.promo": "Промокод",
    "price.line.certificate": "Сыйлық сертификаты",
    "price.line.wallet": "Баланстан төленді",
    "price.due": "Төлеуге",
    "book.have_code": "Промокод немесе сыйлық сертификаты бар ма?",
    "book.promo_code": "Промокод",
    "book.certificate_code": "Сыйлық сертификатының коды",
  },
});
