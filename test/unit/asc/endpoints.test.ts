import { describe, expect, it } from 'vitest';
import { createAscClient } from '../../../main/asc/client';
import { BASE_URL, json, recordingSleep, scriptedFetch, testTokenProvider, type Step } from './helpers';

async function setup(steps: Step[]) {
  const scripted = scriptedFetch(steps);
  const client = createAscClient({ baseUrl: BASE_URL, fetch: scripted.fetch, tokenProvider: await testTokenProvider(), sleep: recordingSleep().sleep });
  return { client, scripted, sent: () => scripted.requests.map((r) => `${r.method} ${r.url.slice(BASE_URL.length)}`) };
}

const links = { self: 'https://api.example.test/x' };
const request = (id: string, accessType: string, stopped?: boolean) => ({
  type: 'analyticsReportRequests',
  id,
  attributes: { accessType, ...(stopped === undefined ? {} : { stoppedDueToInactivity: stopped }), futureThing: 1 },
  relationships: { reports: { links: { related: 'x' } } },
  links,
});
const report = (id: string, name: string, category: string) => ({ type: 'analyticsReports', id, attributes: { name, category }, links });
const instance = (id: string, granularity: string, processingDate: string) => ({ type: 'analyticsReportInstances', id, attributes: { granularity, processingDate } });
const segment = (id: string) => ({
  type: 'analyticsReportSegments',
  id,
  attributes: { checksum: '3817152bb13cb70f615d9bb3899aaba6', sizeInBytes: 156, url: `https://bucket.s3.test/${id}.csv.gz?X-Amz-Signature=s` },
});
const list = (data: unknown[], next?: string, total?: number) =>
  json(200, { data, links: { ...links, ...(next ? { next } : {}) }, ...(total === undefined ? {} : { meta: { paging: { total, limit: 200 } } }) });

