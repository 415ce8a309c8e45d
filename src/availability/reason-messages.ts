import { defineMessages } from "../i18n/define.ts";

/**
 * Why a time or a day cannot be booked: one message per reason, for the booking write's error codes
 * (OUTSIDE_HOURS, TOO_SOON, …) and for a day the availability answer leaves empty.
 */
export const reasonMessages = defineMessages({
  en: {
    "reason.outside_hours": "At this time the visit (with its preparation time) does not fit in working hours.",
    "reason.staff_not_qualified": "This master does not perform the chosen service.",
    "reason.beyond_horizon": "Bookings are open only {days} days ahead.",
    "reason.too_soon": "Book at least {minutes} minutes ahead.",
    "reason.not_on_grid": "Visits start every {step} minutes; please choose a time from the list.",
    "reason.day.closed": "The salon is closed this day.",
    "reason.day.not_working": "Nobody who performs this service works this day.",
    "reason.day.fully_booked": "Everything is booked this day.",
    "reason.day.beyond_horizon": "This day is not open for booking yet.",
    "reason.day.past": "This day is over for booking.",
    "reason.day_has_bookings": "This day has {n} live bookings: cancel them (the clients are notified) or move them first.",
    "reason.booking_line": "#{id} at {time}",
    "reason.not_started": "A visit can be marked completed or no-show only once it has started.",
  },
  ru: {
    "reason.outside_hours": "В это время визит (с подготовкой) не помещается в рабочие часы.",
    "reason.staff_not_qualified": "Этот мастер не оказывает выбранную услугу.",
    "reason.beyond_horizon": "Запись открыта только на {days} дн. вперёд.",
    "reason.too_soon": "Записаться можно не позднее чем за {minutes} мин.",
    "reason.not_on_grid": "Визиты начинаются каждые {step} мин.; выберите время из списка.",
    "reason.day.closed": "В этот день салон не работает.",
    "reason.day.not_working": "В этот день не работает ни один мастер этой услуги.",
    "reason.day.fully_booked": "На этот день всё занято.",
    "reason.day.beyond_horizon": "Запись на этот день ещё не открыта.",
    "reason.day.past": "На этот день запись уже закрыта.",
    "reason.day_has_bookings": "На этот день есть активные записи ({n}): отмените их (клиенты получат уведомление) или сначала перенесите.",
    "reason.booking_line": "№{id} в {time}",
    "reason.not_started": "Отметить визит состоявшимся или неявку можно только после его начала.",
  },
  kk: {
    "reason.outside_hours": "Бұл уақытта келу (дайындықпен) жұмыс уақытына сыймайды.",
    "reason.staff_not_qualified": "Бұл шебер таңдалған қызметті көрсетпейді.",
    "reason.beyond_horizon": "Жазылу тек {days} күн алға ашық.",
    "reason.too_soon": "Кемінде {minutes} минут бұрын жазылыңыз.",
    "reason.not_on_grid": "Келулер әр {step} минут сайын басталады; тізімнен уақыт таңдаңыз.",
    "reason.day.closed": "Бұл күні салон жұмыс істемейді.",
    "reason.day.not_working": "Бұл күні осы қызметтің бірде-бір шебері жұмыс істемейді.",
    "reason.day.fully_booked": "Бұл күні бәрі бос емес.",
    "reason.day.beyond_horizon": "Бұл күнге жазылу әлі ашылмаған.",
    "reason.day.past": "Бұл күнге жазылу жабылды.",
    "reason.day_has_bookings": "Бұл күні белсенді жазбалар бар ({n}): оларды болдырмаңыз (клиенттерге хабарланады) немесе алдымен ауыстырыңыз.",
    "reason.booking_line": "№{id}, {time}",
    "reason.not_started": "Келуді өтті немесе келмеді деп тек ол басталғаннан кейін белгілеуге болады.",
  },
});
