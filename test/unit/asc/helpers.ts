// Test doubles for the App Store Connect client's unit tests: a scripted fetch that replays queued
// responses and records what was sent, a recording sleep, a settable clock and P-256 test keys.

import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { createTokenProvider, type TokenProvider } from '../../../main/asc/token';

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Headers;
  body: string | undefined;
  redirect: RequestInit['redirect'];
}

export type Step = Response | Error | ((request: RecordedRequest, signal: AbortSignal | undefined) => Response | Promise<Response>);

export interface ScriptedFetch {
  fetch: typeof fetch;
  requests: RecordedRequest[];
  pending(): number;
}

export function scriptedFetch(steps: Step[]): ScriptedFetch {
  const queue = [...steps];
  const requests: RecordedRequest[] = [];
  const fetchImpl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request: RecordedRequest = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? init.body : undefined,
      redirect: init?.redirect,
    };
    requests.push(request);
    const step = queue.shift();
    if (step === undefined) throw new Error(`unexpected request ${request.method} ${request.url}`);
    if (step instanceof Error) throw step;
    if (typeof step === 'function') return step(request, init?.signal ?? undefined);
    return step;
  };
  return { fetch: fetchImpl as typeof fetch, requests, pending: () => queue.length };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

export function ascError(status: number, code: string, detail = 'detail text', extra: Record<string, unknown> = {}): Response {
  return json(status, { errors: [{ status: String(status), code, title: `title ${code}`, detail, ...extra }] });
}

/** A fetch failure the way undici reports one: TypeError with a system error as cause. */
export function connectionRefused(): Error {
  const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
  return new TypeError('fetch failed', { cause });
}

/** A step that never answers until the request's signal aborts. */
export function hangUntilAborted(): Step {
  return (_request, signal) =>
    new Promise<Response>((_resolve, reject) => {
      signal?.addEventListener('abort', () => reject(new DOMException('This operation was aborted', 'AbortError')), { once: true });
    });
}

export interface RecordingSleep {
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  delays: number[];
}

export function recordingSleep(onSleep?: (ms: number) => void): RecordingSleep {
  const delays: number[] = [];
  return {
    delays,
    sleep: async (ms) => {
      delays.push(ms);
      onSleep?.(ms);
    },
  };
}

export interface TestClock {
  now: () => number;
  advance(ms: number): void;
}

export function testClock(start = Date.UTC(2025, 0, 15, 12, 0, 0)): TestClock {
  let current = start;
  return { now: () => current, advance: (ms) => (current += ms) };
}

export interface TestKey {
  privateKeyPem: string;
  publicKeyPem: string;
}

export async function generateTestKey(): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { privateKeyPem: await exportPKCS8(privateKey), publicKeyPem: await exportSPKI(publicKey) };
}

/** A token provider over a fresh key that counts how often it mints (via distinct tokens). */
export async function testTokenProvider(clock?: () => number): Promise<TokenProvider & { key: TestKey }> {
  const key = await generateTestKey();
  const provider = createTokenProvider({ keyId: 'TESTKEY123', issuerId: '57246542-96fe-1a63-e053-0824d011072a', privateKeyPem: key.privateKeyPem, clock });
  return Object.assign(provider, { key });
}

export const BASE_URL = 'https://api.example.test';
