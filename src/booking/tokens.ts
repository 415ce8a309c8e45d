import { hashToken, newSecretToken } from "../account/api-token.ts";

/**
 * Secrets of a booking. Only hashes are stored: a copy of the database opens no booking.
 *
 * A booking made under an idempotency key gets a manage token derived from that key (HMAC), so a
 * retried submit can answer with the same manage link without the link ever being stored. Keys
 * are therefore required to be long and random (see IDEMPOTENCY_KEY); the key itself is stored
 * hashed too, so the database cannot be used to derive the link either.
 */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{16,200}$/;

export function manageTokenFor(idempotencyKey: string | null): string {
  if (idempotencyKey === null) return newSecretToken();
  return new Bun.CryptoHasher("sha256", idempotencyKey).update("zapis:manage-link").digest("base64url");
}

export const manageTokenHash = (token: string): string => hashToken(token);

export const idempotencyHash = (key: string): string => hashToken(`idempotency:${key}`);

/** A fresh key for a booking form: the same form submitted twice books once. */
export const newFormKey = (): string => newSecretToken();
