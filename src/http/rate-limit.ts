/**
 * Per-client-address token buckets for the public endpoints that write (booking, holds): a burst
 * of `capacity` requests, then `refillPerSecond`. Over the limit → 429 RATE_LIMITED with
 * Retry-After. The address comes from src/http/peer.ts (the TCP peer, or the trusted proxy's
 * X-Forwarded-For with ZAPIS_TRUST_PROXY). Requests with no peer (in-process `app.handle`, a unix
 * socket) are not limited.
 */
import { Elysia } from "elysia";
import { AppError } from "../error/app-error.ts";
import type { Clock } from "../time/clock.ts";
import { handleError } from "./errors.tsx";
import { peerAddress } from "./peer.ts";

export interface RateLimits {
  capacity: number;
  refillPerSecond: number;
}

/** A person booking makes a handful of writes a minute; a script hammering a salon makes hundreds. */
export const PUBLIC_WRITE_LIMITS: RateLimits = { capacity: 20, refillPerSecond: 0.5 };

interface Bucket {
  tokens: number;
  at: number;
}

// Buckets that have refilled completely carry no information; past this size they are dropped.
const SWEEP_AT = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly clock: Clock,
    private readonly limits: RateLimits,
  ) {}

  /** Takes one token for `key`: 0 when allowed, otherwise the whole seconds to wait. */
  take(key: string): number {
    const now = this.clock.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.limits.capacity, at: now };
    bucket.tokens = Math.min(this.limits.capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.limits.refillPerSecond);
    bucket.at = now;
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      return Math.ceil((1 - bucket.tokens) / this.limits.refillPerSecond);
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    if (this.buckets.size > SWEEP_AT) this.sweep(now);
    return 0;
  }

  private sweep(now: number): void {
    const full = this.limits.capacity / this.limits.refillPerSecond;
    for (const [key, bucket] of this.buckets) {
      if ((now - bucket.at) / 1000 >= full) this.buckets.delete(key);
    }
  }
}

/** Guards the routes of the plugin it is used in (scoped): unsafe methods only. */
export const rateLimit = (limiter: RateLimiter) =>
  new Elysia().onBeforeHandle({ as: "scoped" }, async ({ request }) => {
    if (request.method === "GET" || request.method === "HEAD") return;
    const address = peerAddress(request);
    if (!address) return;
    const wait = limiter.take(address);
    if (wait === 0) return;
    const response = await handleError({
      error: new AppError("RATE_LIMITED", [{ key: "error.rate_limited", params: { seconds: wait } }]),
      code: "RATE_LIMITED",
      request,
    });
    response.headers.set("retry-after", String(wait));
    return response;
  });
