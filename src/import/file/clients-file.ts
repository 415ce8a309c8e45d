/**
 * `zapis import yclients-file`: the client list exported from the YClients web UI («Клиенты →
 * Клиентская база → Выгрузить в Excel»), as .xlsx or .csv. The exact header row of a real export is
 * not documented (API.md §8), so columns are found by name among synonyms, in any order. Rows go
 * through the same client importer as the API, so phones, duplicates, the walk-in placeholder and
 * idempotency behave the same.
 */
import { eq, isNull } from "drizzle-orm";
import { basename } from "node:path";
import { clients } from "../../client/schema.ts";
import type { Database } from "../../db/database.ts";
import { AppError } from "../../error/app-error.ts";
import type { Clock } from "../../time/clock.ts";
import { isValidLocalDate } from "../../time/zone.ts";
import { importClient, type IncomingClient } from "../clients.ts";
import { batch, openImportContext, readerOf, type Batch, type ImportContext } from "../context.ts";
import { normalizePhone } from "../phone.ts";
import type { ImportReport } from "../report.ts";
import { readRows } from "./table.ts";

const COLUMNS = {
  id: ["id", "номер клиента", "id клиента", "client id"],
  name: ["имя", "фио", "клиент", "name", "full name"],
  surname: ["фамилия", "surname", "last name"],
  patronymic: ["отчество", "patronymic"],
  phone: ["телефон", "сотовый", "мобильный", "phone", "mobile"],
  extraPhone: ["дополнительный телефон", "доп. телефон", "additional phone"],
  email: ["e-mail", "email", "почта", "эл. почта"],
  categories: ["категория", "категории", "category", "categories"],
  birthDate: ["дата рождения", "день рождения", "birthday", "birth date"],
  discount: ["скидка", "discount"],
  card: ["номер карты", "карта", "card"],
  comment: ["комментарий", "примечание", "comment"],
  balance: ["баланс", "balance"],
} as const;
type Column = keyof typeof COLUMNS;
const BATCH_ROWS = 500;

export interface FileImportInput {
  tenant: string;
  path: string;
  dryRun: boolean;
}

/**
 * Reads the file twice, streaming: first to check every row's size (a refused file imports nothing),
 * then to import it in batches, so memory holds one batch, never the file.
 */
export async function importClientsFile(deps: { db: Database; clock: Clock }, input: FileImportInput): Promise<ImportReport> {
  const startedAt = deps.clock.now();
  let rowCount = -1; // the header is not a client
  for await (const _ of readRows(input.path)) rowCount++;
  const rows = readRows(input.path);
  const header = (await rows.next()).value?.cells ?? [];
  const columns = columnsOf(header);
  if (columns.name === undefined) throw new AppError("VALIDATION_ERROR", [{ field: "file", key: "import.file.no_name_column", params: { file: input.path } }]);
  const ctx = await openImportContext(deps.db, { source: "yclients", now: startedAt, dryRun: input.dryRun, reminders: false, preload: true });
  const importBatch = (chunk: string[][]) =>
    batch(ctx, async (tx) => {
      for (const row of chunk) {
        const client = clientOf(row, columns, ctx);
        if (!client) {
          ctx.report.count("clients", "skipped");
          ctx.report.warn("invalid_item", row.join(";").slice(0, 120));
          continue;
        }
        await adoptExisting(ctx, tx, client);
        await importClient(ctx, tx, client);
      }
    });
  let chunk: string[][] = [];
  for await (const { cells } of rows) {
    chunk.push(cells);
    if (chunk.length === BATCH_ROWS) {
      await importBatch(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) await importBatch(chunk);
  return ctx.report.build(
    {
      source: "yclients-file",
      tenant: input.tenant,
      dry_run: input.dryRun,
      started_at: new Date(startedAt).toISOString(),
      finished_at: new Date(deps.clock.now()).toISOString(),
      details: { file: basename(input.path), rows: Math.max(rowCount, 0) },
    },
    "en",
  );
}

function columnsOf(header: string[]): Partial<Record<Column, number>> {
  const names = header.map((h) => h.replace(/^\uFEFF/, "").trim().toLowerCase());
  const found: Partial<Record<Column, number>> = {};
  for (const [column, synonyms] of Object.entries(COLUMNS) as Array<[Column, readonly string[]]>) {
    const index = names.findIndex((n) => synonyms.includes(n));
    if (index >= 0) found[column] = index;
  }
  return found;
}

function clientOf(row: string[], columns: Partial<Record<Column, number>>, ctx: ImportContext): IncomingClient | null {
  const raw = (column: Column) => (columns[column] === undefined ? "" : (row[columns[column]] ?? ""));
  const cell = (column: Column) => raw(column).replace(/\s+/g, " ").trim();
  const name = [cell("name"), cell("patronymic"), cell("surname")].filter((p) => p !== "").join(" ");
  const phone = cell("phone") || cell("extraPhone");
  if (!name && !phone) return null;
  const normalized = normalizePhone(phone, ctx.salon.country);
  const birth = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(cell("birthDate"));
  const birthDate = birth ? `${birth[3]}-${birth[2]}-${birth[1]}` : cell("birthDate");
  // "5", "5,5", "12 500": Excel-RU writes a decimal comma and may group thousands
  const decimal = (text: string) => Number(text.replace(/\s/g, "").replace(",", ".")) || 0;
  return {
    // The export has no id column as far as is known: then a client is known by phone and name, so
    // a mother and a daughter sharing a phone stay two clients and the same row imports once.
    externalId: cell("id") ? cell("id") : `file:${normalized.kind === "ok" ? normalized.e164 : phone}:${name.toLowerCase()}`,
    name,
    phone,
    email: cell("email").replace(/\s/g, "").toLowerCase(),
    comment: raw("comment").replace(/\r\n?/g, "\n").trim(),
    categories: cell("categories").split(/\s*,\s*/).filter((c) => c !== ""),
    birthDate: isValidLocalDate(birthDate) ? birthDate : null,
    discountPercent: decimal(cell("discount")),
    card: cell("card"),
    balanceMinor: Math.round(decimal(cell("balance")) * 100),
  };
}

/**
 * A row that matches a client already here — same phone and same name (or, with no phone, the only
 * phoneless client of that name), e.g. imported earlier from the API — updates that client instead
 * of adding a twin.
 */
async function adoptExisting(ctx: ImportContext, tx: Batch, client: IncomingClient): Promise<void> {
  const reader = readerOf(ctx, tx);
  if (await ctx.links.get(reader, "client", client.externalId)) return;
  const phone = normalizePhone(client.phone, ctx.salon.country);
  if (phone.kind !== "ok" && phone.kind !== "none") return;
  const candidates = await reader
    .select({ id: clients.id, name: clients.name })
    .from(clients)
    .where(phone.kind === "ok" ? eq(clients.phone, phone.e164) : isNull(clients.phone));
  // compared here, not in SQL: SQLite's lower() folds ASCII only, and names are mostly Cyrillic
  const same = candidates.filter((c) => c.name.toLowerCase() === client.name.toLowerCase());
  // without a phone a name alone must be unambiguous
  if (same.length === 0 || (phone.kind === "none" && same.length > 1)) return;
  const link = { localId: same[0]!.id, fingerprint: "", groupKey: null };
  if (tx) await ctx.links.save(tx, "client", client.externalId, link, ctx.now);
  else ctx.links.remember("client", client.externalId, link);
}
