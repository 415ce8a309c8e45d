import { describe, expect, test } from "bun:test";
import { quoteVisit } from "./pricing.ts";

const cut = { serviceId: 1, priceMinor: 150_000 };
const colour = { serviceId: 2, priceMinor: 333_333 };

describe("quoteVisit", () => {
  test("no adjustments: the list price is the total and all of it is due", () => {
    expect(quoteVisit({ services: [cut, colour] })).toEqual({ priceMinor: 483_333, discountMinor: 0, totalMinor: 483_333, dueMinor: 483_333, lines: [] });
  });

  test("percentages round down per service, never a fraction of a kopeck", () => {
    const q = quoteVisit({ services: [cut, colour], personalDiscountPercent: 7 });
    // 7 % of 150 000 = 10 500; of 333 333 = 23 333.31 → 23 333
    expect(q.lines).toEqual([{ kind: "personal", amountMinor: 33_833 }]);
    expect(q.totalMinor).toBe(483_333 - 33_833);
  });

  test("order: package → personal → promo → certificate → wallet", () => {
    const q = quoteVisit({
      services: [cut, colour],
      packageServiceIds: new Set([1]),
      personalDiscountPercent: 10,
      promo: { percent: 50 },
      certificateBalanceMinor: 100_000,
      walletBalanceMinor: 1_000_000,
    });
    // colour after 10 %: 300 000 (333 333 − 33 333); promo 50 % of that: 150 000
    expect(q.lines).toEqual([
      { kind: "package", amountMinor: 150_000 },
      { kind: "personal", amountMinor: 33_333 },
      { kind: "promo", amountMinor: 150_000 },
      { kind: "certificate", amountMinor: 100_000 },
      { kind: "wallet", amountMinor: 50_000 },
    ]);
    expect(q).toMatchObject({ priceMinor: 483_333, discountMinor: 333_333, totalMinor: 150_000, dueMinor: 0 });
  });

  test("a promo limited to some services touches only those, and a fixed amount never goes below zero", () => {
    const onlyCut = quoteVisit({ services: [cut, colour], promo: { amountMinor: 999_999, serviceIds: new Set([1]) } });
    expect(onlyCut.lines).toEqual([{ kind: "promo", amountMinor: 150_000 }]);
    expect(onlyCut.totalMinor).toBe(333_333);
  });

  test("balances draw only what is due; a package covering everything leaves them untouched", () => {
    const q = quoteVisit({ services: [cut], packageServiceIds: new Set([1]), walletBalanceMinor: 500 });
    expect(q).toMatchObject({ totalMinor: 0, dueMinor: 0, lines: [{ kind: "package", amountMinor: 150_000 }] });
  });

  test("floats are refused instead of rounded", () => {
    expect(() => quoteVisit({ services: [{ serviceId: 1, priceMinor: 10.5 }] })).toThrow(RangeError);
    expect(() => quoteVisit({ services: [cut], personalDiscountPercent: 2.5 })).toThrow(RangeError);
  });
});
