import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAscClient, createTokenProvider, isSegmentUrlExpired, type TokenProvider } from '../../../main/asc';
import { AscApiError } from '../../../main/asc/errors';
import { makeTestApiKey, mintTestJwt } from '../../support/testKeys';
import { startHarness, type Harness } from './harness';

const APP_ID = '1476097583';
let harness: Harness;

beforeEach(async () => {
  harness = await startHarness();
  harness.fake.addApp({ id: APP_ID, name: 'Example App', bundleId: 'com.example.app', sku: 'EX1' });
});
afterEach(() => harness.close());

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('ASC client error handling against the fake server', () => {
  it('400: a wrong category name is BAD_INPUT naming the parameter', async () => {
    const client = harness.client();
    const request = await client.createReportRequest(APP_ID, 'ONGOING');
    const error = await caught(client.listReports(request.id, { category: 'APP_STORE_COMMERCE' }));
    expect(error).toBeInstanceOf(AscApiError);
    expect(error).toMatchObject({ code: 'BAD_INPUT', status: 400, ascCode: expect.stringMatching(/^PARAMETER_ERROR/), source: { parameter: 'filter[category]' } });
    expect(harness.exchanges).toHaveLength(2);
  });

  it('401: an unknown key is retried once with a fresh token, then AUTH_FAILED', async () => {
    const stranger = makeTestApiKey();
    const client = createAscClient({
      baseUrl: harness.fake.baseUrl,
      fetch,
      tokenProvider: createTokenProvider({ ...stranger, clock: () => harness.fake.clock.now().getTime() }),
      sleep: async () => undefined,
    });
    const error = await caught(client.listApps());
    expect(error).toMatchObject({ code: 'AUTH_FAILED', status: 401, ascCode: 'NOT_AUTHORIZED' });
    expect(harness.fake.stats().apiCalls).toBe(2);
    expect(await client.testConnection()).toMatchObject({ ok: false, reason: 'auth-failed' });
  });

  it('401 then success: a stale token is replaced without the caller noticing', async () => {
    const key = makeTestApiKey();
    harness.fake.registerKey({ keyId: key.keyId, issuerId: key.issuerId, publicKeyPem: key.publicKeyPem, role: 'ADMIN' });
    const fresh = createTokenProvider({ ...key, clock: () => harness.fake.clock.now().getTime() });
    // First hands out a token that expired ten minutes ago (a key cached across a sleep, say).
    let stale: string | undefined = mintTestJwt(key, { now: new Date(harness.fake.clock.now().getTime() - 25 * 60_000) });
    const tokenProvider: TokenProvider = {
      get: async () => stale ?? fresh.get(),
      invalidate: () => {
        stale = undefined;
        fresh.invalidate();
      },
    };
    const client = createAscClient({ baseUrl: harness.fake.baseUrl, fetch, tokenProvider, sleep: async () => undefined });
    expect(await client.listApps()).toHaveLength(1);
    expect(harness.fake.stats().apiCalls).toBe(2);
    expect(stale).toBeUndefined();
  });

  it('403: a non-Admin key cannot create or delete requests but can read them', async () => {
    const admin = harness.client('ADMIN');
    const reader = harness.client('SALES_AND_REPORTS');
    const request = await admin.createReportRequest(APP_ID, 'ONGOING');
    const error = await caught(reader.createReportRequest(APP_ID, 'ONE_TIME_SNAPSHOT'));
    expect(error).toMatchObject({ code: 'FORBIDDEN', status: 403, ascCode: 'FORBIDDEN_ERROR', message: expect.stringContaining('Admin key must create the request once') });
    await expect(reader.deleteReportRequest(request.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await reader.listReportRequests(APP_ID)).toEqual([request]);
    harness.assertExchangesMatchSpec();
  });

  it('403 for a developer key reading analytics, and revocation ends access', async () => {
    const developer = harness.client('DEVELOPER');
    await expect(developer.listReportRequests(APP_ID)).rejects.toMatchObject({ code: 'FORBIDDEN', status: 403 });
    const admin = harness.client('ADMIN');
    expect(await admin.testConnection()).toEqual({ ok: true, appsVisible: 1 });
    harness.fake.revokeKey(admin.key.keyId);
    expect(await admin.testConnection()).toMatchObject({ ok: false, reason: expect.stringMatching(/auth-failed|forbidden/) });
  });

  it('404: unknown IDs are NOT_FOUND', async () => {
    const client = harness.client();
    await expect(client.getInstance('32f8b58b-07da-4d50-899f-34a7c0488927')).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404, ascCode: 'NOT_FOUND' });
    await expect(client.listReports('00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    harness.assertExchangesMatchSpec();
  });

  it('409: a second ONGOING request is CONFLICT, and the existing one can be found', async () => {
    const client = harness.client();
    const first = await client.createReportRequest(APP_ID, 'ONGOING');
    const error = await caught(client.createReportRequest(APP_ID, 'ONGOING'));
    expect(error).toMatchObject({ code: 'CONFLICT', status: 409, ascCode: 'STATE_ERROR', message: expect.stringContaining('already exists') });
    expect(await client.listReportRequests(APP_ID, { accessType: 'ONGOING' })).toEqual([first]);
    harness.assertExchangesMatchSpec();
  });

  it('429: a short burst is waited out honouring Retry-After; a spent quota surfaces RATE_LIMITED', async () => {
    const client = harness.client('ADMIN', { maxAttempts: 3 });
    harness.fake.faults.rateLimitBurst = 2;
    expect(await client.listApps()).toHaveLength(1);
    expect(harness.sleeps).toEqual([1_000, 1_000]);

    // The burst's 429s do not count against the quota; the one success so far does.
    harness.fake.rateLimitPerHour = 2;
    await client.listApps();
    expect(client.rateLimit()).toMatchObject({ limit: 2, remaining: 0 });
    const error = await caught(client.listApps());
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429, ascCode: 'RATE_LIMIT_EXCEEDED' });
    expect(harness.exchanges.filter((e) => e.status === 429)).toHaveLength(5);
    harness.assertExchangesMatchSpec();
  });

  it('5xx: server errors are retried up to maxAttempts, then surface as NETWORK', async () => {
    const client = harness.client('ADMIN', { maxAttempts: 4 });
    harness.fake.faults.serverErrorNext = 3;
    expect(await client.listApps()).toHaveLength(1);
    expect(harness.fake.stats().apiCalls).toBe(4);
    harness.fake.faults.serverErrorNext = 10;
    const error = await caught(client.getApp(APP_ID));
    expect(error).toMatchObject({ code: 'NETWORK', status: 500 });
    expect(harness.fake.stats().apiCalls).toBe(8);
    expect(harness.sleeps).toHaveLength(6);
    harness.assertExchangesMatchSpec();
  });

  it('406: a plain-text answer is reported, not mis-parsed', async () => {
    const key = makeTestApiKey();
    harness.fake.registerKey({ keyId: key.keyId, issuerId: key.issuerId, publicKeyPem: key.publicKeyPem, role: 'ADMIN' });
    // A proxy that rewrites Accept is the realistic way to end up here.
    const rewritingFetch: typeof fetch = (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), Accept: 'text/csv' } });
    const tokenProvider = createTokenProvider({ ...key, clock: () => harness.fake.clock.now().getTime() });
    const client = createAscClient({ baseUrl: harness.fake.baseUrl, fetch: rewritingFetch, tokenProvider });
    await expect(client.listApps()).rejects.toMatchObject({ code: 'INTERNAL', status: 406, detail: 'Not Acceptable' });
  });

  it('network down: NETWORK after bounded retries, and a failed connection test', async () => {
    const client = harness.client('ADMIN', { maxAttempts: 2 });
    await harness.close();
    await expect(client.listApps()).rejects.toMatchObject({ code: 'NETWORK', details: { reason: 'ECONNREFUSED' } });
    expect(await client.testConnection()).toMatchObject({ ok: false, reason: 'network', error: { code: 'NETWORK' } });
  });

  it('an expired segment URL is flagged; a re-listed URL downloads', async () => {
    const client = harness.client();
    const request = await client.createReportRequest(APP_ID, 'ONGOING');
    harness.fake.clock.advanceDays(3);
    const report = (await client.listReports(request.id)).find((r) => r.name === 'App Downloads Standard');
    const [instance] = await client.listInstances(report!.id);
    const [segment] = await client.listSegments(instance!.id);
    harness.fake.clock.advanceMinutes(6);
    const error = await caught(client.fetchSegment(segment!.url));
    expect(isSegmentUrlExpired(error)).toBe(true);
    expect(error).toMatchObject({ code: 'NOT_FOUND', details: { reason: 'url-expired', status: 403, s3Code: 'AccessDenied' } });
    const fresh = await client.getSegment(segment!.id);
    const download = await client.fetchSegment(fresh.url);
    let size = 0;
    for await (const chunk of download.body) size += chunk.byteLength;
    expect(size).toBe(fresh.sizeInBytes);
  });

  it('cancelling mid-list stops with CANCELLED', async () => {
    const client = harness.client();
    const controller = new AbortController();
    controller.abort();
    await expect(client.listApps({ signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(harness.fake.stats().apiCalls).toBe(0);
  });
});
