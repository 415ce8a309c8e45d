/**
 * Telegram Mini App launch data (`Telegram.WebApp.initData`), checked as Telegram documents it
 * ("Validating data received via the Mini App"): the fields but `hash`, sorted by key, as
 * `key=value` lines; secret_key = HMAC-SHA256(key "WebAppData", the bot token); the data is genuine
 * when hex HMAC-SHA256(key secret_key, those lines) equals `hash`. It is fresh for 24 hours after
 * `auth_date`. Pure: the caller supplies the token and the time.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export interface MiniAppUser {
  id: number;
  firstName: string;
  lastName: string | null;
  languageCode: string | null;
}

export const INIT_DATA_MAX_AGE_MS = 24 * 60 * 60_000;
// Telegram's clock and ours may differ a little; a date further ahead than this is not believed.
const FUTURE_SLACK_MS = 5 * 60_000;
const MAX_LENGTH = 4096;

/** The hash Telegram puts on `fields` for the bot `token` (also what tests sign with). */
export function initDataHash(fields: ReadonlyArray<[string, string]>, token: string): string {
  const secretKey = createHmac("sha256", "WebAppData").update(token).digest();
  const lines = fields
    .filter(([key]) => key !== "hash")
    .map(([key, value]) => `${key}=${value}`)
    .sort()
    .join("\n");
  return createHmac("sha256", secretKey).update(lines).digest("hex");
}

/** The user the launch data names, when its hash holds for `token` and it is fresh at `now`; null otherwise. */
export function verifyInitData(initData: string, token: string, now: number): MiniAppUser | null {
  if (initData.length === 0 || initData.length > MAX_LENGTH) return null;
  const fields = [...new URLSearchParams(initData).entries()];
  const keys = fields.map(([key]) => key);
  // a repeated key could be read one way here and another way by a different parser
  if (new Set(keys).size !== keys.length) return null;
  const data = new Map(fields);
  const hash = data.get("hash") ?? "";
  if (!/^[0-9a-f]{64}$/.test(hash)) return null;
  const expected = Buffer.from(initDataHash(fields, token), "hex");
  if (!timingSafeEqual(Buffer.from(hash, "hex"), expected)) return null;
  const authDate = Number(data.get("auth_date")) * 1000;
  if (!Number.isSafeInteger(authDate) || authDate <= 0 || now - authDate > INIT_DATA_MAX_AGE_MS || authDate - now > FUTURE_SLACK_MS) return null;
  return userOf(data.get("user"));
}

function userOf(json: string | undefined): MiniAppUser | null {
  try {
    const user = JSON.parse(json ?? "null") as Record<string, unknown> | null;
    if (!user || !Number.isSafeInteger(user.id) || typeof user.first_name !== "string") return null;
    const text = (v: unknown, max: number) => (typeof v === "string" && v.trim() ? v.trim().slice(0, max) : null);
    return { id: user.id as number, firstName: user.first_name.slice(0, 64), lastName: text(user.last_name, 64), languageCode: text(user.language_code, 16) };
  } catch {
    return null;
  }
}
