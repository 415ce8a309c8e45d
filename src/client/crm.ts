/** The salon's client list and card: search, history, and staff edits (notes, tags, consent) — audited. */
import { and, count, desc, eq, inArray, isNull, like, ne, or, sql } from "drizzle-orm";
import type { Actor } from "../account/permissions.ts";
import { recordAudit } from "../audit/audit.ts";
import { getBooking, type BookingDetails } from "../booking/queries.ts";
import { bookings } from "../booking/schema.ts";
import type { Database, Reader, Tx } from "../db/database.ts";
import { AppError, notFound, validationError } from "../error/app-error.ts";
import { hasValues, Problems } from "../error/problems.ts";
import type { Clock } from "../time/clock.ts";
import { clientStats, type ClientStats } from "./crm-queries.ts";
import { normalizePhone } from "./phone.ts";
import { clients } from "./schema.ts";
import { singleLine } from "../text/single-line.ts";
import { emitClientCreated } from "./events.ts";

export type ClientRow = typeof clients.$inferSelect;

export interface ClientDeps {
  db: Database;
  clock: Clock;
}

export const SEARCH_LIMIT = 50;
const MAX_TAGS = 20;

/** Escapes LIKE wildcards so a search for "50%" finds "50%". */
const likeText = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Clients matching a name or e-mail part or phone digits ("916 12" finds +7916123…), newest first;
 * without a query, the most recently added. Anonymized clients are not listed: there is nobody to find.
 */
export async function searchClients(
  reader: Reader,
  query: string,
  page: { limit: number; offset: number } = { limit: SEARCH_LIMIT, offset: 0 },
): Promise<{ data: Array<ClientRow & ClientStats>; total: number }> {
  const q = query.trim().slice(0, 100);
  const digits = q.replace(/\D/g, "");
  // SQLite folds case for ASCII only, so "анна" would miss "Анна": try the text as typed, in lower
  // case and capitalized — how names are written.
  const lower = q.toLowerCase();
  const variants = [...new Set([q, lower, lower.charAt(0).toUpperCase() + lower.slice(1)])];
  const byText = q ? or(...variants.flatMap((v) => [clients.name, clients.email].map((c) => sql`${c} LIKE ${`%${likeText(v)}%`} ESCAPE '\\'`))) : undefined;
  // Digits alone (3+) are a phone search; "8 916…" typed the Russian way also matches "+7916…".
  const byPhone = digits.length >= 3 ? or(like(clients.phone, `%${digits}%`), digits.startsWith("8") ? like(clients.phone, `+7${digits.slice(1)}%`) : undefined) : undefined;
  const where = and(isNull(clients.anonymizedAt), q ? or(byText, byPhone) : undefined);
  const [rows, [total]] = await Promise.all([
    reader.select().from(clients).where(where).orderBy(desc(clients.id)).limit(page.limit).offset(page.offset),
    reader.select({ n: count() }).from(clients).where(where),
  ]);
  const stats = await clientStats(reader, rows.map((r) => r.id));
  return { data: rows.map((r) => ({ ...r, ...stats.get(r.id)! })), total: total?.n ?? 0 };
}

export interface ClientCard {
  client: ClientRow;
  stats: ClientStats;
  /** Every visit, newest first. */
  visits: BookingDetails[];
}

async function clientRow(reader: Reader, id: number): Promise<ClientRow> {
  const [client] = await reader.select().from(clients).where(eq(clients.id, id));
  if (!client) throw notFound("client.not_found", { id });
  return client;
}

/** One client's record with their visit counts (the API's client); NOT_FOUND for an unknown id. */
export async function getClient(reader: Reader, id: number): Promise<ClientRow & ClientStats> {
  const client = await clientRow(reader, id);
  return { ...client, ...(await clientStats(reader, [id])).get(id)! };
}

export async function clientCard(reader: Reader, id: number): Promise<ClientCard> {
  const client = await clientRow(reader, id);
  const ids = await reader.select({ id: bookings.id }).from(bookings).where(eq(bookings.clientId, id)).orderBy(desc(bookings.startTs)).limit(500);
  const visits = (await Promise.all(ids.map((b) => getBooking(reader, b.id)))).filter((b): b is BookingDetails => b !== null);
  const stats = (await clientStats(reader, [id])).get(id)!;
  return { client, stats, visits };
}

export interface ClientEdit {
  name?: string;
  phone?: string | null;
  email?: string | null;
  notes?: string | null;
  tags?: string[];
  /** true records consent now (kept if already given), false withdraws it. */
  consent?: boolean;
  /** A standing discount, whole percent 0–100. */
  discountPercent?: number;
}

/** Tags as typed: "vip, аллергия" → ["vip", "аллергия"], trimmed, unique, in order. */
export const parseTags = (text: string): string[] => [...new Set(text.split(/[,;\n]/).map(singleLine).filter(Boolean))];

