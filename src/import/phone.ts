import { normalizePhone as normalizeTyped } from "../client/phone.ts";

/** What an imported phone became: E.164, or nothing (absent, a placeholder, or not a phone). */
export type ImportedPhone =
  | { kind: "ok"; e164: string }
  | { kind: "none" }
  /** All zeros after the country code: the «технический» walk-in client's stand-in number. */
  | { kind: "placeholder"; raw: string }
  | { kind: "invalid"; raw: string };

/**
 * Any phone shape an outside system hands over — a JSON number 79161234567, "7916…", "+7916…",
 * "8 (916) 123-45-67", "+7 916 123-45-67", a foreign number stored without its "+" — to E.164,
 * validated the way the client module validates typed phones. `country` is the salon's: it decides
 * how a national number is read.
 */
export function normalizePhone(raw: unknown, country: string): ImportedPhone {
  const text = typeof raw === "number" && Number.isFinite(raw) ? String(raw) : typeof raw === "string" ? raw.trim() : "";
  const digits = text.replace(/\D/g, "");
  if (digits === "") return { kind: "none" };
  if (/^[78]?0+$/.test(digits)) return { kind: "placeholder", raw: text };
  const e164 = normalizeTyped(text, country) ?? (text.startsWith("+") ? null : normalizeTyped(`+${digits}`, country));
  return e164 ? { kind: "ok", e164 } : { kind: "invalid", raw: text };
}
