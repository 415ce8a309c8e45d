import { defineMessages } from "../i18n/define.ts";

/** Messages of branches (locations): API errors and the admin's branch pages. */
export const locationMessages = defineMessages({
  en: {
    "location.not_found": "Branch {id} not found",
    "location.required": "This salon has several branches: give location_id",
    "location.name_invalid": "The branch needs a name of at most {max} characters",
    "location.address_too_long": "The address is too long: at most {max} characters",
    "location.map_url_invalid": "The map link must be an http(s) address, e.g. https://yandex.ru/maps/…",
    "location.phone_invalid": "The branch phone is not a valid number",
    "location.staff_needs_one": "A master works in at least one branch",
    "location.staff_not_here": "Master {id} does not work in this branch",
    "location.resource_elsewhere": "This room or equipment belongs to another branch",
  },
  ru: {
    "location.not_found": "Филиал {id} не найден",
    "location.required": "У салона несколько филиалов: укажите location_id",
    "location.name_invalid": "Нужно название филиала, не длиннее {max} символов",
    "location.address_too_long": "Адрес слишком длинный: не больше {max} символов",
    "location.map_url_invalid": "Ссылка на карту должна начинаться с http(s), например https://yandex.ru/maps/…",
    "location.phone_invalid": "Телефон филиала указан неверно",
    "location.staff_needs_one": "Мастер работает хотя бы в одном филиале",
    "location.staff_not_here": "Мастер {id} не работает в этом филиале",
    "location.resource_elsewhere": "Этот кабинет или оборудование относится к другому филиалу",
  },
  kk: {
    "location.not_found": "{id} филиалы табылмады",
    "location.required": "Салонның бірнеше филиалы бар: location_id көрсетіңіз",
    "location.name_invalid": "Филиалдың атауы керек, {max} таңбадан аспауы тиіс",
    "location.address_too_long": "Мекенжай тым ұзын: {max} таңбадан аспауы керек",
    "location.map_url_invalid": "Картаға сілтеме http(s) мекенжайы болуы керек, мысалы https://yandex.ru/maps/…",
    "location.phone_invalid": "Филиалдың телефоны қате көрсетілген",
    "location.staff_needs_one": "Шебер кемінде бір филиалда жұмыс істейді",
    "location.staff_not_here": "{id} шебері бұл филиалда жұмыс істемейді",
    "location.resource_elsewhere": "Бұл бөлме немесе жабдық басқа филиалға тиесілі",
  },
});
