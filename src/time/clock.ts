/**
 * The one source of "now". Code takes a Clock as a dependency instead of calling Date.now(), so tests
 * can freeze or step time.
 */
export interface Clock {
  /** Current instant, epoch milliseconds (UTC). */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock stuck at one instant. */
export function fixedClock(ms: number): Clock {
  return { now: () => ms };
}

/** A clock a test moves by hand (e.g. to let a hold expire). */
export interface ManualClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

export function manualClock(startMs: number): ManualClock {
  let current = startMs;
  return {
    now: () => current,
    set: (ms) => {
      current = ms;
    },
    advance: (ms) => {
      current += ms;
    },
  };
}
