import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { covers, fit, intersect, measureWithin, normalize, subtract, union, type Interval, type IntervalSet } from "./intervals.ts";

describe("interval algebra: tables", () => {
  test.each<[Interval[], Interval[]]>([
    [[], []],
    [[[5, 5]], []],
    [[[3, 1]], []],
    [[[5, 7], [1, 3]], [[1, 3], [5, 7]]],
    [[[1, 3], [3, 5]], [[1, 5]]], // touching merges
    [[[1, 10], [2, 3]], [[1, 10]]],
    [[[1, 4], [2, 6], [8, 9]], [[1, 6], [8, 9]]],
  ])("normalize(%p) = %p", (input, expected) => {
    expect(normalize(input)).toEqual(expected);
  });

  test.each<[IntervalSet, IntervalSet, IntervalSet, IntervalSet, IntervalSet]>([
    // a, b, a ∪ b, a ∩ b, a − b
    [[[0, 10]], [[2, 4]], [[0, 10]], [[2, 4]], [[0, 2], [4, 10]]],
    [[[0, 5]], [[5, 9]], [[0, 9]], [], [[0, 5]]],
    [[[0, 5], [7, 9]], [[4, 8]], [[0, 9]], [[4, 5], [7, 8]], [[0, 4], [8, 9]]],
    [[[0, 3], [4, 6]], [[-1, 10]], [[-1, 10]], [[0, 3], [4, 6]], []],
    [[[0, 10], [20, 30]], [[5, 25]], [[0, 30]], [[5, 10], [20, 25]], [[0, 5], [25, 30]]],
    [[], [[1, 2]], [[1, 2]], [], []],
  ])("%p with %p", (a, b, u, i, d) => {
    expect(union(a, b)).toEqual(u);
    expect(intersect(a, b)).toEqual(i);
    expect(subtract(a, b)).toEqual(d);
  });

  test.each<[IntervalSet, number, number, boolean]>([
    [[[0, 10]], 0, 10, true],
    [[[0, 10]], 2, 11, false],
    [[[0, 5], [6, 10]], 4, 7, false],
    [[[0, 5], [6, 10]], 6, 10, true],
    [[], 0, 1, false],
  ])("covers(%p, %d, %d) = %p", (set, s, e, expected) => {
    expect(covers(set, s, e)).toBe(expected);
  });

  test("measureWithin and fit", () => {
    expect(measureWithin([[0, 5], [8, 12]], 3, 10)).toBe(4);
    // a 3-long occupancy starting 1 before each candidate
    expect(fit([[0, 6], [10, 20]], [0, 1, 3, 4, 11, 17, 18, 19], 1, 3)).toEqual([1, 3, 4, 11, 17, 18]);
  });
});

/** The model: a set of integer points; [s, e) holds s … e − 1. */
const points = (set: IntervalSet) => {
  const out = new Set<number>();
  for (const [s, e] of set) for (let t = s; t < e; t++) out.add(t);
  return out;
};
const sorted = (p: Set<number>) => [...p].sort((a, b) => a - b);
const isNormalized = (set: IntervalSet) => set.every(([s, e], i) => s < e && (i === 0 || set[i - 1]![1] < s));

const rawIntervals = fc.array(
  fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 20 })).map(([s, len]): Interval => [s, s + len]),
  { maxLength: 8 },
);
const sets = rawIntervals.map(normalize);

describe("interval algebra: against a set of points", () => {
  test("normalize keeps the points and normalizes", () => {
    fc.assert(
      fc.property(rawIntervals, (raw) => {
        const set = normalize(raw);
        expect(isNormalized(set)).toBe(true);
        expect(sorted(points(set))).toEqual(sorted(new Set(raw.flatMap((i) => [...points([i])]))));
      }),
      { numRuns: 300 },
    );
  });

  test("union, intersect, subtract", () => {
    fc.assert(
      fc.property(sets, sets, (a, b) => {
        const pa = points(a);
        const pb = points(b);
        for (const [result, model] of [
          [union(a, b), new Set([...pa, ...pb])],
          [intersect(a, b), new Set([...pa].filter((t) => pb.has(t)))],
          [subtract(a, b), new Set([...pa].filter((t) => !pb.has(t)))],
        ] as const) {
          expect(isNormalized(result)).toBe(true);
          expect(sorted(points(result))).toEqual(sorted(model));
        }
      }),
      { numRuns: 300 },
    );
  });

  test("covers, measureWithin, fit", () => {
    fc.assert(
      fc.property(
        sets,
        fc.integer({ min: -5, max: 80 }),
        fc.integer({ min: 1, max: 15 }),
        fc.integer({ min: 0, max: 4 }),
        (set, start, length, lead) => {
          const p = points(set);
          const inside = (s: number, e: number) => Array.from({ length: e - s }, (_, k) => s + k).every((t) => p.has(t));
          expect(covers(set, start, start + length)).toBe(inside(start, start + length));
          expect(measureWithin(set, start, start + length)).toBe(
            Array.from({ length }, (_, k) => start + k).filter((t) => p.has(t)).length,
          );
          const candidates = Array.from({ length: 30 }, (_, k) => k * 3);
          expect(fit(set, candidates, lead, length)).toEqual(candidates.filter((c) => inside(c - lead, c - lead + length)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
