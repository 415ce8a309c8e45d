import { describe, expect, test } from "bun:test";
import { formatDuration, formatLocalDateTime, isoFormatter, toIsoWithOffset } from "./format.ts";

describe("formatDuration", () => {
  test("Russian: the form after «за» for each plural category (one, few, many), weeks when whole", () => {
    const ru = (m: number) => formatDuration(m, "ru");
    expect(ru(1)).toBe("1 минуту");
    expect(ru(21)).toBe("21 минуту");
    expect(ru(2)).toBe("2 минуты");
    expect(ru(11)).toBe("11 минут");
    expect(ru(45)).toBe("45 минут");
    expect(ru(60)).toBe("1 час");
    expect(ru(180)).toBe("3 часа");
    expect(ru(300)).toBe("5 часов");
    expect(ru(1440)).toBe("1 день");
    expect(ru(2 * 1440)).toBe("2 дня");
    expect(ru(10_080)).toBe("1 неделю");
    expect(ru(20_160)).toBe("2 недели");
    expect(ru(5 * 10_080)).toBe("5 недель");
    // 20000 min is no whole number of weeks: said exactly, largest unit first
    expect(ru(20_000)).toBe("13 дней 21 час 20 минут");
    expect(ru(0)).toBe("0 минут");
  });

  test("English: singular and plural", () => {
    expect(formatDuration(1, "en")).toBe("1 minute");
    expect(formatDuration(90, "en")).toBe("1 hour 30 minutes");
    expect(formatDuration(20_160, "en")).toBe("2 weeks");
    expect(formatDuration(1440, "en")).toBe("1 day");
  });

  test("Kazakh: the noun stays singular after a number", () => {
    expect(formatDuration(20_160, "kk")).toBe("2 апта");
    expect(formatDuration(180, "kk")).toBe("3 сағат");
    expect(formatDuration(1, "kk")).toBe("1 минут");
    expect(formatDuration(1500, "kk")).toBe("1 күн 1 сағат");
  });
});

describe("formatLocalDateTime", () => {
  test("a time in the hour that DST repeats carries its offset; the other times do not", () => {
    // Berlin, 25 Oct 2026: 03:00 CEST becomes 02:00 CET, so 02:30 happens twice
    const first = Date.parse("2026-10-25T00:30:00Z"); // 02:30 +02:00
    const second = Date.parse("2026-10-25T01:30:00Z"); // 02:30 +01:00
    expect(formatLocalDateTime(first, "Europe/Berlin", "ru")).toBe("вс, 25 октября в 02:30 (GMT+2)");
    expect(formatLocalDateTime(second, "Europe/Berlin", "ru")).toBe("вс, 25 октября в 02:30 (GMT+1)");
    expect(formatLocalDateTime(second, "Europe/Berlin", "en")).toEndWith("02:30 AM (GMT+1)");
    // an hour later the wall time is unique again
    expect(formatLocalDateTime(second + 3_600_000, "Europe/Berlin", "ru")).toBe("вс, 25 октября в 03:30");
    expect(formatLocalDateTime(Date.parse("2027-03-02T09:00:00Z"), "Europe/Moscow", "ru")).toBe("вт, 2 марта в 12:00");
  });
});

describe("isoFormatter", () => {
  test("writes what toIsoWithOffset writes, across DST changes and odd offsets", () => {
    for (const zone of ["Europe/Moscow", "Europe/Berlin", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe", "UTC", "America/St_Johns"]) {
      const format = isoFormatter(zone);
      // a year of quarter hours, and instants off the second
      for (let t = Date.UTC(2027, 0, 1); t < Date.UTC(2028, 0, 1); t += 15 * 60_000) expect(format(t)).toBe(toIsoWithOffset(t, zone));
      expect(format(Date.UTC(2027, 5, 1, 10, 0, 0, 250))).toBe(toIsoWithOffset(Date.UTC(2027, 5, 1, 10, 0, 0, 250), zone));
      // out of order too, and local mean time (an offset of seconds)
      for (let t = Date.UTC(2028, 0, 1); t > Date.UTC(2027, 0, 1); t -= 7 * 3_600_000 + 15 * 60_000) expect(format(t)).toBe(toIsoWithOffset(t, zone));
      expect(format(Date.UTC(1880, 0, 1))).toBe(toIsoWithOffset(Date.UTC(1880, 0, 1), zone));
    }
  }, 60_000);
});
