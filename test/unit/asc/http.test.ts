import { describe, expect, it } from 'vitest';
import { AscApiError } from '../../../main/asc/errors';
import { createAscHttp, type AscHttpOptions, type AscLogger } from '../../../main/asc/http';
import {
  ascError,
  BASE_URL,
  connectionRefused,
  hangUntilAborted,
  json,
  recordingSleep,
  scriptedFetch,
  testClock,
  testTokenProvider,
  type Step,
} from './helpers';

async function setup(steps: Step[], options: Partial<AscHttpOptions> = {}) {
  const scripted = scriptedFetch(steps);
  const clock = testClock();
  const tokens = await testTokenProvider(clock.now);
  const sleeper = recordingSleep((ms) => clock.advance(ms));
  const logs: Array<[string, Record<string, unknown> | undefined]> = [];
  const logger: AscLogger = { debug: (m, f) => logs.push([m, f]), warn: (m, f) => logs.push([m, f]) };
  const http = createAscHttp({ baseUrl: `${BASE_URL}/`, fetch: scripted.fetch, tokenProvider: tokens, sleep: sleeper.sleep, clock: clock.now, random: () => 0.5, logger, ...options });
  return { http, scripted, clock, tokens, delays: sleeper.delays, logs };
}

const ok = () => json(200, { data: [], links: { self: 'x' } });

