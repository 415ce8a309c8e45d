/** Text forms of time used at the edges: API timestamps and "HH:MM" schedule fields. */

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "2027-03-28T10:00:00+02:00": the API's timestamp format, with the location's offset. */
export function toIsoWithOffset(instantMs: number, zone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(instantMs)
    .toZonedDateTimeISO(zone)
    .toString({ timeZoneName: "never", smallestUnit: instantMs % 1000 === 0 ? "second" : "millisecond" });
}

/** "вт, 2 марта, 12:00": an instant as people read it in a message, in the salon's zone and language. */
export function formatLocalDateTime(instantMs: number, zone: string, locale: string): string {
  return Temporal.Instant.fromEpochMilliseconds(instantMs)
    .toZonedDateTimeISO(zone)
    .toLocaleString(locale, { weekday: "short", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" });
}

/** An ISO-8601 timestamp that names its offset (or Z) → epoch ms; null for anything else. */
export function parseIsoInstant(text: string): number | null {
  try {
    return Temporal.Instant.from(text).epochMilliseconds;
  } catch {
    return null;
  }
}

// Temporal (and Date) hold instants within ±8.64e15 ms; converting one beyond that throws.
const MAX_EPOCH_MS = 8.64e15;

/** Epoch milliseconds written as digits (a booking link's or form's `start`), or null when it is no instant we can show. */
export function parseEpochMs(text: string): number | null {
  if (!/^\d{1,16}$/.test(text)) return null;
  const ms = Number(text);
  return ms <= MAX_EPOCH_MS ? ms : null;
}

/** "09:30" → 570. "24:00" → 1440 so a day can close at midnight. Anything else → null. */
export function parseHHMM(text: string): number | null {
  if (text === "24:00") return 1440;
  const match = HHMM.exec(text);
  if (!match) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

/** 570 → "09:30"; inverse of parseHHMM for 0..1440. */
export function formatHHMM(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}
