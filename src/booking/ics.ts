/**
 * Visits as iCalendar (RFC 5545): a client's "add to calendar" file (one VEVENT with a VALARM before
 * the visit) and a master's subscription feed (many). Events are in UTC (no VTIMEZONE needed;
 * calendars show them in the phone's zone). A calendar keeps the copy of an event (same UID) with the
 * highest SEQUENCE, so every change of time or status carries a higher one, and a cancelled visit
 * is sent as METHOD:CANCEL + STATUS:CANCELLED under the same UID, which removes it.
 */

export interface CalendarEvent {
  uid: string;
  /** When this version of the event was made (the booking's last change). */
  stamp: number;
  /** Bumped by each change of the visit (bookings.sequence). */
  sequence: number;
  cancelled: boolean;
  start: number;
  end: number;
  summary: string;
  location: string | null;
  description: string;
  url: string;
  /** The reminder before the start; none in a feed (a master does not want one per visit). */
  alarm?: { minutes: number; text: string };
}

const utc = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");

/**
 * TEXT values escape backslash, semicolon, comma and line breaks (§3.3.11): CRLF, a bare CR and a
 * bare LF each become the two characters backslash-n (a bare CR would otherwise end the content
 * line). Other control characters are not allowed in TEXT (§3.1) and are dropped; input already
 * strips them (src/text/single-line.ts), this covers older rows.
 */
const text = (value: string) =>
  value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n")
    .replace(/[\u0000-\u001f\u007f]/g, "");

/** Content lines are folded at 75 octets, never inside a UTF-8 sequence (§3.1). */
function fold(line: string): string {
  const bytes = new TextEncoder();
  const parts: string[] = [];
  let current = "";
  for (const char of line) {
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
    if (bytes.encode(current + char).length > limit) {
      parts.push(current);
      current = "";
    }
    current += char;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** One visit as a file: a cancelled one is a CANCEL of the same UID, anything else a PUBLISH. */
export function bookingIcs(event: CalendarEvent): string {
  return calendarIcs([event], { method: icsMethod(event) });
}

export const icsMethod = (event: Pick<CalendarEvent, "cancelled">) => (event.cancelled ? "CANCEL" : "PUBLISH");

export interface CalendarOptions {
  method: "PUBLISH" | "CANCEL";
  /** The calendar's name in a subscribing app (X-WR-CALNAME). */
  name?: string;
  /** How often a subscribing app should fetch again, in minutes. */
  refreshMinutes?: number;
}

export function calendarIcs(events: CalendarEvent[], options: CalendarOptions): string {
  const refresh = options.refreshMinutes ? [`REFRESH-INTERVAL;VALUE=DURATION:PT${options.refreshMinutes}M`, `X-PUBLISHED-TTL:PT${options.refreshMinutes}M`] : [];
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Zapis//Online booking//EN",
    "CALSCALE:GREGORIAN",
    `METHOD:${options.method}`,
    ...(options.name ? [`X-WR-CALNAME:${text(options.name)}`] : []),
    ...refresh,
    ...events.flatMap(vevent),
    "END:VCALENDAR",
  ];
  return `${lines.map(fold).join("\r\n")}\r\n`;
}

function vevent(event: CalendarEvent): string[] {
  return [
    "BEGIN:VEVENT",
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${utc(event.stamp)}`,
    `DTSTART:${utc(event.start)}`,
    `DTEND:${utc(event.end)}`,
    `STATUS:${event.cancelled ? "CANCELLED" : "CONFIRMED"}`,
    `SUMMARY:${text(event.summary)}`,
    ...(event.location ? [`LOCATION:${text(event.location)}`] : []),
    `DESCRIPTION:${text(event.description)}`,
    `URL:${event.url}`,
    ...(event.alarm && !event.cancelled
      ? ["BEGIN:VALARM", "ACTION:DISPLAY", `TRIGGER:-PT${event.alarm.minutes}M`, `DESCRIPTION:${text(event.alarm.text)}`, "END:VALARM"]
      : []),
    "END:VEVENT",
  ];
}
