// The JSON:API surface of the fake: creation rules, validation errors, non-endpoints, paging,
// includes, sparse fieldsets, linkage endpoints and /v1/apps, each response checked against the
// OpenAPI extract where it covers the path.

import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { assertValidResponse } from '../support/openapi';
import { fakeReportCatalogue } from './catalogueInfo';
import { APP_ID, startHarness, type ApiResponse, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.fake.close();
});

const body = (accessType: string, appId = APP_ID) => ({
  data: { type: 'analyticsReportRequests', attributes: { accessType }, relationships: { app: { data: { type: 'apps', id: appId } } } },
});

function expectValid(method: string, url: string, res: ApiResponse): void {
  assertValidResponse(method, url, res.status, res.json, { allowNotCovered: true });
}

async function post(payload: unknown) {
  const res = await h.api('/v1/analyticsReportRequests', { method: 'POST', body: payload });
  expectValid('POST', '/v1/analyticsReportRequests', res);
  return res;
}

describe('creating and deleting requests', () => {
  test('POST → 201 with a fresh request; a second ONGOING → 409 STATE_ERROR', async () => {
    const created = await post(body('ONGOING'));
    expect(created.status).toBe(201);
    expect(created.json.data.attributes).toEqual({ accessType: 'ONGOING', stoppedDueToInactivity: false });
    expect(created.json.links.self).toBe(`${h.fake.baseUrl}/v1/analyticsReportRequests`);
    const again = await post(body('ONGOING'));
    expect(again.status).toBe(409);
    expect(again.json.errors[0]).toMatchObject({ status: '409', code: 'STATE_ERROR', detail: 'You already have such an entity' });
    expect(again.json.errors[0].id).toMatch(/^[0-9a-f-]{36}$/i);
  });

  test('snapshots: one per ~31 days per app, deleted ones included', async () => {
    const first = await post(body('ONE_TIME_SNAPSHOT'));
    expect(first.status).toBe(201);
    const deleted = await h.api(`/v1/analyticsReportRequests/${first.json.data.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await post(body('ONE_TIME_SNAPSHOT'))).json.errors[0].code).toBe('STATE_ERROR');
    h.fake.clock.advanceDays(30);
    expect((await post(body('ONE_TIME_SNAPSHOT'))).status).toBe(409);
    h.fake.clock.advanceDays(2);
    expect((await post(body('ONE_TIME_SNAPSHOT'))).status).toBe(201);
  });

  test('a deleted request and its reports are gone; recreation gives new report IDs', async () => {
    const id = await h.createOngoing();
    const reports = await h.all(`/v1/analyticsReportRequests/${id}/reports`);
    expect((await h.api(`/v1/analyticsReportRequests/${id}`, { method: 'DELETE' })).status).toBe(204);
    const gone = await h.api(`/v1/analyticsReportRequests/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.json.errors[0]).toMatchObject({ code: 'NOT_FOUND', detail: `There is no resource of type 'analyticsReportRequests' with id '${id}'` });
    expect((await h.api(`/v1/analyticsReports/${reports[0].id}`)).status).toBe(404);
    expect((await h.api(`/v1/analyticsReportRequests/${id}`, { method: 'DELETE' })).status).toBe(404);
    const recreated = await h.createOngoing();
    const newReports = await h.all(`/v1/analyticsReportRequests/${recreated}/reports`);
    const byName = (list: any[], name: string) => list.find((r) => r.attributes.name === name).id;
    expect(byName(newReports, 'App Crashes')).toBe(`r2-${recreated}`);
    expect(byName(reports, 'App Crashes')).toBe(`r2-${id}`);
  });

  test.each([
    ['no Content-Type', { rawBody: JSON.stringify(body('ONGOING')) }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['text/plain', { rawBody: JSON.stringify(body('ONGOING')), headers: { 'Content-Type': 'text/plain' } }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['not JSON', { rawBody: '{"data":', headers: { 'Content-Type': 'application/json' } }, 400, 'ENTITY_INVALID'],
    ['wrong JSON type', { body: { data: [] } }, 400, 'ENTITY_INVALID'],
    ['missing data', { body: {} }, 422, 'ENTITY_UNPROCESSABLE'],
    ['missing relationships', { body: { data: { type: 'analyticsReportRequests', attributes: { accessType: 'ONGOING' } } } }, 422, 'ENTITY_UNPROCESSABLE'],
    ['wrong resource type', { body: { data: { ...body('ONGOING').data, type: 'apps' } } }, 409, 'ENTITY_ERROR'],
    ['bad accessType', { body: body('DAILY') }, 409, 'ENTITY_ERROR.ATTRIBUTE.INVALID'],
    ['invented attribute', { body: { data: { ...body('ONGOING').data, attributes: { accessType: 'ONGOING', state: 'X' } } } }, 409, 'ENTITY_ERROR.ATTRIBUTE.UNKNOWN'],
    ['client id', { body: { data: { ...body('ONGOING').data, id: 'abc' } } }, 409, 'ENTITY_ERROR'],
    ['unknown app', { body: body('ONGOING', '999') }, 409, 'ENTITY_ERROR.RELATIONSHIP.INVALID'],
  ])('POST with %s → %i %s', async (_name, init, status, code) => {
    const res = await h.api('/v1/analyticsReportRequests', { method: 'POST', ...init });
    expect(res.status).toBe(status);
    expect(res.json.errors[0].code).toBe(code);
    expectValid('POST', '/v1/analyticsReportRequests', res);
  });
});

describe('paths and parameters', () => {
  test.each([
    ['GET', '/v1/analyticsReportRequests', 405, 'METHOD_NOT_ALLOWED'],
    ['GET', '/v1/analyticsReports', 404, 'PATH_ERROR'],
    ['GET', '/v1/analyticsReportInstances', 404, 'PATH_ERROR'],
    ['GET', '/v1/analyticsReportSegments', 404, 'PATH_ERROR'],
    ['GET', '/v1/analyticsReports/r2-x/segments', 404, 'PATH_ERROR'],
    ['PATCH', '/v1/analyticsReportRequests/x', 405, 'METHOD_NOT_ALLOWED'],
    ['GET', '/v1/analyticsReportRequests/x/', 404, 'PATH_ERROR'],
    ['GET', '/v2/apps', 404, 'PATH_ERROR'],
    ['GET', '/v1/analyticsReportInstances/nope', 404, 'NOT_FOUND'],
    ['GET', '/v1/analyticsReportSegments/nope', 404, 'NOT_FOUND'],
    ['GET', '/v1/apps/999/analyticsReportRequests', 404, 'NOT_FOUND'],
  ])('%s %s → %i %s', async (method, path, status, code) => {
    const res = await h.api(path, { method });
    expect(res.status).toBe(status);
    expect(res.json.errors[0].code).toBe(code);
    expectValid(method, path, res);
  });

  test.each([
    ['filter[state]=DONE', 'PARAMETER_ERROR.ILLEGAL', 'filter[state]'],
    ['filter%5Bcategory%5D=APP_STORE_COMMERCE', 'PARAMETER_ERROR.INVALID', 'filter[category]'],
    ['filter[category]=FRAMEWORKS_USAGE', 'PARAMETER_ERROR.INVALID', 'filter[category]'],
    ['limit=201', 'PARAMETER_ERROR.INVALID', 'limit'],
    ['limit=0', 'PARAMETER_ERROR.INVALID', 'limit'],
    ['fields[analyticsReports]=name,uploadedDate3', 'PARAMETER_ERROR.INVALID', 'fields[analyticsReports]'],
    ['filter[category]=COMMERCE&filter[category]=APP_USAGE', 'PARAMETER_ERROR.INVALID', 'filter[category]'],
    ['cursor=forged.cursor', 'PARAMETER_ERROR.INVALID', 'cursor'],
  ])('?%s → 400 %s on %s', async (query, code, parameter) => {
    const id = await h.createOngoing();
    const path = `/v1/analyticsReportRequests/${id}/reports?${query}`;
    const res = await h.api(path);
    expect(res.status).toBe(400);
    expect(res.json.errors[0]).toMatchObject({ code, source: { parameter } });
    expectValid('GET', path, res);
  });

  test("fields error says which name is bad, as Apple's does", async () => {
    const id = await h.createOngoing();
    const res = await h.api(`/v1/analyticsReportRequests/${id}/reports?fields[analyticsReports]=uploadedDate3`);
    expect(res.json.errors[0].detail).toBe("'uploadedDate3' is not a valid field name");
  });

  test('a JSON-only client is fine; a non-JSON Accept gets 406 in plain text', async () => {
    expect((await h.api('/v1/apps', { headers: { Accept: 'application/json' } })).status).toBe(200);
    const res = await h.api('/v1/apps', { headers: { Accept: 'application/a-gzip' } });
    expect(res.status).toBe(406);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  });
});

describe('listing', () => {
  test('reports page through opaque cursors with absolute links carrying limit and filters', async () => {
    const id = await h.createOngoing();
    const expected = fakeReportCatalogue().filter((r) => r.category === 'APP_USAGE' || r.category === 'COMMERCE');
    let url: string | undefined = `/v1/analyticsReportRequests/${id}/reports?filter%5Bcategory%5D=APP_USAGE%2CCOMMERCE&limit=4`;
    const seen: string[] = [];
    let pages = 0;
    while (url) {
      const res: ApiResponse = await h.api(url);
      expect(res.status).toBe(200);
      expectValid('GET', url, res);
      expect(res.json.meta.paging).toEqual({ total: expected.length, limit: 4 });
      seen.push(...res.json.data.map((r: any) => r.attributes.name));
      url = res.json.links.next;
      if (url) {
        expect(url.startsWith(`${h.fake.baseUrl}/v1/analyticsReportRequests/${id}/reports?`)).toBe(true);
        expect(url).toContain('filter%5Bcategory%5D=APP_USAGE%2CCOMMERCE');
        expect(url).toContain('limit=4');
      }
      pages++;
    }
    expect(pages).toBe(Math.ceil(expected.length / 4));
    expect(new Set(seen)).toEqual(new Set(expected.map((r) => r.name)));
    expect(seen).not.toEqual([...seen].sort());
  });

  test('the default page size is 50 and report IDs are r<N>-<requestId>', async () => {
    const id = await h.createOngoing();
    const res = await h.api(`/v1/analyticsReportRequests/${id}/reports`);
    expect(res.json.meta.paging.limit).toBe(50);
    expect(res.json.links.next).toBeUndefined();
    for (const report of res.json.data) {
      const info = fakeReportCatalogue().find((r) => r.name === report.attributes.name);
      expect(report.id).toBe(`r${info?.number}-${id}`);
      expect(report.attributes.category).toBe(info?.category);
    }
    expect((await h.api(`/v1/analyticsReportRequests/${id}/reports`)).json.data).toEqual(res.json.data);
  });

  test('include=reports fills relationship data (limit[reports]) and included; sparse fieldsets trim', async () => {
    const id = await h.createOngoing();
    const path = `/v1/apps/${APP_ID}/analyticsReportRequests?include=reports&limit%5Breports%5D=3&fields%5BanalyticsReports%5D=name&filter%5BaccessType%5D=ONGOING`;
    const res = await h.api(path);
    expectValid('GET', path, res);
    const relationship = res.json.data[0].relationships.reports;
    expect(relationship.data).toHaveLength(3);
    expect(relationship.meta.paging).toEqual({ total: fakeReportCatalogue().length, limit: 3 });
    expect(res.json.included.map((r: any) => r.id)).toEqual(relationship.data.map((r: any) => r.id));
    expect(Object.keys(res.json.included[0].attributes)).toEqual(['name']);
    expect(res.json.included[0].relationships).toBeUndefined();
    const single = await h.api(`/v1/analyticsReportRequests/${id}?fields[analyticsReportRequests]=accessType`);
    expectValid('GET', `/v1/analyticsReportRequests/${id}`, single);
    expect(single.json.data.attributes).toEqual({ accessType: 'ONGOING' });
    expect(single.json.data.relationships).toBeUndefined();
    expect((await h.api(`/v1/analyticsReportRequests/${id}?include=reports&limit[reports]=51`)).status).toBe(400);
    expect((await h.api(`/v1/apps/${APP_ID}/analyticsReportRequests?filter[accessType]=ONE_TIME_SNAPSHOT`)).json.data).toEqual([]);
  });

  test('relationships/* linkage endpoints return type/id pairs with paging', async () => {
    const id = await h.createOngoing();
    const linkage = await h.api(`/v1/analyticsReportRequests/${id}/relationships/reports?limit=5`);
    expect(linkage.json.data).toHaveLength(5);
    expect(Object.keys(linkage.json.data[0]).sort()).toEqual(['id', 'type']);
    expect(linkage.json.links.next).toContain('limit=5');
    const full = await h.all(`/v1/analyticsReportRequests/${id}/reports`);
    const linked = await h.all(`/v1/analyticsReportRequests/${id}/relationships/reports?limit=7`);
    expect(linked.map((r) => r.id)).toEqual(full.map((r) => r.id));
    const apps = await h.api(`/v1/apps/${APP_ID}/relationships/analyticsReportRequests`);
    expect(apps.json.data).toEqual([{ type: 'analyticsReportRequests', id }]);
  });

  test('/v1/apps pages, filters by bundle ID, sorts and trims fields', async () => {
    for (let i = 0; i < 4; i++) h.fake.addApp({ id: `60000000${i}`, name: `App ${i}`, bundleId: `com.example.a${i}`, sku: `SKU${i}` });
    const all = await h.all('/v1/apps?fields%5Bapps%5D=name%2CbundleId%2Csku&limit=2');
    expect(all.map((a) => a.id)).toEqual([APP_ID, '600000000', '600000001', '600000002', '600000003']);
    expect(Object.keys(all[0].attributes)).toEqual(['name', 'bundleId', 'sku']);
    const filtered = await h.api('/v1/apps?filter[bundleId]=com.example.a2,com.example.a3&sort=-name');
    expect(filtered.json.data.map((a: any) => a.attributes.name)).toEqual(['App 3', 'App 2']);
    const one = await h.api('/v1/apps/600000001');
    expect(one.json.data.attributes.bundleId).toBe('com.example.a1');
    expect(one.json.links.self).toBe(`${h.fake.baseUrl}/v1/apps/600000001`);
    expect((await h.api('/v1/apps/1')).status).toBe(404);
    expect((await h.api('/v1/apps?include=builds')).json.errors[0].code).toBe('PARAMETER_ERROR.ILLEGAL');
  });

  test('formatting varies between responses while the content does not', async () => {
    const texts = new Set<string>();
    const first = await h.api(`/v1/apps/${APP_ID}`);
    for (let i = 0; i < 12; i++) {
      const res = await h.api(`/v1/apps/${APP_ID}`);
      texts.add(res.text);
      expect(res.json).toEqual(first.json);
    }
    expect(texts.size).toBeGreaterThan(1);
    expect([...texts].some((t) => t.includes('" : '))).toBe(true);
  });

  test('stats count calls per path template', async () => {
    h.fake.resetStats();
    const id = await h.createOngoing();
    await h.api(`/v1/analyticsReportRequests/${id}/reports`);
    await h.api(`/v1/analyticsReportRequests/${id}/reports?limit=2`);
    const stats = h.fake.stats();
    expect(stats.apiCalls).toBe(3);
    expect(stats.callsByPath).toEqual({ 'POST /v1/analyticsReportRequests': 1, 'GET /v1/analyticsReportRequests/{id}/reports': 2 });
  });
});