/** Checks an edit (or a new client's fields) and returns the phone in E.164; every problem at once. */
function checkEdit(edit: ClientEdit, country: string): string | null | undefined {
  const p = new Problems();
  if (edit.name !== undefined) p.check(singleLine(edit.name).length > 0 && edit.name.length <= 120, "name", "client.name_invalid");
  const phone = edit.phone ? normalizePhone(edit.phone, country) : edit.phone;
  if (edit.phone) p.check(phone !== null, "phone", "business.phone_invalid");
  if (edit.email) p.check(/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(edit.email) && edit.email.length <= 200, "email", "email.invalid", { email: edit.email });
  if (edit.notes) p.check(edit.notes.length <= 2000, "notes", "client.notes_too_long", { max: 2000 });
  if (edit.tags) p.check(edit.tags.length <= MAX_TAGS && edit.tags.every((t) => t.length <= 40), "tags", "client.tags_invalid", { max: MAX_TAGS });
  if (edit.discountPercent !== undefined) p.check(Number.isInteger(edit.discountPercent) && edit.discountPercent >= 0 && edit.discountPercent <= 100, "discount_percent", "client.discount_invalid");
  p.throwIfAny();
  return phone;
}

/** The column values of a checked edit: text as one line, empty text as null; undefined = unchanged. */
const columnsOf = (edit: ClientEdit, phone: string | null | undefined) => ({
  name: edit.name === undefined ? undefined : singleLine(edit.name),
  phone,
  email: edit.email === undefined ? undefined : (edit.email && singleLine(edit.email)) || null,
  notes: edit.notes === undefined ? undefined : edit.notes || null,
  tags: edit.tags,
  discountPercent: edit.discountPercent,
});

/**
 * Refuses a phone another live client already has: staff adding or editing a record would make the
 * duplicates that imports bring and that bookings then match by phone. (Records that share a phone
 * already are merged on the client card.)
 */
async function refuseTakenPhone(tx: Tx, phone: string | null | undefined, self: number | null): Promise<void> {
  if (!phone) return;
  const [other] = await tx
    .select({ id: clients.id })
    .from(clients)
    .where(and(eq(clients.phone, phone), isNull(clients.anonymizedAt), self === null ? undefined : ne(clients.id, self)))
    .limit(1);
  if (other) throw new AppError("ALREADY_EXISTS", [{ field: "phone", key: "client.phone_taken", params: { id: other.id } }]);
}

export async function updateClient(deps: ClientDeps, actor: Actor, id: number, edit: ClientEdit, country: string): Promise<void> {
  const phone = checkEdit(edit, country);
  const now = deps.clock.now();
  await deps.db.write(async (tx) => {
    const [current] = await tx.select().from(clients).where(eq(clients.id, id));
    if (!current) throw notFound("client.not_found", { id });
    if (current.anonymizedAt !== null) throw validationError([{ key: "client.anonymized" }]);
    if (phone !== current.phone) await refuseTakenPhone(tx, phone, id);
    const consentAt = edit.consent === undefined ? undefined : edit.consent ? (current.consentAt ?? now) : null;
    const values = { ...columnsOf(edit, phone), consentAt };
    if (!hasValues(values)) return;
    await tx.update(clients).set({ ...values, updatedAt: now }).where(eq(clients.id, id));
    // The log names what changed, not the personal values themselves.
    const changed = Object.entries(values).filter(([k, v]) => v !== undefined && JSON.stringify(v) !== JSON.stringify(current[k as keyof ClientRow])).map(([k]) => k);
    await recordAudit(tx, { at: now, actor: actor.label, userId: actor.userId, action: "client.update", entity: "client", entityId: id, details: { changed } });
  });
}

/** A client added by staff (the API's POST /clients): a name and a phone no other client has. */
export async function createClient(deps: ClientDeps, actor: Actor, input: ClientEdit & { name: string; phone: string }, country: string): Promise<number> {
  const p = new Problems();
  p.check(input.phone.trim().length > 0, "phone", "booking.phone_required");
  p.throwIfAny();
  const phone = checkEdit(input, country)!;
  const now = deps.clock.now();
  return deps.db.write(async (tx) => {
    await refuseTakenPhone(tx, phone, null);
    const consentAt = input.consent ? now : null;
    const [row] = await tx
      .insert(clients)
      .values({ ...columnsOf(input, phone), name: singleLine(input.name), phone, consentAt, createdAt: now, updatedAt: now })
      .returning({ id: clients.id });
    await recordAudit(tx, { at: now, actor: actor.label, userId: actor.userId, action: "client.create", entity: "client", entityId: row!.id, details: {} });
    await emitClientCreated(tx, row!.id, now);
    return row!.id;
  });
}

/** Clients by id (for the merge form's two sides). */
export async function clientsByIds(reader: Reader, ids: number[]): Promise<ClientRow[]> {
  return ids.length === 0 ? [] : reader.select().from(clients).where(inArray(clients.id, ids));
}

/** Other records that are probably the same person: the same phone, or the same name. */
export async function possibleDuplicates(reader: Reader, client: ClientRow): Promise<ClientRow[]> {
  const samePhone = client.phone ? eq(clients.phone, client.phone) : undefined;
  const rows = await reader
    .select()
    .from(clients)
    .where(and(isNull(clients.anonymizedAt), sql`${clients.id} <> ${client.id}`, or(samePhone, eq(clients.name, client.name))))
    .orderBy(desc(clients.id))
    .limit(10);
  return rows;
}
