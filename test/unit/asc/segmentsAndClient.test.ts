import { describe, expect, it } from 'vitest';
import { createAscClient, type AscClientOptions } from '../../../main/asc/client';
import { isSegmentUrlExpired } from '../../../main/asc/errors';
import { createTokenProvider } from '../../../main/asc/token';
import { ascError, BASE_URL, connectionRefused, json, recordingSleep, scriptedFetch, testTokenProvider, type Step } from './helpers';

const SEGMENT_URL = 'https://bucket.s3.us-west-2.amazonaws.com/reports/1/0.csv.gz?X-Amz-Expires=300&X-Amz-Signature=deadbeef42';

async function setup(steps: Step[], options: Partial<AscClientOptions> = {}) {
  const scripted = scriptedFetch(steps);
  const logs: unknown[] = [];
  const logger = { debug: (m: string, f?: unknown) => logs.push([m, f]), warn: (m: string, f?: unknown) => logs.push([m, f]) };
  const client = createAscClient({
    baseUrl: BASE_URL,
    fetch: scripted.fetch,
    tokenProvider: await testTokenProvider(),
    sleep: recordingSleep().sleep,
    random: () => 0,
    logger,
    ...options,
  });
  return { client, scripted, logs };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function chunked(chunks: string[], failAfter?: Error): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (index < chunks.length) controller.enqueue(new TextEncoder().encode(chunks[index++]));
      else if (failAfter !== undefined) controller.error(failAfter);
      else controller.close();
    },
  });
}

