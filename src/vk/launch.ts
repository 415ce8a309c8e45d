/**
 * VK Mini App launch parameters. VK opens the app's URL with `vk_*` query parameters and `sign`:
 * the base64url HMAC-SHA256, keyed with the app's secure key, of the `vk_*` parameters sorted by
 * name and joined as a query string. A launch counts only when the signature matches, the app is
 * the salon's, and it is fresh: VK signs anew at each launch, so a day-old link is a replayed one.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const LAUNCH_MAX_AGE_MS = 24 * 3_600_000;
// VK's clock and ours may differ a little; a launch from the future beyond this is forged.
const CLOCK_SKEW_MS = 5 * 60_000;

export type LaunchCheck = { ok: true; userId: string; language: string | null } | { ok: false; reason: "unsigned" | "forged" | "other_app" | "expired" };

/** The signature VK computes for these parameters with `secret`. */
export function launchSignature(params: URLSearchParams, secret: string): string {
  const signed = [...params]
    .filter(([name]) => name.startsWith("vk_"))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join("&");
  return createHmac("sha256", secret).update(signed).digest("base64url");
}

/** Checks a launch against the salon's VK app (its id and secure key) at `now`. */
export function checkLaunch(params: URLSearchParams, app: { appId: string; secret: string }, now: number): LaunchCheck {
  const sign = params.get("sign");
  // each parameter once: a repeated one could be read one way here and another way by VK
  const names = [...params.keys()];
  if (!sign || new Set(names).size !== names.length) return { ok: false, reason: "unsigned" };
  const expected = Buffer.from(launchSignature(params, app.secret));
  const given = Buffer.from(sign);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "forged" };
  if (params.get("vk_app_id") !== app.appId) return { ok: false, reason: "other_app" };
  const ts = Number(params.get("vk_ts")) * 1000;
  if (!Number.isSafeInteger(ts) || ts <= 0 || now - ts > LAUNCH_MAX_AGE_MS || ts - now > CLOCK_SKEW_MS) return { ok: false, reason: "expired" };
  const userId = params.get("vk_user_id") ?? "";
  if (!/^\d{1,20}$/.test(userId)) return { ok: false, reason: "forged" };
  return { ok: true, userId, language: params.get("vk_language") };
}
