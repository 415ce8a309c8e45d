/**
 * Lenient readers for YClients JSON. The API is PHP: the same field arrives as a number, a numeric
 * string or a boolean depending on the endpoint and its age ("id": "79067", "hidden": "0",
 * "deleted": 0 against false, "price_min": "1000.00"), and an empty object is serialised as `[]`.
 * Every field is read through these, never trusted to have one type.
 */
import { isValidLocalDate, type LocalDate } from "../../time/zone.ts";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** An object, or null for anything else — including PHP's `[]` for an empty object. */
export function obj(value: unknown): JsonObject | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as JsonObject) : null;
}

/** An array, or [] for anything else (an absent list, `{}`, null). */
export function list(value: unknown): Json[] {
  return Array.isArray(value) ? (value as Json[]) : [];
}

/** A finite number from a number or a numeric string ("1000.00", " 5 "); null otherwise. */
export function num(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && value.trim() !== "") {
    const n = Number(value.trim().replace(",", "."));
    return Number.isFinite(n) ? n : null;
  }
  if (typeof value === "boolean") return value ? 1 : 0;
  return null;
}

/** An integer id as text ("79067" and 79067 are the same id); null for 0, empty or missing. */
export function id(value: unknown): string | null {
  const n = num(value);
  return n !== null && Number.isInteger(n) && n > 0 ? String(n) : null;
}

/** Trimmed text with runs of whitespace collapsed; numbers become their decimal text. */
export function str(value: unknown): string {
  if (typeof value === "string") return value.replace(/\s+/g, " ").trim();
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return "";
}

/** Trimmed text, line breaks kept (comments and notes). */
export function text(value: unknown): string {
  return typeof value === "string" ? value.replace(/\r\n?/g, "\n").trim() : "";
}

/** true/false from booleans, 0/1, "0"/"1", "true"/"false"; `fallback` for anything else. */
export function bool(value: unknown, fallback: boolean): boolean {
  if (typeof value === "boolean") return value;
  const n = num(value);
  if (n !== null) return n !== 0;
  if (typeof value === "string") {
    const s = value.trim().toLowerCase();
    if (s === "true") return true;
    if (s === "false") return false;
  }
  return fallback;
}

/** Money in major units (rubles, tenge; possibly fractional) → integer minor units. */
export function minor(value: unknown): number {
  const n = num(value);
  return n === null ? 0 : Math.round(n * 100);
}

const WALL = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2}))?/;

/**
 * "2025-06-16 18:15:00", "2025-06-16T18:15:00+03:00" or "2025-06-16" → its local wall time. Any
 * printed offset is ignored: YClients prints the company's configured one, wrong across DST.
 */
export function wallTime(value: unknown): { date: LocalDate; minutes: number } | null {
  const match = typeof value === "string" ? WALL.exec(value.trim()) : null;
  if (!match || !isValidLocalDate(match[1]!)) return null;
  const hours = Number(match[2] ?? 0);
  const minutes = Number(match[3] ?? 0);
  if (hours > 23 || minutes > 59) return null;
  return { date: match[1]!, minutes: hours * 60 + minutes };
}

/** "10:00" → 600 wall minutes (up to "24:00"); null for anything else. */
export function hhmm(value: unknown): number | null {
  const match = typeof value === "string" ? /^(\d{1,2}):(\d{2})/.exec(value.trim()) : null;
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 1440 ? minutes : null;
}

/** The text of an HTML fragment (a master's «information»): tags dropped, common entities decoded. */
export function stripHtml(value: unknown): string {
  return text(value)
    .replace(/<br\s*\/?>|<\/p>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/[ \t]+/g, " ")
    .replace(/\n\s*\n+/g, "\n")
    .trim();
}
