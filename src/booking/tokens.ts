import { createHmac } from "node:crypto";
import { hashToken, newSecretToken } from "../account/api-token.ts";

/**
 * Secrets of a booking. Only hashes are stored: a copy of the database opens no booking.
 *
 * A booking made under an idempotency key gets a manage token that a retried submit can recompute
 * (so the link is never stored): an HMAC of the key under the tenant's link_secret. The key is the
 * caller's choice, so the server secret is what makes the token unguessable; the key is stored
 * only hashed, and a replay answers only when its request matches the first (see booking.ts).
 * Links issued before this (a keyless hash of the key) still open: pages compare stored hashes.
 */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{16,200}$/;

export const newManageToken = (): string => newSecretToken();

export const keyedManageToken = (linkSecret: string, idempotencyKey: string): string =>
  createHmac("sha256", linkSecret).update(`manage-link:${idempotencyKey}`).digest("base64url");

export const manageTokenHash = (token: string): string => hashToken(token);

export const idempotencyHash = (key: string): string => hashToken(`idempotency:${key}`);

/** A fresh key for a booking form: the same form submitted twice books once. */
export const newFormKey = (): string => newSecretToken();
