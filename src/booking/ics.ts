/**
 * A booking as an iCalendar file (RFC 5545) for "add to calendar": one VEVENT in UTC (no
 * VTIMEZONE needed; calendars show it in the phone's zone) with a VALARM before the visit.
 */

export interface CalendarEvent {
  uid: string;
  /** When this version of the event was made (the booking's last change). */
  stamp: number;
  start: number;
  end: number;
  summary: string;
  location: string | null;
  description: string;
  url: string;
  /** The reminder, minutes before the start. */
  alarmMinutes: number;
  alarmText: string;
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

export function bookingIcs(event: CalendarEvent): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Zapis//Online booking//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:${event.uid}`,
    `DTSTAMP:${utc(event.stamp)}`,
    `DTSTART:${utc(event.start)}`,
    `DTEND:${utc(event.end)}`,
    `SUMMARY:${text(event.summary)}`,
    ...(event.location ? [`LOCATION:${text(event.location)}`] : []),
    `DESCRIPTION:${text(event.description)}`,
    `URL:${event.url}`,
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    `TRIGGER:-PT${event.alarmMinutes}M`,
    `DESCRIPTION:${text(event.alarmText)}`,
    "END:VALARM",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return `${lines.map(fold).join("\r\n")}\r\n`;
}
