import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';

const APP_ID = '1476097583';
const ANALYTICS_OPERATIONS = [
  'POST /v1/analyticsReportRequests',
  'GET /v1/apps/{id}/analyticsReportRequests',
  'GET /v1/apps/{id}/relationships/analyticsReportRequests',
  'GET /v1/analyticsReportRequests/{id}',
  'DELETE /v1/analyticsReportRequests/{id}',
  'GET /v1/analyticsReportRequests/{id}/reports',
  'GET /v1/analyticsReportRequests/{id}/relationships/reports',
  'GET /v1/analyticsReports/{id}',
  'GET /v1/analyticsReports/{id}/instances',
  'GET /v1/analyticsReports/{id}/relationships/instances',
  'GET /v1/analyticsReportInstances/{id}',
  'GET /v1/analyticsReportInstances/{id}/segments',
  'GET /v1/analyticsReportInstances/{id}/relationships/segments',
  'GET /v1/analyticsReportSegments/{id}',
].sort();
let harness: Harness;

beforeEach(async () => {
  harness = await startHarness();
  harness.fake.addApp({ id: APP_ID, name: 'Example App', bundleId: 'com.example.app', sku: 'EX1' });
});
afterEach(() => harness.close());

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe('ASC client against the fake server', () => {
  it('walks app -> request -> report -> instance -> segment through all 14 analytics endpoints', async () => {
    const { fake } = harness;
    const client = harness.client('ADMIN');

    const created = await client.createReportRequest(APP_ID, 'ONGOING');
    expect(created).toMatchObject({ accessType: 'ONGOING', stoppedDueToInactivity: false });
    expect(await client.getReportRequest(created.id)).toEqual(created);
    expect(await client.listReportRequests(APP_ID, { accessType: 'ONGOING' })).toEqual([created]);
    expect(await client.listReportRequests(APP_ID, { accessType: 'ONE_TIME_SNAPSHOT' })).toEqual([]);
    expect(await client.listReportRequestIds(APP_ID)).toEqual([created.id]);

    const reports = await client.listReports(created.id);
    expect(reports.map((r) => r.id).sort()).toEqual(fake.reports(created.id).map((r) => r.id).sort());
    expect(await client.listReportIds(created.id)).toEqual(reports.map((r) => r.id));
    const commerce = await client.listReports(created.id, { category: 'COMMERCE' });
    expect(commerce.length).toBeGreaterThan(0);
    expect(commerce.every((r) => r.category === 'COMMERCE')).toBe(true);
    const downloads = reports.find((r) => r.name === 'App Downloads Standard');
    expect(downloads).toBeDefined();
    expect(await client.getReport(downloads!.id)).toEqual(downloads);
    expect(await client.listReports(created.id, { name: 'App Downloads Standard' })).toEqual([downloads]);

    // Before first data (24-48 h) the report lists no instances: "not yet", not an error.
    expect(await client.listInstances(downloads!.id)).toEqual([]);
    fake.clock.advanceDays(4);
    const instances = await client.listInstances(downloads!.id, { granularity: 'DAILY' });
    const truth = fake.instances({ reportName: 'App Downloads Standard', requestId: created.id, granularity: 'DAILY' });
    expect(instances.map((i) => i.id).sort()).toEqual(truth.map((i) => i.id).sort());
    expect(instances.length).toBeGreaterThan(1);
    expect(await client.listInstanceIds(downloads!.id)).toEqual(expect.arrayContaining(instances.map((i) => i.id)));
    const [first] = instances;
    expect(await client.listInstances(downloads!.id, { granularity: ['DAILY'], processingDate: first!.processingDate })).toEqual([first]);
    expect(await client.getInstance(first!.id)).toEqual(first);

    const segments = await client.listSegments(first!.id);
    expect(segments.length).toBeGreaterThan(0);
    expect(await client.listSegmentIds(first!.id)).toEqual(segments.map((s) => s.id));
    const segment = await client.getSegment(segments[0]!.id);
    expect(segment).toMatchObject({ id: segments[0]!.id, checksum: segments[0]!.checksum, sizeInBytes: segments[0]!.sizeInBytes });
    expect(new URL(segment.url).origin).toBe(fake.segmentBaseUrl);

    let progressed = 0;
    const download = await client.fetchSegment(segment.url, { onBytes: (n) => (progressed += n) });
    const bytes = await readAll(download.body);
    expect(bytes.length).toBe(segment.sizeInBytes);
    expect(progressed).toBe(segment.sizeInBytes);
    expect(createHash('md5').update(bytes).digest('hex')).toBe(segment.checksum.toLowerCase());
    expect(gunzipSync(bytes).toString('utf8').split('\n')[0]).toContain('App Apple Identifier');

    await client.deleteReportRequest(created.id);
    expect(fake.requests(APP_ID).find((r) => r.id === created.id)?.deleted).toBe(true);

    const toS3 = harness.exchanges.filter((e) => e.url.startsWith(fake.segmentBaseUrl));
    expect(toS3).toHaveLength(1);
    expect(toS3[0]!.authorization).toBeNull();
    const toApi = harness.exchanges.filter((e) => e.url.startsWith(fake.baseUrl));
    expect(toApi.every((e) => e.authorization?.startsWith('Bearer ey'))).toBe(true);
    expect(Object.keys(fake.stats().callsByPath).sort()).toEqual(ANALYTICS_OPERATIONS);
    harness.assertExchangesMatchSpec();
  });

  it('lists every app over several pages of 200 and reads one app', async () => {
    for (let i = 0; i < 450; i += 1) {
      harness.fake.addApp({ id: String(2_000_000_000 + i), name: `App ${i}`, bundleId: `com.example.a${i}`, sku: `SKU${i}`, activity: 0 });
    }
    const client = harness.client('SALES_AND_REPORTS');
    const apps = await client.listApps();
    expect(apps).toHaveLength(451);
    expect(new Set(apps.map((a) => a.id)).size).toBe(451);
    expect(apps.find((a) => a.id === '2000000449')).toMatchObject({ name: 'App 449', bundleId: 'com.example.a449', sku: 'SKU449' });
    const appCalls = harness.exchanges.filter((e) => new URL(e.url).pathname === '/v1/apps');
    expect(appCalls).toHaveLength(3);
    expect(appCalls.slice(1).every((e) => new URL(e.url).searchParams.has('cursor'))).toBe(true);

    expect(await client.listApps({ bundleId: 'com.example.a7' })).toEqual([expect.objectContaining({ id: '2000000007' })]);
    expect(await client.getApp(APP_ID)).toMatchObject({ id: APP_ID, name: 'Example App', bundleId: 'com.example.app', sku: 'EX1' });
    expect(client.rateLimit()).toMatchObject({ limit: 3500 });
    harness.assertExchangesMatchSpec();
  });

  it('reports the connection state and app count for a working key', async () => {
    const client = harness.client('ADMIN');
    expect(await client.testConnection()).toEqual({ ok: true, appsVisible: 1 });
    harness.assertExchangesMatchSpec();
  });

  it('signs individual-key tokens the server accepts', async () => {
    const client = harness.client('ADMIN', { individual: true });
    expect(await client.listApps()).toHaveLength(1);
  });

  it('reuses one token across calls and re-mints it before the server would refuse it', async () => {
    const client = harness.client('SALES_AND_REPORTS');
    await client.listApps();
    await client.listApps();
    harness.fake.clock.advanceMinutes(14);
    await client.listApps();
    harness.fake.clock.advanceMinutes(14);
    await client.listApps();
    const tokens = harness.exchanges.map((e) => e.authorization);
    expect(harness.exchanges.every((e) => e.status === 200)).toBe(true);
    expect(new Set(tokens).size).toBe(3);
    expect(tokens[0]).toBe(tokens[1]);
  });
});
