import { defineMessages } from "../i18n/define.ts";

/** Messages of backups, restores and tenant lifecycle commands (read by operators in the CLI). */
export const backupMessages = defineMessages({
  en: {
    "backup.exists": "backup {file} already exists",
    "backup.in_progress": "backup {file} is being written by another process",
    "backup.file_not_found": "backup file {file} not found",
    "backup.checksum_missing": "no checksum for {file}: expected {file}.sha256 or its manifest beside it",
    "backup.checksum_mismatch": "{file} does not match its checksum: the file is damaged or was changed; nothing was restored",
    "backup.integrity_failed": "{file} failed the integrity check; nothing was restored",
    "backup.not_a_backup": "{file} is not a Zapis tenant backup",
    "backup.schema_newer": "{file} was made by a newer Zapis (migrations {migrations}); upgrade zapis first",
    "backup.tenant_live": "tenant '{slug}' exists: add --force to replace its data (the current data is kept as .bak)",
  },
  ru: {
    "backup.exists": "резервная копия {file} уже существует",
    "backup.in_progress": "резервную копию {file} сейчас записывает другой процесс",
    "backup.file_not_found": "файл резервной копии {file} не найден",
    "backup.checksum_missing": "нет контрольной суммы для {file}: рядом должен быть {file}.sha256 или манифест",
    "backup.checksum_mismatch": "{file} не совпадает с контрольной суммой: файл повреждён или изменён; ничего не восстановлено",
    "backup.integrity_failed": "{file} не прошёл проверку целостности; ничего не восстановлено",
    "backup.not_a_backup": "{file} не является резервной копией салона Zapis",
    "backup.schema_newer": "{file} создан более новой версией Zapis (миграции {migrations}); сначала обновите zapis",
    "backup.tenant_live": "салон «{slug}» существует: добавьте --force, чтобы заменить его данные (текущие сохранятся как .bak)",
  },
  kk: {
    "backup.exists": "{file} сақтық көшірмесі бұрыннан бар",
    "backup.in_progress": "{file} сақтық көшірмесін қазір басқа процесс жазып жатыр",
    "backup.file_not_found": "{file} сақтық көшірме файлы табылмады",
    "backup.checksum_missing": "{file} үшін бақылау сомасы жоқ: қасында {file}.sha256 немесе манифест болуы керек",
    "backup.checksum_mismatch": "{file} бақылау сомасына сәйкес емес: файл бүлінген немесе өзгертілген; ештеңе қалпына келтірілмеді",
    "backup.integrity_failed": "{file} тұтастық тексерісінен өтпеді; ештеңе қалпына келтірілмеді",
    "backup.not_a_backup": "{file} Zapis салонының сақтық көшірмесі емес",
    "backup.schema_newer": "{file} Zapis-тің жаңарақ нұсқасымен жасалған ({migrations} миграциялары); алдымен zapis-ті жаңартыңыз",
    "backup.tenant_live": "«{slug}» салоны бар: оның деректерін ауыстыру үшін --force қосыңыз (қазіргі деректер .bak ретінде сақталады)",
  },
});
