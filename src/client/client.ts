import { and, eq, isNull, sql } from "drizzle-orm";
import type { Tx } from "../db/database.ts";
import { insertedId, placeholders, prepared } from "../db/prepared.ts";
import { emitClientCreated } from "./events.ts";
import { clients } from "./schema.ts";

export interface ClientContact {
  name: string;
  /** E.164, already normalized (phone.ts). */
  phone: string;
  email: string | null;
  /** When the client agreed to the processing of personal data, if they did just now. */
  consentAt: number | null;
}

/**
 * The salon's client with this phone, created when new. A returning client keeps the name the
 * salon knows them by (staff may have corrected it). Only staff (`byStaff`) may change a known
 * client: they fill in a missing email and record a fresh consent. An anonymous booker has proven
 * nothing about the phone they typed, so what they send stays on their booking and never reaches
 * the record (else anyone could redirect a client's messages to their own address). Imports may
 * hold duplicates of a phone: the oldest is the one matched.
 */
export async function findOrCreateClient(tx: Tx, contact: ClientContact, now: number, byStaff: boolean): Promise<number> {
  const existing = oldest(await clientsByPhone(tx).all({ phone: contact.phone }));
  if (existing && !byStaff) return existing.id;
  if (existing) {
    const changes = {
      ...(existing.email === null && contact.email ? { email: contact.email } : {}),
      ...(contact.consentAt !== null ? { consentAt: contact.consentAt } : {}),
    };
    if (Object.keys(changes).length > 0) {
      await tx.update(clients).set({ ...changes, updatedAt: now }).where(eq(clients.id, existing.id));
    }
    return existing.id;
  }
  const id = insertedId(await newClient(tx).run({ ...contact, now }));
  await emitClientCreated(tx, id, now);
  return id;
}

// every public booking runs these two (issue 20: built once, src/db/prepared.ts)
// Every client of the phone, the oldest picked here: with ORDER BY id LIMIT 1 SQLite prepares the
// statement again at every run (3.6–5.4 µs against 0.3–0.8 µs), and a phone has a client or a few.
const clientsByPhone = prepared((db) =>
  db
    .select({ id: clients.id, email: clients.email })
    .from(clients)
    .where(and(eq(clients.phone, sql.placeholder("phone")), isNull(clients.anonymizedAt))),
);

const oldest = <T extends { id: number }>(rows: T[]): T | undefined => rows.reduce<T | undefined>((first, row) => (first && first.id < row.id ? first : row), undefined);

const newClient = prepared((db) =>
  db
    .insert(clients)
    .values({
      ...placeholders("name", "phone", "email", "consentAt"),
      createdAt: sql.placeholder("now"),
      updatedAt: sql.placeholder("now"),
    }),
);
