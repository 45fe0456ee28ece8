// Per-key hourly quota over a rolling 60 minutes of fake time, reported in `X-Rate-Limit` (§4).

const HOUR_MS = 3_600_000;

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
}

export class RateLimiter {
  private readonly callTimes = new Map<string, number[]>();

  /** Records one call for `keyId` unless the quota is spent. */
  take(keyId: string, nowMs: number, limit: number): RateDecision {
    const times = (this.callTimes.get(keyId) ?? []).filter((t) => t > nowMs - HOUR_MS && t <= nowMs);
    this.callTimes.set(keyId, times);
    if (times.length >= limit) return { allowed: false, limit, remaining: 0 };
    times.push(nowMs);
    return { allowed: true, limit, remaining: limit - times.length };
  }
}

export function rateLimitHeader(decision: RateDecision): string {
  return `user-hour-lim:${decision.limit};user-hour-rem:${decision.remaining};`;
}
