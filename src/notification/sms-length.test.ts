import { expect, test } from "bun:test";
import { smsLength } from "./sms-length.ts";

test("GSM-7: 160 in one SMS, 153 per segment beyond; extension characters count twice", () => {
  expect(smsLength("a".repeat(160))).toEqual({ encoding: "GSM-7", units: 160, segments: 1, perSegment: 160 });
  expect(smsLength("a".repeat(161))).toEqual({ encoding: "GSM-7", units: 161, segments: 2, perSegment: 153 });
  expect(smsLength("€".repeat(80)).units).toBe(160);
  expect(smsLength("€".repeat(81)).segments).toBe(2);
});

test("one Cyrillic letter or emoji makes the whole text UCS-2: 70, then 67 per segment", () => {
  expect(smsLength("я".repeat(70))).toEqual({ encoding: "UCS-2", units: 70, segments: 1, perSegment: 70 });
  expect(smsLength("a".repeat(69) + "я")).toMatchObject({ encoding: "UCS-2", segments: 1 });
  expect(smsLength("я".repeat(71))).toEqual({ encoding: "UCS-2", units: 71, segments: 2, perSegment: 67 });
  expect(smsLength("😀".repeat(35)).units).toBe(70); // surrogate pairs take two units
  expect(smsLength("").segments).toBe(0);
});
