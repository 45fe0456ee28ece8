import { describe, expect, it } from 'vitest';
import { AscApiError, errorCodeForStatus, parseAscError } from '../../../main/asc/errors';
import { buildQueryString, redactUrl } from '../../../main/asc/urls';
import { OrchardError } from '../../../shared/errors';

describe('buildQueryString', () => {
  it('encodes brackets, spaces as %20 and joins arrays with commas', () => {
    const query = buildQueryString({
      'filter[name]': ['App Sessions Standard', 'App Crashes'],
      'filter[granularity]': ['DAILY', 'WEEKLY'],
      limit: 200,
      'fields[apps]': 'name',
      include: undefined,
      'filter[category]': [],
    });
    expect(query).toBe(
      '?filter%5Bname%5D=App%20Sessions%20Standard,App%20Crashes&filter%5Bgranularity%5D=DAILY,WEEKLY&limit=200&fields%5Bapps%5D=name',
    );
    expect(query).not.toContain('+');
  });

  it('keeps a comma inside one value distinguishable from the separator', () => {
    expect(buildQueryString({ 'filter[name]': ['a,b', 'c'] })).toBe('?filter%5Bname%5D=a%2Cb,c');
  });

  it('encodes reserved characters in values and returns "" for nothing', () => {
    expect(buildQueryString({ q: 'a&b=c/d?e#f+g' })).toBe('?q=a%26b%3Dc%2Fd%3Fe%23f%2Bg');
    expect(buildQueryString({})).toBe('');
    expect(buildQueryString(undefined)).toBe('');
  });
});

describe('redactUrl', () => {
  it('hides S3 signing parameters but keeps the rest readable', () => {
    const url =
      'https://bucket.s3.us-west-2.amazonaws.com/reports/1/APP/DAILY/ONGOING/20240125/1/0.csv.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F20240125%2Fus-west-2&X-Amz-Date=20240125T000000Z&X-Amz-Expires=300&X-Amz-SignedHeaders=host&X-Amz-Security-Token=tok123&X-Amz-Signature=abcdef0123';
    const redacted = redactUrl(url);
    expect(redacted).not.toMatch(/abcdef0123|AKIA|tok123/);
    expect(redacted).toContain('X-Amz-Signature=REDACTED');
    expect(redacted).toContain('X-Amz-Credential=REDACTED');
    expect(redacted).toContain('X-Amz-Expires=300');
    expect(redacted).toContain('/reports/1/APP/DAILY/ONGOING/20240125/1/0.csv.gz');
  });

  it('drops user info and survives junk', () => {
    expect(redactUrl('https://user:secret@host.test/p?cursor=AB')).toBe('https://host.test/p?cursor=AB');
    expect(redactUrl('::not a url')).toBe('[unparseable URL]');
  });
});

describe('errors', () => {
  it.each([
    [400, 'BAD_INPUT'],
    [401, 'AUTH_FAILED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [405, 'INTERNAL'],
    [406, 'INTERNAL'],
    [409, 'CONFLICT'],
    [410, 'NOT_FOUND'],
    [415, 'INTERNAL'],
    [422, 'BAD_INPUT'],
    [429, 'RATE_LIMITED'],
    [500, 'NETWORK'],
    [503, 'NETWORK'],
  ])('HTTP %i maps to %s', (status, code) => {
    expect(errorCodeForStatus(status)).toBe(code);
  });

  it('parses a pretty-printed ErrorResponse with id and source', () => {
    const body = `{\n  "errors" : [ {\n    "id" : "5c2a-uuid",\n    "status" : "400",\n    "code" : "PARAMETER_ERROR.INVALID",\n    "title" : "A parameter has an invalid value",\n    "detail" : "'APP_STORE_COMMERCE' is not a valid value",\n    "source" : { "parameter" : "filter[category]" },\n    "meta" : { "x" : 1 }\n  } ]\n}`;
    const error = parseAscError(400, body, { method: 'GET', path: '/v1/analyticsReportRequests/r/reports' });
    expect(error).toBeInstanceOf(AscApiError);
    expect(error).toBeInstanceOf(OrchardError);
    expect(error).toMatchObject({
      code: 'BAD_INPUT',
      status: 400,
      ascCode: 'PARAMETER_ERROR.INVALID',
      title: 'A parameter has an invalid value',
      source: { parameter: 'filter[category]' },
      id: '5c2a-uuid',
    });
    expect(error.message).toContain('filter[category]');
    expect(error.toPayload().details).toMatchObject({ status: 400, ascCode: 'PARAMETER_ERROR.INVALID' });
  });

  it('handles plain-text and empty bodies', () => {
    const notAcceptable = parseAscError(406, 'Not Acceptable\n', { method: 'GET', path: '/v1/salesReports' });
    expect(notAcceptable).toMatchObject({ code: 'INTERNAL', status: 406, ascCode: undefined, detail: 'Not Acceptable' });
    const empty = parseAscError(502, '', { method: 'GET', path: '/v1/apps' });
    expect(empty).toMatchObject({ code: 'NETWORK', status: 502, detail: undefined });
    expect(empty.message).toContain('server error');
  });

  it('tells a non-Admin key that only an Admin key can create requests', () => {
    const body = JSON.stringify({ errors: [{ status: '403', code: 'FORBIDDEN_ERROR', title: 't', detail: 'd' }] });
    const onPost = parseAscError(403, body, { method: 'POST', path: '/v1/analyticsReportRequests' });
    expect(onPost.message).toBe("This key's role can't request reports; an Admin key must create the request once (403).");
    const onGet = parseAscError(403, body, { method: 'GET', path: '/v1/apps/1/analyticsReportRequests' });
    expect(onGet.message).toContain('Sales and Reports');
  });

  it('explains a 409 on POST as an existing request or the snapshot cool-down', () => {
    const body = JSON.stringify({ errors: [{ status: '409', code: 'STATE_ERROR', title: 't', detail: 'You already have such an entity' }] });
    const error = parseAscError(409, body, { method: 'POST', path: '/v1/analyticsReportRequests' });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/already exists.*31 days.*You already have such an entity/);
  });
});
