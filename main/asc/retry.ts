// Bounded retries with exponential backoff and full jitter, honouring Retry-After. Waiting goes
// through an injected sleep so tests never sleep for real.

import { OrchardError } from '../../shared/errors';
import { cancelledError } from './errors';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface RetryPolicy {
  /** Total tries including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out: the error surfaces with `retryAfterMs`. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
});

/** One try's result: a value, or an error that is worth another try (after `retryAfterMs`, if set). */
export type AttemptOutcome<T> = { value: T } | { retryable: OrchardError; retryAfterMs?: number };

export interface RetryContext {
  policy: RetryPolicy;
  sleep: Sleep;
  /** In [0, 1); injected for deterministic tests. */
  random: () => number;
  signal?: AbortSignal;
  onRetry?: (info: { attempt: number; delayMs: number; error: OrchardError }) => void;
}

/**
 * Runs `attempt` until it yields a value, throws (not retryable), or attempts run out; then the
 * last retryable error is thrown.
 */
export async function runWithRetry<T>(
  attempt: (attemptNumber: number) => Promise<AttemptOutcome<T>>,
  context: RetryContext,
): Promise<T> {
  const { policy, signal } = context;
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    if (isAborted(signal)) throw cancelledError();
    const outcome = await attempt(attemptNumber);
    if ('value' in outcome) return outcome.value;
    if (attemptNumber >= policy.maxAttempts) throw outcome.retryable;
    if (outcome.retryAfterMs !== undefined && outcome.retryAfterMs > policy.maxRetryAfterMs) throw outcome.retryable;
    const delayMs = outcome.retryAfterMs ?? backoffDelayMs(attemptNumber, policy, context.random);
    context.onRetry?.({ attempt: attemptNumber, delayMs, error: outcome.retryable });
    try {
      await context.sleep(delayMs, signal);
    } catch (error) {
      if (isAborted(signal)) throw cancelledError();
      throw error;
    }
  }
}

// A function, not an inline check, so TypeScript does not carry the narrowing across awaits.
function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/** Full jitter: uniform in [0, min(max, base * 2^(n-1))). */
export function backoffDelayMs(attemptNumber: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attemptNumber - 1));
  return Math.floor(random() * ceiling);
}

/** `Retry-After` as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfterMs(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d{1,9}$/.test(text)) return Number(text) * 1000;
  // An HTTP date always names a weekday or month; this keeps bare numbers like "1.5" out.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Real-time sleep for production; rejects with CANCELLED when the signal aborts. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(cancelledError());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
