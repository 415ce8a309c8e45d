import { expect, test } from "bun:test";
import { bookingIcs } from "./ics.ts";

const event = {
  uid: "booking-7@salon.zapis",
  stamp: Date.UTC(2027, 1, 20, 9, 30),
  start: Date.UTC(2027, 2, 1, 7, 0),
  end: Date.UTC(2027, 2, 1, 8, 0),
  summary: "Женская стрижка, укладка; уход",
  location: "Москва, ул. Тверская, 1",
  description: "Мастер: Анна\nhttps://example.com/x",
  url: "https://example.com/salon/my/7?t=abc",
  alarmMinutes: 120,
  alarmText: "Женская стрижка — Лотос",
};

test("one VEVENT in UTC with a VALARM, escaped text, CRLF lines folded at 75 octets", () => {
  const ics = bookingIcs(event);
  expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
  expect(ics).toContain("\r\nDTSTART:20270301T070000Z\r\n");
  expect(ics).toContain("\r\nDTEND:20270301T080000Z\r\n");
  expect(ics).toContain("\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT120M\r\n");
  const unfolded = ics.replace(/\r\n /g, "");
  expect(unfolded).toContain("SUMMARY:Женская стрижка\\, укладка\\; уход\r\n");
  expect(unfolded).toContain("DESCRIPTION:Мастер: Анна\\nhttps://example.com/x\r\n");
  for (const line of ics.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  expect(ics.endsWith("END:VEVENT\r\nEND:VCALENDAR\r\n")).toBe(true);
});

test("a bare CR (older rows, before input stripped it) is escaped like a line break; other controls are dropped", () => {
  const ics = bookingIcs({ ...event, summary: "Стрижка\rEND:VEVENT", location: "Тверская\r\n1\u0000" });
  const unfolded = ics.replace(/\r\n /g, "");
  expect(unfolded).toContain("SUMMARY:Стрижка\\nEND:VEVENT\r\n");
  expect(unfolded).toContain("LOCATION:Тверская\\n1\r\n");
  expect(ics).not.toMatch(/\r(?!\n)/);
});
