// JWT verification (§1), roles (§2) and the rate limit (§4) of the fake server.

import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { makeTestApiKey, mintTestJwt } from '../support/testKeys';
import { validateResponse } from '../support/openapi';
import { APP_ID, startHarness, type Harness } from './harness';

const LITERAL_401 = { errors: [{ status: '401', code: 'NOT_AUTHORIZED', title: 'Authentication credentials are missing or invalid.', detail: 'Provide a properly configured and signed bearer token.' }] };
const LITERAL_403 = { errors: [{ status: '403', code: 'FORBIDDEN_ERROR', title: 'This request is forbidden for security reasons', detail: 'The API key in use does not allow this request' }] };
const REQUESTS_PATH = `/v1/apps/${APP_ID}/analyticsReportRequests`;

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.fake.close();
});

async function callWith(authorization: string | undefined) {
  const res = await fetch(`${h.fake.baseUrl}${REQUESTS_PATH}`, { headers: authorization === undefined ? {} : { Authorization: authorization } });
  return { status: res.status, body: await res.json() };
}

describe('JWT verification', () => {
  test('a correct team token is accepted', async () => {
    const res = await callWith(`Bearer ${h.token()}`);
    expect(res.status).toBe(200);
    expect(validateResponse('GET', REQUESTS_PATH, 200, res.body).status).toBe('valid');
  });

  test.each([
    ['no header', () => undefined],
    ['no Bearer prefix', () => h.token()],
    ['lower-case scheme', () => `bearer ${h.token()}`],
    ['garbage', () => 'Bearer not.a.jwt'],
    ['DER signature', () => `Bearer ${h.token(undefined, { signatureEncoding: 'der' })}`],
    ['unknown kid', () => `Bearer ${h.token(undefined, { kid: 'ZZZZZZZZZZ' })}`],
    ['wrong issuer', () => `Bearer ${h.token(undefined, { issuer: '00000000-0000-4000-8000-000000000000' })}`],
    ['wrong audience', () => `Bearer ${h.token(undefined, { audience: 'appstoreconnect-v2' })}`],
    ['lifetime over 20 minutes', () => `Bearer ${h.token(undefined, { lifetimeSeconds: 1201 })}`],
    ['expired', () => `Bearer ${h.token(undefined, { now: new Date(h.fake.clock.now().getTime() - 16 * 60_000) })}`],
    ['issued in the future', () => `Bearer ${h.token(undefined, { now: new Date(h.fake.clock.now().getTime() + 10 * 60_000) })}`],
    ['individual claims on a team key', () => `Bearer ${h.token(undefined, { individual: true })}`],
    ['alg other than ES256', () => `Bearer ${h.token(undefined, { alg: 'ES384' })}`],
  ])('%s → the literal 401 body', async (_name, authorization) => {
    const res = await callWith(authorization());
    expect(res.status).toBe(401);
    expect(res.body).toEqual(LITERAL_401);
  });

  test('a key signed by another private key is rejected', async () => {
    const impostor = { ...makeTestApiKey(), keyId: h.admin.keyId, issuerId: h.admin.issuerId };
    expect((await callWith(`Bearer ${mintTestJwt(impostor, { now: h.fake.clock.now() })}`)).status).toBe(401);
  });

  test('the token is checked against the fake clock, and exactly 1200 s is allowed', async () => {
    const token = h.token(undefined, { lifetimeSeconds: 1200 });
    expect((await callWith(`Bearer ${token}`)).status).toBe(200);
    h.fake.clock.advanceMinutes(21);
    expect((await callWith(`Bearer ${token}`)).status).toBe(401);
  });

  test('individual keys need sub "user"; a missing iat is tolerated within 20 minutes', async () => {
    const individual = h.addKey('ADMIN', { individual: true });
    expect((await callWith(`Bearer ${h.token(individual, { individual: true })}`)).status).toBe(200);
    expect((await callWith(`Bearer ${h.token(individual)}`)).status).toBe(401);
    expect((await callWith(`Bearer ${h.token(undefined, { omitIat: true })}`)).status).toBe(200);
    expect((await callWith(`Bearer ${h.token(undefined, { omitIat: true, lifetimeSeconds: 1500 })}`)).status).toBe(401);
  });

  test('scope limits the token to matching method and path; limit/cursor/sort are ignored', async () => {
    const scoped = (scope: string[]) => `Bearer ${h.token(undefined, { scope })}`;
    expect((await callWith(scoped([`GET ${REQUESTS_PATH}`]))).status).toBe(200);
    expect((await callWith(scoped([`GET ${REQUESTS_PATH}?limit=5`]))).status).toBe(200);
    expect((await callWith(scoped([`GET ${REQUESTS_PATH}?filter[accessType]=ONGOING`]))).status).toBe(401);
    expect((await callWith(scoped(['GET /v1/apps']))).status).toBe(401);
  });

  test('revoked keys are refused for good', async () => {
    h.fake.revokeKey(h.admin.keyId);
    expect(await callWith(`Bearer ${h.token()}`)).toEqual({ status: 401, body: LITERAL_401 });
  });
});

