import { defineMessages } from "../i18n/define.ts";

/** Messages of the client records: edits, merging, erasure. */
export const clientMessages = defineMessages({
  en: {
    "client.not_found": "Client {id} not found",
    "client.name_invalid": "Give a name of up to 120 characters",
    "client.notes_too_long": "Notes are too long: at most {max} characters",
    "client.tags_invalid": "Up to {max} tags, each up to 40 characters",
    "client.anonymized": "This client's data was erased on request; the record cannot be changed",
    "client.merge_same": "Choose another client: a record cannot be merged with itself",
    "client.phone_taken": "Another client (no. {id}) already has this phone: open their card or merge the records",
    "client.discount_invalid": "Give the discount as a whole percent from 0 to 100",
  },
  ru: {
    "client.not_found": "Клиент {id} не найден",
    "client.name_invalid": "Укажите имя — до 120 символов",
    "client.notes_too_long": "Заметки слишком длинные: не больше {max} символов",
    "client.tags_invalid": "Не больше {max} меток, каждая до 40 символов",
    "client.anonymized": "Данные клиента удалены по его запросу; запись изменить нельзя",
    "client.merge_same": "Выберите другого клиента: запись нельзя объединить с самой собой",
    "client.phone_taken": "Этот телефон уже у другого клиента (№ {id}): откройте его карточку или объедините записи",
    "client.discount_invalid": "Укажите скидку целым числом процентов от 0 до 100",
  },
  kk: {
    "client.not_found": "{id} клиенті табылмады",
    "client.name_invalid": "Атын 120 таңбаға дейін көрсетіңіз",
    "client.notes_too_long": "Жазбалар тым ұзын: {max} таңбадан аспауы керек",
    "client.tags_invalid": "{max} белгіден аспайды, әрқайсысы 40 таңбаға дейін",
    "client.anonymized": "Клиент деректері оның өтініші бойынша жойылды; жазбаны өзгерту мүмкін емес",
    "client.merge_same": "Басқа клиентті таңдаңыз: жазбаны өзімен біріктіру мүмкін емес",
    "client.phone_taken": "Бұл телефон басқа клиентте бар (№ {id}): оның картасын ашыңыз немесе жазбаларды біріктіріңіз",
    "client.discount_invalid": "Жеңілдікті 0-ден 100-ге дейінгі бүтін пайызбен көрсетіңіз",
  },
});
