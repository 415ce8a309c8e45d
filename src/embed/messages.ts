import { defineMessages } from "../i18n/define.ts";

/** Messages of the widget and VK Mini App settings and pages. */
export const embedMessages = defineMessages({
  en: {
    "embed.origin_invalid": "“{origin}” is not a site address: give it as https://your-site.ru (no path); http only for localhost",
    "embed.too_many": "At most {max} sites",
    "embed.book": "Book",
    "vk.app_id_invalid": "The VK app id is its number, e.g. 51234567",
    "vk.secret_invalid": "The secure key is 8 to 100 letters and digits, as VK shows it in the app settings",
    "vk.unauthorized_title": "Open this page from VK",
    "vk.unauthorized": "The launch parameters are missing, forged or older than a day. Open the salon's app in VK again.",
    "vk.unconfigured": "This salon has not set up its VK Mini App.",
    "vk.phone_button": "Share my phone from VK",
    "vk.prefilled": "Signed in through VK as {name}",
  },
  ru: {
    "embed.origin_invalid": "«{origin}» — не адрес сайта: укажите его как https://ваш-сайт.ru (без пути); http — только для localhost",
    "embed.too_many": "Не больше {max} сайтов",
    "embed.book": "Записаться",
    "vk.app_id_invalid": "ID приложения ВКонтакте — это число, например 51234567",
    "vk.secret_invalid": "Защищённый ключ — от 8 до 100 букв и цифр, как его показывает ВКонтакте в настройках приложения",
    "vk.unauthorized_title": "Откройте эту страницу из ВКонтакте",
    "vk.unauthorized": "Параметры запуска отсутствуют, подделаны или старше суток. Откройте приложение салона во ВКонтакте ещё раз.",
    "vk.unconfigured": "Салон ещё не подключил своё приложение ВКонтакте.",
    "vk.phone_button": "Взять телефон из ВКонтакте",
    "vk.prefilled": "Вы вошли через ВКонтакте как {name}",
  },
  kk: {
    "embed.origin_invalid": "«{origin}» — сайт мекенжайы емес: оны https://сіздің-сайт.kz түрінде көрсетіңіз (жолсыз); http тек localhost үшін",
    "embed.too_many": "{max} сайттан аспауы керек",
    "embed.book": "Жазылу",
    "vk.app_id_invalid": "ВКонтакте қолданбасының ID-і — сан, мысалы 51234567",
    "vk.secret_invalid": "Қорғалған кілт — ВКонтакте қолданба баптауларында көрсеткендей 8–100 әріп пен цифр",
    "vk.unauthorized_title": "Бұл бетті ВКонтакте арқылы ашыңыз",
    "vk.unauthorized": "Іске қосу параметрлері жоқ, жалған немесе бір тәуліктен ескі. Салон қолданбасын ВКонтакте-де қайта ашыңыз.",
    "vk.unconfigured": "Салон ВКонтакте қолданбасын әлі қоспаған.",
    "vk.phone_button": "Телефонды ВКонтакте-ден алу",
    "vk.prefilled": "Сіз ВКонтакте арқылы {name} ретінде кірдіңіз",
  },
});
