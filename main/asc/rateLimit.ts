// The key's hourly request budget as reported by App Store Connect's `X-Rate-Limit` header
// (`user-hour-lim:3500;user-hour-rem:500;`), kept live for callers to read and subscribe to.

import type { RateLimitBudget } from '../../shared/ascTypes';

export interface ParsedRateLimit {
  limit?: number;
  remaining?: number;
}

/** Splits on `;` and `:`, skips unknown, empty or non-numeric pairs; undefined if nothing usable. */
export function parseRateLimitHeader(value: string | null | undefined): ParsedRateLimit | undefined {
  if (value === null || value === undefined) return undefined;
  const parsed: ParsedRateLimit = {};
  for (const pair of value.split(';')) {
    const separator = pair.indexOf(':');
    if (separator < 0) continue;
    const name = pair.slice(0, separator).trim().toLowerCase();
    const text = pair.slice(separator + 1).trim();
    if (!/^\d{1,12}$/.test(text)) continue;
    const number = Number(text);
    if (name === 'user-hour-lim') parsed.limit = number;
    else if (name === 'user-hour-rem') parsed.remaining = number;
  }
  return parsed.limit === undefined && parsed.remaining === undefined ? undefined : parsed;
}

export type RateLimitListener = (budget: RateLimitBudget) => void;

export interface RateLimitTracker {
  /** Latest budget, or undefined before the first response that carried the header. */
  current(): RateLimitBudget | undefined;
  /** Called after every change; returns an unsubscribe function. */
  subscribe(listener: RateLimitListener): () => void;
  /** Feed a response's header value (or its absence). */
  observe(headerValue: string | null, now: number): void;
  /** A 429 without a header still means nothing is left. */
  observeExhausted(now: number): void;
}

export function createRateLimitTracker(onListenerError?: (error: unknown) => void): RateLimitTracker {
  let budget: RateLimitBudget | undefined;
  const listeners = new Set<RateLimitListener>();

  function publish(next: RateLimitBudget): void {
    budget = next;
    for (const listener of [...listeners]) {
      // A broken subscriber (e.g. a closed window) must not fail the API call that reported it.
      try {
        listener(next);
      } catch (error) {
        onListenerError?.(error);
      }
    }
  }

  return {
    current: () => budget,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    observe(headerValue, now) {
      const parsed = parseRateLimitHeader(headerValue);
      if (parsed === undefined) return;
      // A header carrying only one half is completed from the previous reading when there is one.
      const limit = parsed.limit ?? budget?.limit;
      const remaining = parsed.remaining ?? budget?.remaining;
      if (limit === undefined || remaining === undefined) return;
      publish({ limit, remaining, updatedAt: now });
    },
    observeExhausted(now) {
      if (budget !== undefined) publish({ limit: budget.limit, remaining: 0, updatedAt: now });
    },
  };
}
