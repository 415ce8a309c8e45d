/**
 * Interval algebra over half-open [start, end) pairs of epoch ms.
 *
 * An IntervalSet is normalized: sorted by start, every interval non-empty, and no two intervals
 * overlapping or touching (touching ones are merged). Every function taking IntervalSets expects
 * normalized input and returns normalized output in linear time; `normalize` is the only entry point
 * for arbitrary interval lists.
 */

export type Interval = readonly [start: number, end: number];
export type IntervalSet = readonly Interval[];

export function normalize(intervals: readonly Interval[]): IntervalSet {
  const sorted = intervals.filter(([s, e]) => s < e);
  // Occupancy comes from the database in start order: checking costs less than sorting.
  if (!inStartOrder(sorted)) sorted.sort((a, b) => a[0] - b[0]);
  const out: Interval[] = [];
  for (const interval of sorted) {
    const [s, e] = interval;
    const last = out[out.length - 1];
    if (last && s <= last[1]) {
      if (e > last[1]) out[out.length - 1] = [last[0], e];
    } else {
      out.push(interval); // intervals are readonly: the set may share them
    }
  }
  return out;
}

function inStartOrder(intervals: readonly Interval[]): boolean {
  for (let i = 1; i < intervals.length; i++) if (intervals[i]![0] < intervals[i - 1]![0]) return false;
  return true;
}

export function union(a: IntervalSet, b: IntervalSet): IntervalSet {
  return normalize([...a, ...b]);
}

export function intersect(a: IntervalSet, b: IntervalSet): IntervalSet {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [as, ae] = a[i]!;
    const [bs, be] = b[j]!;
    const s = Math.max(as, bs);
    const e = Math.min(ae, be);
    if (s < e) out.push([s, e]);
    // Whichever ends first can meet nothing further in the other set.
    if (ae < be) i++;
    else j++;
  }
  return out;
}

export function subtract(a: IntervalSet, b: IntervalSet): IntervalSet {
  const out: Interval[] = [];
  let j = 0;
  for (const [as, ae] of a) {
    let cursor = as;
    while (j < b.length && b[j]![1] <= cursor) j++;
    // b[j..] may cut this interval; do not advance j past a b that also reaches the next a.
    let k = j;
    while (k < b.length && b[k]![0] < ae) {
      const [bs, be] = b[k]!;
      if (bs > cursor) out.push([cursor, bs]);
      cursor = Math.max(cursor, be);
      if (be >= ae) break;
      k++;
    }
    if (cursor < ae) out.push([cursor, ae]);
  }
  return out;
}


/** Index of the first interval ending after `t` (set.length if none). Binary search. */
function firstEndingAfter(set: IntervalSet, t: number): number {
  let lo = 0;
  let hi = set.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (set[mid]![1] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Does the set cover all of [start, end)? (A normalized set covers it only with one interval.) */
export function covers(set: IntervalSet, start: number, end: number): boolean {
  const interval = set[firstEndingAfter(set, start)];
  return interval !== undefined && interval[0] <= start && interval[1] >= end;
}

/** Total length of the set's overlap with [start, end). */
export function measureWithin(set: IntervalSet, start: number, end: number): number {
  let total = 0;
  for (let i = firstEndingAfter(set, start); i < set.length && set[i]![0] < end; i++) {
    const [s, e] = set[i]!;
    total += Math.min(e, end) - Math.max(s, start);
  }
  return total;
}

/**
 * The candidate starts (ascending) at which an occupancy [start − lead, start − lead + length) fits
 * inside the set: the "fit(duration, step)" of scheduling, with the step grid supplied as candidates
 * because local-time alignment is not uniform in instants across DST changes.
 */
export function fit(set: IntervalSet, candidates: readonly number[], lead: number, length: number): number[] {
  const out: number[] = [];
  let i = 0;
  for (const start of candidates) {
    const from = start - lead;
    while (i < set.length && set[i]![1] <= from) i++;
    const interval = set[i];
    if (interval && interval[0] <= from && from + length <= interval[1]) out.push(start);
  }
  return out;
}
