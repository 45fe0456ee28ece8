import { describe, expect, it } from 'vitest';
import { createRateLimitTracker, parseRateLimitHeader } from '../../../main/asc/rateLimit';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, parseRetryAfterMs, realSleep, runWithRetry } from '../../../main/asc/retry';
import { OrchardError } from '../../../shared/errors';
import type { RateLimitBudget } from '../../../shared/ascTypes';
import { recordingSleep } from './helpers';

describe('parseRateLimitHeader', () => {
  it.each([
    ['user-hour-lim:3500;user-hour-rem:500;', { limit: 3500, remaining: 500 }],
    ['user-hour-lim:3600;user-hour-rem:0', { limit: 3600, remaining: 0 }],
    [' User-Hour-Rem : 12 ; user-hour-lim: 3500 ;;', { limit: 3500, remaining: 12 }],
    ['user-hour-rem:499;some-new-thing:7;', { remaining: 499 }],
    ['user-hour-lim:abc;user-hour-rem:-3;user-hour-lim:;', undefined],
    ['user-hour-lim:1e3;user-hour-rem:12.5', undefined],
    ['garbage without pairs', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j -> %j', (header, expected) => {
    expect(parseRateLimitHeader(header)).toEqual(expected);
  });
});

describe('createRateLimitTracker', () => {
  it('publishes each reading to subscribers until they unsubscribe, completing half-headers', () => {
    const tracker = createRateLimitTracker();
    const seen: RateLimitBudget[] = [];
    const unsubscribe = tracker.subscribe((budget) => seen.push(budget));
    expect(tracker.current()).toBeUndefined();
    tracker.observe('user-hour-rem:10;', 1); // no limit known yet: ignored
    tracker.observe(null, 2);
    expect(tracker.current()).toBeUndefined();
    tracker.observe('user-hour-lim:3500;user-hour-rem:500;', 3);
    tracker.observe('user-hour-rem:499;', 4);
    tracker.observeExhausted(5);
    unsubscribe();
    tracker.observe('user-hour-lim:3500;user-hour-rem:3499;', 6);
    expect(seen).toEqual([
      { limit: 3500, remaining: 500, updatedAt: 3 },
      { limit: 3500, remaining: 499, updatedAt: 4 },
      { limit: 3500, remaining: 0, updatedAt: 5 },
    ]);
    expect(tracker.current()).toEqual({ limit: 3500, remaining: 3499, updatedAt: 6 });
  });

  it('keeps going when a subscriber throws, reporting the error', () => {
    const errors: unknown[] = [];
    const tracker = createRateLimitTracker((error) => errors.push(error));
    const seen: number[] = [];
    tracker.subscribe(() => {
      throw new Error('window closed');
    });
    tracker.subscribe((budget) => seen.push(budget.remaining));
    tracker.observe('user-hour-lim:10;user-hour-rem:9', 1);
    expect(seen).toEqual([9]);
    expect(errors).toHaveLength(1);
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.UTC(2025, 0, 15, 12, 0, 0);
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Wed, 15 Jan 2025 12:00:30 GMT', 30_000],
    ['Wed, 15 Jan 2025 11:00:00 GMT', 0],
    ['1.5', undefined],
    ['-5', undefined],
    ['soon', undefined],
    [null, undefined],
  ])('%j -> %j', (value, expected) => {
    expect(parseRetryAfterMs(value, now)).toBe(expected);
  });
});

describe('backoffDelayMs', () => {
  it('uses full jitter under an exponential ceiling capped at maxDelayMs', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1000, maxDelayMs: 5000 };
    expect(backoffDelayMs(1, policy, () => 0.999)).toBe(999);
    expect(backoffDelayMs(2, policy, () => 0.5)).toBe(1000);
    expect(backoffDelayMs(3, policy, () => 0.999)).toBe(3996);
    expect(backoffDelayMs(10, policy, () => 0.999)).toBe(4995);
    expect(backoffDelayMs(10, policy, () => 0)).toBe(0);
  });
});

describe('runWithRetry', () => {
  const busy = new OrchardError('NETWORK', 'busy');
  const policy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 3, baseDelayMs: 100, maxRetryAfterMs: 10_000 };

  it('retries until a value, waiting Retry-After when given and jittered backoff otherwise', async () => {
    const { sleep, delays } = recordingSleep();
    let calls = 0;
    const value = await runWithRetry(
      async () => {
        calls += 1;
        if (calls === 1) return { retryable: busy, retryAfterMs: 7_000 };
        if (calls === 2) return { retryable: busy };
        return { value: 'done' };
      },
      { policy, sleep, random: () => 0.5 },
    );
    expect(value).toBe('done');
    expect(delays).toEqual([7_000, 100]);
  });

  it('throws the last retryable error once attempts run out', async () => {
    const { sleep, delays } = recordingSleep();
    let calls = 0;
    const outcome = runWithRetry(
      async () => {
        calls += 1;
        return { retryable: new OrchardError('RATE_LIMITED', `try ${calls}`) };
      },
      { policy, sleep, random: () => 0 },
    );
    await expect(outcome).rejects.toMatchObject({ code: 'RATE_LIMITED', message: 'try 3' });
    expect(calls).toBe(3);
    expect(delays).toHaveLength(2);
  });

  it('does not wait out a Retry-After longer than maxRetryAfterMs', async () => {
    const { sleep, delays } = recordingSleep();
    const outcome = runWithRetry(async () => ({ retryable: busy, retryAfterMs: 3_600_000 }), { policy, sleep, random: () => 0 });
    await expect(outcome).rejects.toBe(busy);
    expect(delays).toEqual([]);
  });

  it('stops with CANCELLED when the signal aborts during a wait', async () => {
    const controller = new AbortController();
    const { sleep } = recordingSleep(() => controller.abort());
    const outcome = runWithRetry(async () => ({ retryable: busy }), { policy, sleep, random: () => 0, signal: controller.signal });
    await expect(outcome).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('realSleep', () => {
  it('resolves after the delay and rejects with CANCELLED on abort, before or during the wait', async () => {
    await expect(realSleep(0)).resolves.toBeUndefined();
    await expect(realSleep(60_000, AbortSignal.abort())).rejects.toMatchObject({ code: 'CANCELLED' });
    const controller = new AbortController();
    const waiting = realSleep(60_000, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