describe('analytics endpoints', () => {
  it('#1 creates a request with the documented body and maps the 201', async () => {
    const { client, scripted, sent } = await setup([json(201, { data: request('d48c69c5', 'ONGOING', false), links })]);
    await expect(client.createReportRequest('1476097583', 'ONGOING')).resolves.toEqual({ id: 'd48c69c5', accessType: 'ONGOING', stoppedDueToInactivity: false });
    expect(sent()).toEqual(['POST /v1/analyticsReportRequests']);
    expect(JSON.parse(scripted.requests[0]!.body!)).toEqual({
      data: { type: 'analyticsReportRequests', attributes: { accessType: 'ONGOING' }, relationships: { app: { data: { type: 'apps', id: '1476097583' } } } },
    });
  });

  it('#2 lists an app’s requests over several pages with filter[accessType] and limit=200', async () => {
    const next = `${BASE_URL}/v1/apps/123/analyticsReportRequests?filter%5BaccessType%5D=ONGOING&limit=200&cursor=Aw`;
    const { client, sent } = await setup([list([request('a', 'ONGOING', true)], next), list([request('b', 'ONGOING')])]);
    const requests = await client.listReportRequests('123', { accessType: 'ONGOING' });
    expect(requests).toEqual([
      { id: 'a', accessType: 'ONGOING', stoppedDueToInactivity: true },
      { id: 'b', accessType: 'ONGOING', stoppedDueToInactivity: false },
    ]);
    expect(sent()).toEqual(['GET /v1/apps/123/analyticsReportRequests?filter%5BaccessType%5D=ONGOING&limit=200', `GET ${next.slice(BASE_URL.length)}`]);
  });

  it('#3 #7 #10 #13 read linkage ids', async () => {
    const { client, sent } = await setup([
      list([{ type: 'analyticsReportRequests', id: 'q1' }]),
      list([{ type: 'analyticsReports', id: 'r1-q1' }, { type: 'analyticsReports', id: 'r2-q1' }]),
      list([{ type: 'analyticsReportInstances', id: 'i1' }]),
      list([{ type: 'analyticsReportSegments', id: 's1' }]),
    ]);
    expect(await client.listReportRequestIds('123')).toEqual(['q1']);
    expect(await client.listReportIds('q1')).toEqual(['r1-q1', 'r2-q1']);
    expect(await client.listInstanceIds('r1-q1')).toEqual(['i1']);
    expect(await client.listSegmentIds('i1')).toEqual(['s1']);
    expect(sent()).toEqual([
      'GET /v1/apps/123/relationships/analyticsReportRequests?limit=200',
      'GET /v1/analyticsReportRequests/q1/relationships/reports?limit=200',
      'GET /v1/analyticsReports/r1-q1/relationships/instances?limit=200',
      'GET /v1/analyticsReportInstances/i1/relationships/segments?limit=200',
    ]);
  });

  it('#4 #5 read and delete a request', async () => {
    const { client, sent } = await setup([json(200, { data: request('q1', 'ONE_TIME_SNAPSHOT', false), links }), new Response(null, { status: 204 })]);
    expect(await client.getReportRequest('q1')).toEqual({ id: 'q1', accessType: 'ONE_TIME_SNAPSHOT', stoppedDueToInactivity: false });
    await expect(client.deleteReportRequest('q1')).resolves.toBeUndefined();
    expect(sent()).toEqual(['GET /v1/analyticsReportRequests/q1', 'DELETE /v1/analyticsReportRequests/q1']);
  });

  it('#6 #8 list reports with wire category names and read one, keeping Apple’s order', async () => {
    const { client, sent } = await setup([
      list([report('r8-q', 'App Sessions Standard', 'APP_USAGE'), report('r3-q', 'App Downloads Standard', 'COMMERCE'), report('r99-q', 'New', 'SOMETHING_NEW')]),
      json(200, { data: report('r3-q', 'App Downloads Standard', 'COMMERCE'), links }),
    ]);
    const reports = await client.listReports('q', { category: ['COMMERCE', 'FRAMEWORK_USAGE'], name: 'App Downloads Standard' });
    expect(reports.map((r) => r.id)).toEqual(['r8-q', 'r3-q', 'r99-q']);
    expect(reports[2]).toEqual({ id: 'r99-q', name: 'New', category: 'SOMETHING_NEW' });
    expect(await client.getReport('r3-q')).toEqual({ id: 'r3-q', name: 'App Downloads Standard', category: 'COMMERCE' });
    expect(sent()).toEqual([
      'GET /v1/analyticsReportRequests/q/reports?filter%5Bcategory%5D=COMMERCE,FRAMEWORK_USAGE&filter%5Bname%5D=App%20Downloads%20Standard&limit=200',
      'GET /v1/analyticsReports/r3-q',
    ]);
  });

  it('#9 #11 list instances by granularity and processing date and read one', async () => {
    const { client, sent } = await setup([
      list([instance('i2', 'DAILY', '2024-04-02'), instance('i1', 'WEEKLY', '2024-04-05')]),
      json(200, { data: instance('i1', 'WEEKLY', '2024-04-05'), links }),
    ]);
    const instances = await client.listInstances('r3-q', { granularity: ['DAILY', 'WEEKLY'], processingDate: '2024-04-02' });
    expect(instances).toEqual([
      { id: 'i2', granularity: 'DAILY', processingDate: '2024-04-02' },
      { id: 'i1', granularity: 'WEEKLY', processingDate: '2024-04-05' },
    ]);
    expect(await client.getInstance('i1')).toEqual({ id: 'i1', granularity: 'WEEKLY', processingDate: '2024-04-05' });
    expect(sent()).toEqual([
      'GET /v1/analyticsReports/r3-q/instances?filter%5Bgranularity%5D=DAILY,WEEKLY&filter%5BprocessingDate%5D=2024-04-02&limit=200',
      'GET /v1/analyticsReportInstances/i1',
    ]);
  });

  it('#12 #14 list segments and read one', async () => {
    const { client, sent } = await setup([list([segment('s0'), segment('s1')]), json(200, { data: segment('s1'), links })]);
    const segments = await client.listSegments('i1');
    expect(segments[1]).toEqual({ id: 's1', checksum: '3817152bb13cb70f615d9bb3899aaba6', sizeInBytes: 156, url: 'https://bucket.s3.test/s1.csv.gz?X-Amz-Signature=s' });
    expect(await client.getSegment('s1')).toEqual(segments[1]);
    expect(sent()).toEqual(['GET /v1/analyticsReportInstances/i1/segments?limit=200', 'GET /v1/analyticsReportSegments/s1']);
  });

  it('encodes odd IDs as one path segment', async () => {
    const { client, sent } = await setup([json(200, { data: report('a/b?c', 'n', 'COMMERCE'), links })]);
    await client.getReport('a/b?c');
    expect(sent()).toEqual(['GET /v1/analyticsReports/a%2Fb%3Fc']);
  });

  it('stops after maxPages when asked', async () => {
    const { client, scripted } = await setup([list([segment('s0')], `${BASE_URL}/v1/analyticsReportInstances/i/segments?cursor=x`)]);
    expect(await client.listSegments('i', { maxPages: 1 })).toHaveLength(1);
    expect(scripted.pending()).toBe(0);
  });

  it('reports a response missing what Orchard needs as INTERNAL, without the data', async () => {
    const { client } = await setup([list([instance('i1', 'HOURLY', '2024-04-02')]), json(200, { data: { type: 'apps', id: '1' } })]);
    await expect(client.listInstances('r')).rejects.toMatchObject({ code: 'INTERNAL', details: { reason: 'unexpected-response' } });
    await expect(client.getInstance('i1')).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});

describe('apps endpoints', () => {
  const app = (id: string, extra: Record<string, unknown> = {}) => ({
    type: 'apps',
    id,
    attributes: { name: `App ${id}`, bundleId: `com.example.${id}`, sku: `SKU${id}`, ...extra },
    links,
  });

  it('lists apps with the field set and limit=200 over all pages', async () => {
    const next = `${BASE_URL}/v1/apps?fields%5Bapps%5D=name,bundleId,sku,primaryLocale&limit=200&cursor=BQ`;
    const { client, sent } = await setup([list([app('1', { primaryLocale: 'en-US', isOrEverWasMadeForKids: false })], next, 2), list([app('2')], undefined, 2)]);
    expect(await client.listApps()).toEqual([
      { id: '1', name: 'App 1', bundleId: 'com.example.1', sku: 'SKU1', primaryLocale: 'en-US' },
      { id: '2', name: 'App 2', bundleId: 'com.example.2', sku: 'SKU2' },
    ]);
    expect(sent()).toEqual(['GET /v1/apps?fields%5Bapps%5D=name,bundleId,sku,primaryLocale&limit=200', `GET ${next.slice(BASE_URL.length)}`]);
  });

  it('filters by bundle ID and reads one app', async () => {
    const { client, sent } = await setup([list([app('1')]), json(200, { data: app('1'), links })]);
    await client.listApps({ bundleId: 'com.example.1' });
    expect((await client.getApp('1')).bundleId).toBe('com.example.1');
    expect(sent()).toEqual([
      'GET /v1/apps?fields%5Bapps%5D=name,bundleId,sku,primaryLocale&filter%5BbundleId%5D=com.example.1&limit=200',
      'GET /v1/apps/1?fields%5Bapps%5D=name,bundleId,sku,primaryLocale',
    ]);
  });
});
