import { defineMessages } from "../i18n/define.ts";

/** Messages of browser reminders (issue 16). */
export const pushMessages = defineMessages({
  en: {
    "push.endpoint_invalid": "This browser's push service is not one we can send to",
    "push.keys_invalid": "The browser sent no valid keys for its subscription",
    "push.subscribe": "Remind me in this browser",
    "push.subscribed": "Done: reminders will come to this browser.",
    "push.denied": "The browser does not allow notifications for this site. Allow them in its settings to get reminders.",
    "push.failed": "Could not turn on reminders in this browser. Try again later.",
  },
  ru: {
    "push.endpoint_invalid": "Мы не можем отправлять уведомления через сервис этого браузера",
    "push.keys_invalid": "Браузер не передал ключи подписки",
    "push.subscribe": "Напоминать в браузере",
    "push.subscribed": "Готово: напоминания придут в этот браузер.",
    "push.denied": "Браузер запретил уведомления для этого сайта. Разрешите их в настройках, чтобы получать напоминания.",
    "push.failed": "Не получилось включить напоминания в браузере. Попробуйте позже.",
  },
  kk: {
    "push.endpoint_invalid": "Бұл браузердің хабарландыру қызметі арқылы жібере алмаймыз",
    "push.keys_invalid": "Браузер жазылымның кілттерін жібермеді",
    "push.subscribe": "Браузерде еске салу",
    "push.subscribed": "Дайын: еске салғыштар осы браузерге келеді.",
    "push.denied": "Браузер бұл сайтқа хабарландыруларға тыйым салды. Еске салғыштарды алу үшін оларды баптауларда рұқсат етіңіз.",
    "push.failed": "Браузерде еске салғыштарды қосу мүмкін болмады. Кейінірек қайталап көріңіз.",
  },
});
