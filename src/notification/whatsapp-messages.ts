import { defineMessages } from "../i18n/define.ts";

/** Messages of the WhatsApp settings (issue 16). */
export const whatsappMessages = defineMessages({
  en: {
    "whatsapp.phone_number_id_invalid": "The phone number ID is the number Meta shows under WhatsApp → API Setup (digits only)",
    "whatsapp.token_invalid": "The access token is the long key Meta issued for the app (letters, digits, no spaces)",
    "whatsapp.template_invalid": "A template name as in WhatsApp Manager: lowercase letters, digits and _",
    "whatsapp.language_invalid": "The template's language code, e.g. ru, en_US or kk",
  },
  ru: {
    "whatsapp.phone_number_id_invalid": "ID номера — число, которое Meta показывает в разделе WhatsApp → API Setup (только цифры)",
    "whatsapp.token_invalid": "Токен доступа — длинный ключ, выданный Meta для приложения (буквы и цифры без пробелов)",
    "whatsapp.template_invalid": "Имя шаблона как в WhatsApp Manager: строчные латинские буквы, цифры и _",
    "whatsapp.language_invalid": "Код языка шаблона, например ru, en_US или kk",
  },
  kk: {
    "whatsapp.phone_number_id_invalid": "Нөмір ID-і — Meta WhatsApp → API Setup бөлімінде көрсететін сан (тек цифрлар)",
    "whatsapp.token_invalid": "Қол жеткізу токені — Meta қолданбаға берген ұзын кілт (әріптер мен цифрлар, бос орынсыз)",
    "whatsapp.template_invalid": "WhatsApp Manager-дегідей үлгі атауы: кіші латын әріптері, цифрлар және _",
    "whatsapp.language_invalid": "Үлгі тілінің коды, мысалы ru, en_US немесе kk",
  },
});
