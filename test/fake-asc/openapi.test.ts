// Tests of test/support/openapi.ts: the validators other tests (and the API client's) rely on.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ascOpenApi, loadAscOpenApi, validateRequest, validateResponse } from '../support/openapi';

const createBody = { data: { type: 'analyticsReportRequests', attributes: { accessType: 'ONGOING' }, relationships: { app: { data: { type: 'apps', id: '1' } } } } };

describe('validateRequest', () => {
  test('accepts well-formed calls, including cursor where limit is declared', () => {
    expect(validateRequest('GET', 'https://api.appstoreconnect.apple.com/v1/analyticsReports/r3-x/instances?filter%5Bgranularity%5D=DAILY%2CWEEKLY&limit=200&cursor=Aw.VGkW1w').status).toBe('valid');
    expect(validateRequest('get', '/v1/analyticsReportRequests/abc/reports?filter[name]=App%20Sessions%20Standard').status).toBe('valid');
    expect(validateRequest('POST', '/v1/analyticsReportRequests', createBody).status).toBe('valid');
    expect(validateRequest('DELETE', '/v1/analyticsReportRequests/abc').status).toBe('valid');
  });

  test.each([
    ['unknown parameter', 'GET', '/v1/analyticsReports/r3-x/instances?filter[state]=X', /not a declared parameter/],
    ['bad enum item', 'GET', '/v1/analyticsReportRequests/a/reports?filter[category]=APP_STORE_COMMERCE', /must be equal to one of the allowed values/],
    ['limit over maximum', 'GET', '/v1/analyticsReportInstances/a/segments?limit=201', /must be <= 200/],
    ['limit[reports] over 50', 'GET', '/v1/analyticsReportRequests/a?include=reports&limit[reports]=51', /must be <= 50/],
    ['limit zero', 'GET', '/v1/analyticsReportInstances/a/segments?limit=0', /at least 1/],
    ['repeated array parameter', 'GET', '/v1/analyticsReports/r/instances?filter[granularity]=DAILY&filter[granularity]=WEEKLY', /repeated/],
    ['plus for space', 'GET', '/v1/analyticsReportRequests/a/reports?filter[name]=App+Sessions+Standard', /%20/],
    ['cursor without limit', 'GET', '/v1/analyticsReports/r3-x?cursor=abc', /not a declared parameter/],
    ['bad field name', 'GET', '/v1/analyticsReportSegments/s?fields[analyticsReportSegments]=downloadUrl', /allowed values/],
    ['unknown path', 'GET', '/v1/analyticsReports', /not a path/],
    ['wrong method', 'PATCH', '/v1/analyticsReportRequests/a', /not defined/],
    ['body on GET', 'GET', '/v1/analyticsReports/r', /no request body/, {}],
  ])('rejects %s', (_name, method, url, message, body?: unknown) => {
    const result = validateRequest(method, url, body);
    expect(result.status).toBe('invalid');
    expect(result.status === 'invalid' && result.errors.join('\n')).toMatch(message as RegExp);
  });

  test('checks the create body, including members Apple does not define', () => {
    expect(validateRequest('POST', '/v1/analyticsReportRequests').status).toBe('invalid');
    const withId = { data: { ...createBody.data, id: 'x' } };
    const result = validateRequest('POST', '/v1/analyticsReportRequests', withId);
    expect(result.status === 'invalid' && result.errors.join()).toMatch(/additional/);
    const badAccess = { data: { ...createBody.data, attributes: { accessType: 'DAILY' } } };
    expect(validateRequest('POST', '/v1/analyticsReportRequests', badAccess).status).toBe('invalid');
  });

  test('required parameters (salesReports)', () => {
    const result = validateRequest('GET', '/v1/salesReports?filter[frequency]=DAILY');
    expect(result.status === 'invalid' && result.errors.join()).toMatch(/filter\[vendorNumber\]' is missing/);
  });

  test('paths outside the extract are reported as not covered', () => {
    for (const url of ['/v1/apps?limit=200', '/v1/apps/123', '/v1/analyticsReportInstances/i/relationships/segments']) {
      const result = validateRequest('GET', url);
      expect(result.status).toBe('not-covered');
      expect(() => ascOpenApi.assertValidRequest('GET', url)).toThrow(/not covered/);
      expect(() => ascOpenApi.assertValidRequest('GET', url, undefined, { allowNotCovered: true })).not.toThrow();
    }
  });
});

describe('validateResponse', () => {
  const instance = {
    type: 'analyticsReportInstances', id: 'i1', attributes: { granularity: 'DAILY', processingDate: '2024-04-02' },
    relationships: { segments: { links: { self: 'https://x/v1/analyticsReportInstances/i1/relationships/segments', related: 'https://x/v1/analyticsReportInstances/i1/segments' } } },
    links: { self: 'https://x/v1/analyticsReportInstances/i1' },
  };

  test('matches the template and the status schema', () => {
    const list = { data: [instance], links: { self: 'https://x/v1/analyticsReports/r/instances' }, meta: { paging: { total: 1, limit: 50 } } };
    expect(validateResponse('GET', 'https://x/v1/analyticsReports/r1-abc/instances?limit=5', 200, list)).toEqual({ status: 'valid', operation: 'GET /v1/analyticsReports/{id}/instances' });
    expect(validateResponse('DELETE', '/v1/analyticsReportRequests/a', 204, undefined).status).toBe('valid');
    expect(validateResponse('DELETE', '/v1/analyticsReportRequests/a', 204, { data: 1 }).status).toBe('invalid');
  });

  test('rejects invented attributes, wrong enums and missing members', () => {
    const invented = { data: { ...instance, attributes: { ...instance.attributes, state: 'COMPLETED' } }, links: { self: 'https://x/' } };
    expect(validateResponse('GET', '/v1/analyticsReportInstances/i1', 200, invented).status).toBe('invalid');
    const badEnum = { data: { ...instance, attributes: { granularity: 'HOURLY' } }, links: { self: 'https://x/' } };
    expect(validateResponse('GET', '/v1/analyticsReportInstances/i1', 200, badEnum).status).toBe('invalid');
    expect(validateResponse('GET', '/v1/analyticsReportInstances/i1', 200, { data: instance }).status).toBe('invalid');
    const numericStatus = { errors: [{ status: 404, code: 'NOT_FOUND', title: 't', detail: 'd' }] };
    expect(validateResponse('GET', '/v1/analyticsReportInstances/i1', 404, numericStatus).status).toBe('invalid');
  });

  test('undeclared statuses are not covered but still checked as ErrorResponse', () => {
    const body = { errors: [{ status: '429', code: 'RATE_LIMIT_EXCEEDED', title: 't', detail: 'd' }] };
    const result = validateResponse('GET', '/v1/analyticsReportInstances/i1', 429, body);
    expect(result).toMatchObject({ status: 'not-covered', fallback: { valid: true } });
    expect(() => ascOpenApi.assertValidResponse('GET', '/v1/analyticsReportInstances/i1', 429, { errors: [{}] }, { allowNotCovered: true })).toThrow(/ErrorResponse/);
  });

  test('loading fails clearly when the extract is missing', () => {
    expect(() => loadAscOpenApi({ specPath: '/nonexistent/spec.json' })).toThrow(/OpenAPI extract not found/);
  });

  test('handles OpenAPI nullable', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'oas-')), 'spec.json');
    const spec = {
      paths: { '/v1/things/{id}': { get: { responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } } } } },
      components: { schemas: { Thing: { type: 'object', properties: { name: { type: 'string', nullable: true }, kind: { type: 'string', enum: ['A'], nullable: true } } } } },
    };
    writeFileSync(file, JSON.stringify(spec));
    const custom = loadAscOpenApi({ specPath: file });
    expect(custom.validateResponse('GET', '/v1/things/1', 200, { name: null, kind: null }).status).toBe('valid');
    expect(custom.validateResponse('GET', '/v1/things/1', 200, { name: 3 }).status).toBe('invalid');
  });
});
