import { expect, test } from "bun:test";
import { bookingIcs, calendarIcs } from "./ics.ts";

const event = {
  uid: "booking-7@salon.zapis",
  stamp: Date.UTC(2027, 1, 20, 9, 30),
  sequence: 0,
  cancelled: false,
  start: Date.UTC(2027, 2, 1, 7, 0),
  end: Date.UTC(2027, 2, 1, 8, 0),
  summary: "Женская стрижка, укладка; уход",
  location: "Москва, ул. Тверская, 1",
  description: "Мастер: Анна\nhttps://example.com/x",
  url: "https://example.com/salon/my/7?t=abc",
  alarm: { minutes: 120, text: "Женская стрижка — Лотос" },
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

test("a changed visit carries its SEQUENCE; a cancelled one is a CANCEL of the same UID, without the alarm", () => {
  const live = bookingIcs({ ...event, sequence: 2 });
  expect(live).toContain("\r\nMETHOD:PUBLISH\r\n");
  expect(live).toContain("\r\nUID:booking-7@salon.zapis\r\nSEQUENCE:2\r\n");
  expect(live).toContain("\r\nSTATUS:CONFIRMED\r\n");
  const cancelled = bookingIcs({ ...event, sequence: 3, cancelled: true });
  expect(cancelled).toContain("\r\nMETHOD:CANCEL\r\n");
  expect(cancelled).toContain("\r\nUID:booking-7@salon.zapis\r\nSEQUENCE:3\r\n");
  expect(cancelled).toContain("\r\nSTATUS:CANCELLED\r\n");
  expect(cancelled).not.toContain("VALARM");
});

test("a feed: several events, a name and a refresh interval, no alarms", () => {
  const feed = calendarIcs([{ ...event, alarm: undefined }, { ...event, uid: "b-8", alarm: undefined }], { method: "PUBLISH", name: "Анна, Лотос", refreshMinutes: 15 });
  expect(feed.match(/BEGIN:VEVENT/g)?.length).toBe(2);
  expect(feed).toContain("\r\nX-WR-CALNAME:Анна\\, Лотос\r\nREFRESH-INTERVAL;VALUE=DURATION:PT15M\r\n");
  expect(feed).not.toContain("VALARM");
});