describe('createAscHttp request', () => {
  it('sends the bearer token, Accept and JSON body, and parses the answer', async () => {
    const { http, scripted, tokens } = await setup([json(201, { data: { id: 'r1' } })]);
    const body = await http.request('POST', '/v1/analyticsReportRequests', { body: { data: { type: 'x' } } });
    expect(body).toEqual({ data: { id: 'r1' } });
    const [sent] = scripted.requests;
    expect(sent!.url).toBe(`${BASE_URL}/v1/analyticsReportRequests`);
    expect(sent!.headers.get('authorization')).toBe(`Bearer ${await tokens.get()}`);
    expect(sent!.headers.get('accept')).toBe('application/json');
    expect(sent!.headers.get('content-type')).toBe('application/json');
    expect(sent!.body).toBe('{"data":{"type":"x"}}');
    expect(sent!.redirect).toBe('manual');
  });

  it('returns undefined for 204 and encodes the query', async () => {
    const { http, scripted } = await setup([new Response(null, { status: 204 }), ok()]);
    expect(await http.request('DELETE', '/v1/analyticsReportRequests/abc')).toBeUndefined();
    await http.request('GET', '/v1/apps', { query: { 'fields[apps]': ['name', 'sku'], limit: 1 } });
    expect(scripted.requests[1]!.url).toBe(`${BASE_URL}/v1/apps?fields%5Bapps%5D=name,sku&limit=1`);
    expect(scripted.requests[1]!.headers.has('content-type')).toBe(false);
  });

  it('retries 429 honouring Retry-After seconds and 5xx/network errors with jittered backoff', async () => {
    const { http, scripted, delays } = await setup([
      new Response('{}', { status: 429, headers: { 'Retry-After': '7' } }),
      ascError(503, 'UNAVAILABLE'),
      connectionRefused(),
      ok(),
    ]);
    await expect(http.request('GET', '/v1/apps')).resolves.toEqual({ data: [], links: { self: 'x' } });
    expect(scripted.requests).toHaveLength(4);
    // 7 s from Retry-After, then random 0.5 of 2 s and of 4 s ceilings.
    expect(delays).toEqual([7_000, 1_000, 2_000]);
  });

  it('honours Retry-After given as an HTTP date', async () => {
    const { http, delays } = await setup([
      new Response('', { status: 503, headers: { 'Retry-After': 'Wed, 15 Jan 2025 12:01:00 GMT' } }),
      ok(),
    ]);
    await http.request('GET', '/v1/apps');
    expect(delays).toEqual([60_000]);
  });

  it('gives up after maxAttempts and surfaces the last error', async () => {
    const { http, scripted, delays } = await setup(
      [ascError(429, 'RATE_LIMIT_EXCEEDED'), ascError(429, 'RATE_LIMIT_EXCEEDED'), ascError(429, 'RATE_LIMIT_EXCEEDED')],
      { maxAttempts: 3 },
    );
    const error = await http.request('GET', '/v1/apps').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AscApiError);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, ascCode: 'RATE_LIMIT_EXCEEDED' });
    expect(scripted.requests).toHaveLength(3);
    expect(delays).toHaveLength(2);
  });

  it('defaults to 5 attempts and turns persistent network failure into NETWORK', async () => {
    const { http, scripted } = await setup(Array.from({ length: 5 }, connectionRefused));
    await expect(http.request('GET', '/v1/apps')).rejects.toMatchObject({ code: 'NETWORK', details: { reason: 'ECONNREFUSED' } });
    expect(scripted.requests).toHaveLength(5);
  });

  it('on 401 mints a fresh token and retries once', async () => {
    const { http, scripted, clock } = await setup([ascError(401, 'NOT_AUTHORIZED'), ok()]);
    const first = http.request('GET', '/v1/apps');
    await expect(first).resolves.toBeDefined();
    const [a, b] = scripted.requests.map((r) => r.headers.get('authorization'));
    expect(a).not.toBe(b);
    expect(clock.now()).toBe(testClock().now()); // no backoff wait for the refresh
  });

  it('surfaces AUTH_FAILED when the fresh token gets a 401 too', async () => {
    const { http, scripted, delays } = await setup([ascError(401, 'NOT_AUTHORIZED'), ascError(401, 'NOT_AUTHORIZED')]);
    const error = await http.request('GET', '/v1/apps').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'AUTH_FAILED', status: 401, ascCode: 'NOT_AUTHORIZED' });
    expect((error as Error).message).toMatch(/issuer ID, key ID/);
    expect(scripted.requests).toHaveLength(2);
    expect(delays).toEqual([]);
  });

  it.each([
    [400, 'PARAMETER_ERROR.INVALID', 'BAD_INPUT'],
    [403, 'FORBIDDEN_ERROR', 'FORBIDDEN'],
    [404, 'NOT_FOUND', 'NOT_FOUND'],
    [409, 'STATE_ERROR', 'CONFLICT'],
    [422, 'ENTITY_UNPROCESSABLE', 'BAD_INPUT'],
  ])('does not retry %i and reports it as %s', async (status, ascCode, code) => {
    const { http, scripted } = await setup([ascError(status, ascCode, 'why', { id: 'err-1', source: { pointer: '/data' } })]);
    const error = await http.request('GET', '/v1/apps').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code, status, ascCode, detail: 'why', id: 'err-1', source: { pointer: '/data' } });
    expect(scripted.requests).toHaveLength(1);
  });

  it('reports a plain-text 406 without failing to parse it', async () => {
    const { http } = await setup([new Response('Not Acceptable', { status: 406, headers: { 'Content-Type': 'text/plain' } })]);
    await expect(http.request('GET', '/v1/apps')).rejects.toMatchObject({ code: 'INTERNAL', status: 406, detail: 'Not Acceptable' });
  });

  it('surfaces a long Retry-After at once with its delay for the caller to schedule', async () => {
    const { http, delays } = await setup([new Response('', { status: 429, headers: { 'Retry-After': '3600' } })]);
    await expect(http.request('GET', '/v1/apps')).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 3_600_000 });
    expect(delays).toEqual([]);
  });

  it('tracks X-Rate-Limit from every response, errors included', async () => {
    const { http, clock } = await setup([
      json(200, {}, { 'X-Rate-Limit': 'user-hour-lim:3500;user-hour-rem:500;' }),
      ascError(404, 'NOT_FOUND'),
      new Response('', { status: 429 }),
      json(200, {}, { 'X-Rate-Limit': 'user-hour-lim:3500;junk;user-hour-rem:3499' }),
    ]);
    const seen: number[] = [];
    http.rateLimit.subscribe((budget) => seen.push(budget.remaining));
    await http.request('GET', '/v1/apps');
    expect(http.rateLimit.current()).toEqual({ limit: 3500, remaining: 500, updatedAt: clock.now() });
    await expect(http.request('GET', '/v1/apps/1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await http.request('GET', '/v1/apps');
    expect(seen).toEqual([500, 0, 3499]);
  });

  it('turns an abort into CANCELLED, before and during a request', async () => {
    const before = new AbortController();
    before.abort();
    const { http, scripted } = await setup([hangUntilAborted()]);
    await expect(http.request('GET', '/v1/apps', { signal: before.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(scripted.requests).toHaveLength(0);
    const during = new AbortController();
    const pending = http.request('GET', '/v1/apps', { signal: during.signal });
    await Promise.resolve();
    during.abort();
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('times a silent server out as NETWORK and retries', async () => {
    const { http } = await setup([hangUntilAborted(), ok()], { requestTimeoutMs: 5 });
    await expect(http.request('GET', '/v1/apps')).resolves.toBeDefined();
  });

  it('refuses a redirect instead of following it with the token', async () => {
    const { http } = await setup([new Response(null, { status: 302, headers: { Location: 'https://elsewhere.test/' } })]);
    await expect(http.request('GET', '/v1/apps')).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('treats a 2xx that is not JSON as INTERNAL', async () => {
    const { http } = await setup([new Response('<html>', { status: 200 })]);
    await expect(http.request('GET', '/v1/apps')).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('never logs the token or the Authorization header', async () => {
    const { http, logs, tokens } = await setup([ascError(401, 'NOT_AUTHORIZED'), ascError(503, 'X'), ok()]);
    await http.request('GET', '/v1/apps');
    const logged = JSON.stringify(logs);
    expect(logs.length).toBeGreaterThan(2);
    expect(logged).not.toContain(await tokens.get());
    expect(logged).not.toMatch(/authorization|bearer|eyJ/i);
  });
});

describe('createAscHttp paginate', () => {
  const page = (ids: string[], next?: string) => json(200, { data: ids.map((id) => ({ id })), links: { self: 's', ...(next ? { next } : {}) } });

  it('follows links.next verbatim across pages', async () => {
    const next1 = `${BASE_URL}/v1/apps?cursor=Aw.VGkW1w&limit=2&fields%5Bapps%5D=name`;
    const next2 = `${BASE_URL}/v1/apps?cursor=BQ.ALHoGBE&limit=2&fields%5Bapps%5D=name`;
    const { http, scripted } = await setup([page(['1', '2'], next1), page(['3', '4'], next2), page(['5'])]);
    const pages: unknown[] = [];
    for await (const body of http.paginate('/v1/apps', { limit: 2, 'fields[apps]': ['name'] })) pages.push(body);
    expect(pages).toHaveLength(3);
    expect(scripted.requests.map((r) => r.url)).toEqual([`${BASE_URL}/v1/apps?limit=2&fields%5Bapps%5D=name`, next1, next2]);
    expect(scripted.requests.every((r) => r.headers.get('authorization')?.startsWith('Bearer '))).toBe(true);
  });

  it('refuses a next link on another origin', async () => {
    const { http, scripted } = await setup([page(['1'], 'https://evil.test/v1/apps?cursor=x')]);
    const read = async () => {
      for await (const body of http.paginate('/v1/apps')) void body;
    };
    await expect(read()).rejects.toMatchObject({ code: 'INTERNAL', details: { reason: 'foreign-next-link' } });
    expect(scripted.requests).toHaveLength(1);
  });

  it('stops on a paging loop', async () => {
    const { http } = await setup([page(['1'], `${BASE_URL}/v1/apps?cursor=a`), page(['2'], `${BASE_URL}/v1/apps?cursor=a`)]);
    const read = async () => {
      for await (const body of http.paginate('/v1/apps')) void body;
    };
    await expect(read()).rejects.toMatchObject({ details: { reason: 'paging-loop' } });
  });
});