describe('fetchSegment', () => {
  it('streams the bytes without any Authorization header and reports progress', async () => {
    const { client, scripted, logs } = await setup([new Response(chunked(['ab', 'cde']), { status: 200, headers: { 'Content-Length': '5' } })]);
    const progress: number[] = [];
    const download = await client.fetchSegment(SEGMENT_URL, { onBytes: (n) => progress.push(n) });
    expect(download.contentLength).toBe(5);
    expect((await readAll(download.body)).toString()).toBe('abcde');
    expect(progress).toEqual([2, 3]);
    const [sent] = scripted.requests;
    expect(sent!.url).toBe(SEGMENT_URL);
    expect(sent!.headers.has('authorization')).toBe(false);
    expect([...sent!.headers.keys()]).toEqual([]);
    expect(JSON.stringify(logs)).not.toContain('deadbeef42');
  });

  it('refuses URLs on the API host and non-http schemes', async () => {
    const { client, scripted } = await setup([]);
    await expect(client.fetchSegment(`${BASE_URL}/v1/analyticsReportSegments/s1`)).rejects.toMatchObject({
      code: 'BAD_INPUT',
      details: { reason: 'segment-url-on-api-host' },
    });
    await expect(client.fetchSegment('file:///etc/passwd')).rejects.toMatchObject({ details: { reason: 'segment-url-invalid' } });
    expect(scripted.requests).toHaveLength(0);
  });

  it('follows a relative redirect by hand and sends the same empty headers to the next hop', async () => {
    const { client, scripted } = await setup([
      new Response(null, { status: 307, headers: { Location: '/moved/0.csv.gz?X-Amz-Signature=x' } }),
      new Response('abc', { status: 200 }),
    ]);
    const download = await client.fetchSegment(SEGMENT_URL);
    expect((await readAll(download.body)).toString()).toBe('abc');
    expect(scripted.requests.map((r) => r.url)).toEqual([SEGMENT_URL, 'https://bucket.s3.us-west-2.amazonaws.com/moved/0.csv.gz?X-Amz-Signature=x']);
    expect(scripted.requests.every((r) => [...r.headers.keys()].length === 0)).toBe(true);
  });

  it('refuses a redirect it cannot check (opaque, or without Location)', async () => {
    const opaque = await setup([Object.defineProperty(new Response(null, { status: 200 }), 'status', { value: 0 })]);
    await expect(opaque.client.fetchSegment(SEGMENT_URL)).rejects.toMatchObject({ details: { reason: 'segment-redirect-invalid' } });
    const bare = await setup([new Response(null, { status: 302 })]);
    await expect(bare.client.fetchSegment(SEGMENT_URL)).rejects.toMatchObject({ details: { reason: 'segment-redirect-invalid' } });
  });

  it('turns S3’s 403 into a url-expired error keeping only the S3 code', async () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SignatureDoesNotMatch</Code><Message>m</Message><SignatureProvided>deadbeef42</SignatureProvided><StringToSign>AWS4-HMAC-SHA256</StringToSign></Error>';
    const { client } = await setup([new Response(xml, { status: 403, headers: { 'Content-Type': 'application/xml' } })]);
    const error = await client.fetchSegment(SEGMENT_URL).catch((caught: unknown) => caught);
    expect(isSegmentUrlExpired(error)).toBe(true);
    expect(error).toMatchObject({ code: 'NOT_FOUND', details: { reason: 'url-expired', status: 403, s3Code: 'SignatureDoesNotMatch' } });
    expect(JSON.stringify(error) + String(error)).not.toMatch(/deadbeef42|StringToSign/);
  });

  it('reports a missing object as NOT_FOUND segment-missing, and retries 5xx and network errors', async () => {
    const { client, scripted } = await setup([
      new Response('<Error><Code>NoSuchKey</Code></Error>', { status: 404 }),
      new Response('', { status: 503 }),
      connectionRefused(),
      new Response('x', { status: 200 }),
    ]);
    await expect(client.fetchSegment(SEGMENT_URL)).rejects.toMatchObject({ code: 'NOT_FOUND', details: { reason: 'segment-missing' } });
    expect((await readAll((await client.fetchSegment(SEGMENT_URL)).body)).toString()).toBe('x');
    expect(scripted.requests).toHaveLength(4);
  });

  it('maps a broken body to NETWORK and an abort while reading to CANCELLED', async () => {
    const reset = Object.assign(new TypeError('terminated'), { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) });
    const controller = new AbortController();
    const { client } = await setup([
      new Response(chunked(['ab'], reset), { status: 200 }),
      (_request, signal) => {
        const body = new ReadableStream<Uint8Array>({
          start(streamController) {
            streamController.enqueue(new Uint8Array([1]));
            signal?.addEventListener('abort', () => streamController.error(new DOMException('aborted', 'AbortError')));
          },
        });
        return new Response(body, { status: 200 });
      },
    ]);
    const broken = await client.fetchSegment(SEGMENT_URL);
    await expect(readAll(broken.body)).rejects.toMatchObject({ code: 'NETWORK', details: { reason: 'ECONNRESET' } });
    const cancelled = await client.fetchSegment(SEGMENT_URL, { signal: controller.signal });
    const reader = cancelled.body.getReader();
    await reader.read();
    controller.abort();
    await expect(reader.read()).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('testConnection', () => {
  it('reports success with the visible app count', async () => {
    const { client, scripted } = await setup([
      json(200, { data: [{ type: 'apps', id: '1' }], links: { self: 's', next: `${BASE_URL}/v1/apps?cursor=a` }, meta: { paging: { total: 7, limit: 1 } } }),
      json(200, { data: [], links: { self: 's' } }),
      json(200, { data: [{ type: 'apps', id: '1' }], links: { self: 's', next: `${BASE_URL}/v1/apps?cursor=a` } }),
    ]);
    expect(await client.testConnection()).toEqual({ ok: true, appsVisible: 7 });
    expect(scripted.requests[0]!.url).toBe(`${BASE_URL}/v1/apps?limit=1`);
    expect(await client.testConnection()).toEqual({ ok: true, appsVisible: 0 });
    expect(await client.testConnection()).toEqual({ ok: true, appsVisible: undefined });
  });

  it.each([
    ['auth-failed', [ascError(401, 'NOT_AUTHORIZED'), ascError(401, 'NOT_AUTHORIZED')], 'AUTH_FAILED'],
    ['forbidden', [ascError(403, 'FORBIDDEN_ERROR')], 'FORBIDDEN'],
    ['network', [connectionRefused(), connectionRefused()], 'NETWORK'],
    ['rate-limited', [ascError(429, 'RATE_LIMIT_EXCEEDED'), ascError(429, 'RATE_LIMIT_EXCEEDED')], 'RATE_LIMITED'],
  ] as const)('classifies %s', async (reason, steps, code) => {
    const { client, scripted } = await setup([...steps]);
    const result = await client.testConnection();
    expect(result).toMatchObject({ ok: false, reason, error: { code } });
    expect(scripted.pending()).toBe(0);
  });

  it('classifies an unusable .p8 as bad-key without calling Apple', async () => {
    const { client, scripted } = await setup([], {
      tokenProvider: createTokenProvider({ keyId: 'TESTKEY123', issuerId: 'i', privateKeyPem: 'nope' }),
    });
    expect(await client.testConnection()).toMatchObject({ ok: false, reason: 'bad-key', error: { code: 'BAD_INPUT' } });
    expect(scripted.requests).toHaveLength(0);
  });
});