describe('roles', () => {
  const createBody = { data: { type: 'analyticsReportRequests', attributes: { accessType: 'ONGOING' }, relationships: { app: { data: { type: 'apps', id: APP_ID } } } } };

  test.each(['FINANCE', 'SALES_AND_REPORTS', 'DEVELOPER'] as const)('%s cannot create or delete requests', async (role) => {
    const key = h.addKey(role);
    const post = await h.api('/v1/analyticsReportRequests', { method: 'POST', body: createBody, key });
    expect(post.status).toBe(403);
    expect(post.json).toEqual(LITERAL_403);
    const id = await h.createOngoing();
    expect((await h.api(`/v1/analyticsReportRequests/${id}`, { method: 'DELETE', key })).status).toBe(403);
  });

  test('Finance and Sales and Reports read analytics; Developer does not', async () => {
    await h.createOngoing();
    expect((await h.api(REQUESTS_PATH, { key: h.addKey('FINANCE') })).status).toBe(200);
    expect((await h.api(REQUESTS_PATH, { key: h.addKey('SALES_AND_REPORTS') })).status).toBe(200);
    const developer = h.addKey('DEVELOPER');
    expect((await h.api(REQUESTS_PATH, { key: developer })).status).toBe(403);
    expect((await h.api('/v1/apps', { key: developer })).status).toBe(200);
  });
});

describe('rate limit', () => {
  test('X-Rate-Limit counts down per key over a rolling hour of fake time', async () => {
    h.fake.rateLimitPerHour = 3;
    const other = h.addKey('ADMIN');
    const headers: Array<string | null> = [];
    for (let i = 0; i < 3; i++) headers.push((await h.api(REQUESTS_PATH)).headers.get('x-rate-limit'));
    expect(headers).toEqual(['user-hour-lim:3;user-hour-rem:2;', 'user-hour-lim:3;user-hour-rem:1;', 'user-hour-lim:3;user-hour-rem:0;']);
    const refused = await h.api(REQUESTS_PATH);
    expect(refused.status).toBe(429);
    expect(refused.json.errors[0]).toMatchObject({ status: '429', code: 'RATE_LIMIT_EXCEEDED' });
    expect((await h.api(REQUESTS_PATH, { key: other })).status).toBe(200);
    h.fake.clock.advanceMinutes(59);
    expect((await h.api(REQUESTS_PATH)).status).toBe(429);
    h.fake.clock.advanceMinutes(2);
    expect((await h.api(REQUESTS_PATH)).headers.get('x-rate-limit')).toBe('user-hour-lim:3;user-hour-rem:2;');
  });

  test('a burst fault answers 429 with Retry-After for the next N calls', async () => {
    h.fake.faults.rateLimitBurst = 2;
    const first = await h.api(REQUESTS_PATH);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    expect((await h.api(REQUESTS_PATH)).status).toBe(429);
    expect((await h.api(REQUESTS_PATH)).status).toBe(200);
    expect(h.fake.faults.rateLimitBurst).toBe(0);
  });

  test('server errors can be injected, by count or by rate', async () => {
    h.fake.faults.serverErrorNext = 1;
    const failed = await h.api(REQUESTS_PATH);
    expect(failed.status).toBe(500);
    expect(failed.json.errors[0].code).toBe('UNEXPECTED_ERROR');
    expect((await h.api(REQUESTS_PATH)).status).toBe(200);
    h.fake.faults.serverErrorRate = 1;
    expect((await h.api(REQUESTS_PATH)).status).toBe(500);
  });
});
