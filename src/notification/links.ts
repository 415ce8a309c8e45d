import { createHmac, timingSafeEqual } from "node:crypto";
import type { Channel } from "./schema.ts";

/**
 * Signed links that act for a client without a login: the opt-out link in every message, and the
 * Telegram deep link (`t.me/<bot>?start=<token>`) that ties a chat to the client. Signed with the
 * tenant's link_secret, so a client id cannot be guessed into someone else's opt-out, and no table
 * of issued tokens is needed.
 */
function mac(secret: string, data: string, length: number): string {
  return createHmac("sha256", secret).update(data).digest("base64url").slice(0, length);
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * "<client>.<channel>.<mac>": stops `channel` for the address the message went to. The mac covers
 * that address, so a link mailed to a booker who typed someone else's phone (the booking's own
 * contact e-mail) cannot be read as the stored client's own opt-out.
 */
export function optOutToken(secret: string, clientId: number, channel: Channel, address: string): string {
  return `${clientId}.${channel}.${optOutMac(secret, clientId, channel, address)}`;
}

/** The token's client and channel, and a test of which address it was signed for; null when malformed. */
export function readOptOutToken(
  secret: string,
  token: string,
): { clientId: number; channel: Channel; signedFor(address: string): boolean } | null {
  const match = /^(\d{1,12})\.(email|sms|telegram)\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return null;
  const clientId = Number(match[1]);
  const channel = match[2] as Channel;
  return { clientId, channel, signedFor: (address) => same(match[3]!, optOutMac(secret, clientId, channel, address)) };
}

/** Addresses compare as a mail app or phone would show them: case and surrounding spaces do not matter. */
export const addressKey = (address: string) => address.trim().toLowerCase();

const optOutMac = (secret: string, clientId: number, channel: Channel, address: string) =>
  mac(secret, `opt-out:${clientId}:${channel}:${addressKey(address)}`, 22);

/** The `/start` parameter of a Telegram deep link: at most 64 of A-Z a-z 0-9 _ - (Bot API rule). */
export function telegramStartToken(secret: string, clientId: number): string {
  return `c${clientId}_${mac(secret, `telegram:${clientId}`, 24)}`;
}

export function readTelegramStartToken(secret: string, token: string): number | null {
  const match = /^c(\d{1,12})_([A-Za-z0-9_-]{24})$/.exec(token);
  if (!match) return null;
  const clientId = Number(match[1]);
  return same(match[2]!, mac(secret, `telegram:${clientId}`, 24)) ? clientId : null;
}
