import { defineMessages } from "../i18n/define.ts";

/** Messages of weekly hours and exceptions. */
export const scheduleMessages = defineMessages({
  en: {
    "schedule.weekday_invalid": "Weekday must be 1 (Monday) to 7 (Sunday)",
    "schedule.time_invalid": "Time must be HH:MM, e.g. 09:30",
    "schedule.end_before_start": "The end must be after the start",
    "schedule.overlap": "This range overlaps another one on the same day",
    "schedule.date_invalid": "The date must be YYYY-MM-DD",
    "schedule.valid_range": "valid_to must not be before valid_from",
    "exception.not_found": "Exception {id} not found",
    "exception.times_pair": "Give both the start and the end time, or neither",
    "exception.custom_needs_times": "Custom hours need a start and an end time",
    "exception.one_owner": "Give staff_id or resource_id, not both",
    "exception.note_too_long": "The note is too long: at most 500 characters",
  },
  ru: {
    "schedule.weekday_invalid": "День недели — от 1 (понедельник) до 7 (воскресенье)",
    "schedule.time_invalid": "Время в формате ЧЧ:ММ, например 09:30",
    "schedule.end_before_start": "Конец должен быть позже начала",
    "schedule.overlap": "Этот интервал пересекается с другим в тот же день",
    "schedule.date_invalid": "Дата в формате ГГГГ-ММ-ДД",
    "schedule.valid_range": "valid_to не может быть раньше valid_from",
    "exception.not_found": "Исключение {id} не найдено",
    "exception.times_pair": "Укажите и начало, и конец — или ни того, ни другого",
    "exception.custom_needs_times": "Для особых часов нужны начало и конец",
    "exception.one_owner": "Укажите staff_id или resource_id, но не оба",
    "exception.note_too_long": "Заметка слишком длинная: не больше 500 символов",
  },
  kk: {
    "schedule.weekday_invalid": "Апта күні 1-ден (дүйсенбі) 7-ге (жексенбі) дейін",
    "schedule.time_invalid": "Уақыт СС:ММ пішінінде, мысалы 09:30",
    "schedule.end_before_start": "Аяқталуы басталуынан кейін болуы керек",
    "schedule.overlap": "Бұл аралық сол күнгі басқа аралықпен қиылысады",
    "schedule.date_invalid": "Күн ЖЖЖЖ-АА-КК пішінінде болуы керек",
    "schedule.valid_range": "valid_to valid_from-нан ерте болмауы керек",
    "exception.not_found": "{id} ерекшелігі табылмады",
    "exception.times_pair": "Басталу мен аяқталу уақытын екеуін де көрсетіңіз немесе екеуін де көрсетпеңіз",
    "exception.custom_needs_times": "Ерекше сағаттарға басталу мен аяқталу уақыты керек",
    "exception.one_owner": "staff_id немесе resource_id көрсетіңіз, екеуін бірдей емес",
    "exception.note_too_long": "Жазба тым ұзын: 500 таңбадан аспауы керек",
  },
});
