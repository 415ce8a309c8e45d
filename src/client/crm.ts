/** The salon's client list and card: search, history, and staff edits (notes, tags, consent) — audited. */
import { and, desc, eq, inArray, isNull, like, or, sql } from "drizzle-orm";
import type { Actor } from "../account/permissions.ts";
import { recordAudit } from "../audit/audit.ts";
import { getBooking, type BookingDetails } from "../booking/queries.ts";
import { bookings } from "../booking/schema.ts";
import type { Database, Reader } from "../db/database.ts";
import { notFound, validationError } from "../error/app-error.ts";
import { hasValues, Problems } from "../error/problems.ts";
import type { Clock } from "../time/clock.ts";
import { clientStats, type ClientStats } from "./crm-queries.ts";
import { normalizePhone } from "./phone.ts";
import { clients } from "./schema.ts";
import { singleLine } from "../text/single-line.ts";

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
 * Clients matching a name part or phone digits ("916 12" finds +7916123…), newest first; without a
 * query, the most recently added. Anonymized clients are not listed: there is nobody to find.
 */
export async function searchClients(reader: Reader, query: string, limit = SEARCH_LIMIT): Promise<Array<ClientRow & ClientStats>> {
  const q = query.trim().slice(0, 100);
  const digits = q.replace(/\D/g, "");
  // SQLite folds case for ASCII only, so "анна" would miss "Анна": try the text as typed, in lower
  // case and capitalized — how names are written.
  const lower = q.toLowerCase();
  const variants = [...new Set([q, lower, lower.charAt(0).toUpperCase() + lower.slice(1)])];
  const byName = q ? or(...variants.map((v) => sql`${clients.name} LIKE ${`%${likeText(v)}%`} ESCAPE '\\'`)) : undefined;
  // Digits alone (3+) are a phone search; "8 916…" typed the Russian way also matches "+7916…".
  const byPhone = digits.length >= 3 ? or(like(clients.phone, `%${digits}%`), digits.startsWith("8") ? like(clients.phone, `+7${digits.slice(1)}%`) : undefined) : undefined;
  const rows = await reader
    .select()
    .from(clients)
    .where(and(isNull(clients.anonymizedAt), q ? or(byName, byPhone) : undefined))
    .orderBy(desc(clients.id))
    .limit(limit);
  const stats = await clientStats(reader, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, ...stats.get(r.id)! }));
}

export interface ClientCard {
  client: ClientRow;
  stats: ClientStats;
  /** Every visit, newest first. */
  visits: BookingDetails[];
}

export async function clientCard(reader: Reader, id: number): Promise<ClientCard> {
  const [client] = await reader.select().from(clients).where(eq(clients.id, id));
  if (!client) throw notFound("client.not_found", { id });
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
}

/** Tags as typed: "vip, аллергия" → ["vip", "аллергия"], trimmed, unique, in order. */
export const parseTags = (text: string): string[] => [...new Set(text.split(/[,;\n]/).map(singleLine).filter(Boolean))];

export async function updateClient(deps: ClientDeps, actor: Actor, id: number, edit: ClientEdit, country: string): Promise<void> {
  const p = new Problems();
  if (edit.name !== undefined) p.check(singleLine(edit.name).length > 0 && edit.name.length <= 120, "name", "client.name_invalid");
  const phone = edit.phone ? normalizePhone(edit.phone, country) : edit.phone;
  if (edit.phone) p.check(phone !== null, "phone", "business.phone_invalid");
  if (edit.email) p.check(/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(edit.email) && edit.email.length <= 200, "email", "email.invalid", { email: edit.email });
  if (edit.notes) p.check(edit.notes.length <= 2000, "notes", "client.notes_too_long", { max: 2000 });
  if (edit.tags) p.check(edit.tags.length <= MAX_TAGS && edit.tags.every((t) => t.length <= 40), "tags", "client.tags_invalid", { max: MAX_TAGS });
  p.throwIfAny();
  const now = deps.clock.now();
  await deps.db.write(async (tx) => {
    const [current] = await tx.select().from(clients).where(eq(clients.id, id));
    if (!current) throw notFound("client.not_found", { id });
    if (current.anonymizedAt !== null) throw validationError([{ key: "client.anonymized" }]);
    const consentAt = edit.consent === undefined ? undefined : edit.consent ? (current.consentAt ?? now) : null;
    const values = { name: edit.name === undefined ? undefined : singleLine(edit.name), phone, email: edit.email === undefined ? undefined : (edit.email && singleLine(edit.email)) || null, notes: edit.notes === undefined ? undefined : edit.notes || null, tags: edit.tags, consentAt };
    if (!hasValues(values)) return;
    await tx.update(clients).set({ ...values, updatedAt: now }).where(eq(clients.id, id));
    // The log names what changed, not the personal values themselves.
    const changed = Object.entries(values).filter(([k, v]) => v !== undefined && JSON.stringify(v) !== JSON.stringify(current[k as keyof ClientRow])).map(([k]) => k);
    await recordAudit(tx, { at: now, actor: actor.label, userId: actor.userId, action: "client.update", entity: "client", entityId: id, details: { changed } });
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
