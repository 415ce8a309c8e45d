/**
 * Signing a client in with a one-time code. The code goes by SMS to the phone itself, through the
 * outbox: the only channel that proves the phone (a salon without SMS.ru sends none). Six digits, five minutes, five tries; at most CODES_PER_PHONE codes an hour
 * per phone and CODES_PER_ADDRESS per client address, so guessing is capped at 15 tries an hour
 * per phone. An unknown phone gets a row too (with a hash no code matches) and the same answer:
 * asking for a code never tells whether a phone is a client.
 */
import { createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { and, count, desc, eq, gt, isNull } from "drizzle-orm";
import { clients } from "../client/schema.ts";
import { normalizePhone } from "../client/phone.ts";
import type { Database, Tx } from "../db/database.ts";
import { AppError, validationError } from "../error/app-error.ts";
import { t } from "../i18n/i18n.ts";
import type { SalonFacts } from "../business/business.ts";
import { enqueueDirect } from "../notification/outbox.ts";
import { configuredChannels, readSettings } from "../notification/settings.ts";
import type { Clock } from "../time/clock.ts";
import { clientCodes } from "./schema.ts";

export const CODE_TTL_MS = 5 * 60_000;
export const MAX_TRIES = 5;
export const CODES_PER_PHONE = 3;
export const CODES_PER_ADDRESS = 10;
const WINDOW_MS = 60 * 60_000;

export interface CodeDeps {
  db: Database;
  clock: Clock;
}

type Salon = Pick<SalonFacts, "name" | "locale" | "country">;

const codeMac = (secret: string, phone: string, code: string) => createHmac("sha256", secret).update(`client-code:${phone}:${code}`).digest("base64url");

/** The phone as stored (E.164), or a 400 when it is not a phone number at all. */
export function phoneOf(raw: string, country: string): string {
  const phone = normalizePhone(raw.slice(0, 40), country);
  if (!phone) throw validationError([{ field: "phone", key: "cabinet.phone_invalid" }]);
  return phone;
}

const limited = () => new AppError("RATE_LIMITED", [{ key: "cabinet.too_many_codes" }]);

/** Sends a code to the client with this phone, if there is one; the same outcome either way. */
export async function requestCode(deps: CodeDeps, salon: Salon, input: { phone: string; address: string | null }): Promise<void> {
  const phone = phoneOf(input.phone, salon.country);
  const now = deps.clock.now();
  const settings = await readSettings(deps.db.orm);
  await deps.db.write(async (tx) => {
    const since = now - WINDOW_MS;
    const [byPhone] = await tx.select({ n: count() }).from(clientCodes).where(and(eq(clientCodes.phone, phone), gt(clientCodes.createdAt, since)));
    if (byPhone!.n >= CODES_PER_PHONE) throw limited();
    if (input.address) {
      const [byAddress] = await tx.select({ n: count() }).from(clientCodes).where(and(eq(clientCodes.address, input.address), gt(clientCodes.createdAt, since)));
      if (byAddress!.n >= CODES_PER_ADDRESS) throw limited();
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    const sent = await sendCode(tx, settings, salon, phone, code, now);
    // nobody to send to: a hash no six digits produce, so the tries run out the same way
    const codeHash = codeMac(settings.linkSecret, phone, sent ? code : randomBytes(16).toString("hex"));
    await tx.insert(clientCodes).values({ phone, address: input.address, codeHash, createdAt: now, expiresAt: now + CODE_TTL_MS });
  });
}

async function sendCode(tx: Tx, settings: Awaited<ReturnType<typeof readSettings>>, salon: Salon, phone: string, code: string, now: number): Promise<boolean> {
  const [client] = await tx.select().from(clients).where(and(eq(clients.phone, phone), isNull(clients.anonymizedAt)));
  if (!client) return false;
  // Only an SMS to the phone itself proves the phone: the client row's e-mail and Telegram chat may
  // have come from whoever first booked with this number (a public booking proves nothing), and a
  // code sent there would open the real owner's visits and wallet to them.
  if (!configuredChannels(settings).sms) return false;
  const channel = "sms";
  const to = phone;
  const text = t(salon.locale, "cabinet.code.text", { code, salon: salon.name });
  await enqueueDirect(tx, {
    event: "client_code",
    channel,
    message: { to, subject: t(salon.locale, "cabinet.code.subject", { salon: salon.name }), text },
    dedupeKey: `code:${phone}:${now}:${code}`,
    clientId: client.id,
    now,
  });
  return true;
}

/**
 * Checks a code against the phone's latest one. Every wrong try counts, and it is written before
 * the answer; the sixth try of a code is refused even when right. Returns the client signed in.
 */
export async function verifyCode(deps: CodeDeps, salon: Salon, input: { phone: string; code: string }): Promise<number> {
  const phone = phoneOf(input.phone, salon.country);
  const code = input.code.replace(/\s/g, "");
  const now = deps.clock.now();
  const { linkSecret } = await readSettings(deps.db.orm);
  const outcome = await deps.db.write(async (tx) => {
    const [row] = await tx.select().from(clientCodes).where(eq(clientCodes.phone, phone)).orderBy(desc(clientCodes.createdAt), desc(clientCodes.id)).limit(1);
    if (!row || row.usedAt !== null || row.expiresAt <= now) return "expired" as const;
    if (row.attempts >= MAX_TRIES) return "exhausted" as const;
    await tx.update(clientCodes).set({ attempts: row.attempts + 1 }).where(eq(clientCodes.id, row.id));
    const given = Buffer.from(codeMac(linkSecret, phone, /^\d{6}$/.test(code) ? code : "-"));
    if (!timingSafeEqual(given, Buffer.from(row.codeHash))) return "wrong" as const;
    const [client] = await tx.select({ id: clients.id }).from(clients).where(and(eq(clients.phone, phone), isNull(clients.anonymizedAt)));
    if (!client) return "wrong" as const;
    await tx.update(clientCodes).set({ usedAt: now }).where(eq(clientCodes.id, row.id));
    return client.id;
  });
  if (outcome === "expired") throw validationError([{ field: "code", key: "cabinet.code_expired" }]);
  if (outcome === "exhausted") throw new AppError("RATE_LIMITED", [{ key: "cabinet.too_many_tries" }]);
  if (outcome === "wrong") throw validationError([{ field: "code", key: "cabinet.code_wrong" }]);
  return outcome;
}
