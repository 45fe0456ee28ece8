// Issue 21, broken 8 and build 5: an API error whose detail echoed the Authorization header was
// printed and stored in orchard.sync_runs.errors, readable by the workbench. Replayed through the
// bridge with a hostile proxy in front of the fake App Store Connect; then the same texts through
// each choke point: AscApiError, the IPC envelope, the logger, and keys:add's plain-text fields.
import { generateKeyPairSync } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAscError } from '../../main/asc/errors';
import { createDispatcher } from '../../main/ipc/dispatch';
import type { Handlers } from '../../main/ipc/handlerTypes';
import { createLogger, silentLogger } from '../../main/logging/logger';
import { redactSecrets } from '../../main/logging/redact';
import { openWarehouse } from '../../main/warehouse';
import { OrchardError } from '../../shared/errors';
import type { SyncSummary } from '../../shared/sync';
import { makeTestApiKey } from '../support/testKeys';
import { APP_ID, startSecurityHarness, type SecurityHarness } from './securityHarness';
import { removeDataDir, seedDataDir } from './support';

let h: SecurityHarness | undefined;
let proxy: Server | undefined;
afterEach(async () => {
  await h?.close();
  await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
  h = undefined;
  proxy = undefined;
});

const pkcs8 = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const bodyOf = (pem: string) => pem.split('\n').filter((l) => l && !l.startsWith('-----')).join('\n');

/** Forwards to the fake, except report-request listings: a 400 whose detail echoes the request's Authorization header. */
async function echoingProxy(target: string): Promise<string> {
  const upstream = new URL(target);
  proxy = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.includes('/analyticsReportRequests')) {
      const detail = `Invalid header: Authorization: ${req.headers.authorization ?? ''} for key ${bodyOf(pkcs8())}`;
      res.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ errors: [{ status: '400', code: 'PARAMETER_ERROR.INVALID', title: 'Bad', detail }] }));
      return;
    }
    const forward = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => proxy?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}

function expectClean(text: string) {
  expect(text).not.toMatch(/eyJ[\w-]{10,}/);
  expect(text).not.toMatch(/Bearer\s+(?!\[)\S/);
  expect(text).not.toMatch(/MIG[A-Za-z0-9+/]{20}/);
}

describe('secrets never reach an error, the warehouse or the log', () => {
  it('a sync whose API error echoes the Authorization header stores and sends only redacted text', { timeout: 120_000 }, async () => {
    h = await startSecurityHarness({ ascBaseUrl: echoingProxy });
    const harness = h;
    const finished = new Promise<SyncSummary>((resolve) => {
      const off = harness.services.events.subscribe((event, payload) => {
        if (event === 'sync:finished') (off(), resolve(payload as SyncSummary));
      });
    });
    const start = await h.invoke('sync:start', { appId: APP_ID });
    const summary = await finished;
    expectClean(JSON.stringify(start));
    expectClean(JSON.stringify(summary));
    const history = await h.invoke('sync:history', { appId: APP_ID });
    expectClean(JSON.stringify(history));
    const run = await h.call('query:run', { runId: crypto.randomUUID(), sql: 'SELECT errors::VARCHAR AS errors FROM orchard.sync_runs' });
    const stored = JSON.stringify(run.firstRows);
    // The echo did happen (so the test can fail): what is left of it is the marker.
    expect(stored).toContain('Authorization');
    expect(stored).toMatch(/\[token\]|\[jwt\]|\[redacted\]/);
    expectClean(stored);
  });

  it('AscApiError, the IPC envelope and the logger redact Bearer tokens, JWTs and key bodies with or without headers', async () => {
    const jwt = 'eyJhbGciOiJFUzI1NiIsImtpZCI6IjJYOVI0SFhGMzQifQ.eyJpc3MiOiI1NzI0NjU0MiIsImV4cCI6MTcwMDAwMDAwMH0.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJl';
    const pem = pkcs8();
    const sec1 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString();
    const secrets = [`Bearer ${jwt}`, jwt, jwt.slice(0, 60), pem, sec1, bodyOf(pem), bodyOf(pem).replace(/\n/g, ''), bodyOf(pem).replace(/\n/g, '\\n'), `authorization: "Basic dXNlcjpwYXNz"`];
    for (const secret of secrets) {
      const apiError = parseAscError(409, JSON.stringify({ errors: [{ status: '409', code: 'STATE_ERROR', title: secret, detail: `echo ${secret} end` }] }), { method: 'POST', path: '/v1/analyticsReportRequests' });
      const plain = parseAscError(400, `<html>${secret}</html>`, { method: 'GET', path: '/v1/apps' });
      for (const text of [apiError.message, JSON.stringify(apiError.details), plain.message, JSON.stringify(plain.details)]) {
        expectClean(text);
        expect(text).not.toContain('dXNlcjpwYXNz');
      }
      const lines: string[] = [];
      createLogger({ sink: (line) => lines.push(line) }).error('x', { message: `failed: ${secret}` });
      expectClean(lines.join('\n'));
      const dispatch = createDispatcher({ 'keys:list': async () => Promise.reject(new OrchardError('INTERNAL', `boom ${secret}`, { nested: [{ echo: secret }] })) } as unknown as Handlers, silentLogger);
      expectClean(JSON.stringify(await dispatch('keys:list', {}, { transport: 'test' })));
    }
    // What is not a secret stays readable.
    const ordinary = 'Could not open /Users/someone/Library/Application Support/Orchard/segments/1476097583/r1-abc/0001.csv.gz (ENOENT); request 8a1f0c1e-1111-2222-3333-444455556666';
    expect(redactSecrets(ordinary)).toBe(ordinary);
  });

  it('the warehouse redacts sync-run errors itself, whatever error reaches it unredacted', async () => {
    const dataDir = await seedDataDir();
    const warehouse = await openWarehouse({ dataDir, logger: silentLogger });
    try {
      const jwt = 'eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJ4In0.c2lnbmF0dXJlc2lnbmF0dXJl';
      const runId = await warehouse.metadata.startSyncRun({ appId: APP_ID });
      await warehouse.metadata.finishSyncRun(runId, { outcome: 'failed', counts: {}, errors: [{ message: `401 for Bearer ${jwt}`, details: { key: bodyOf(pkcs8()) } }] });
      const [stored] = await warehouse.metadata.listSyncRuns({ appId: APP_ID });
      const text = JSON.stringify(stored?.errors);
      expect(text).toMatch(/401 for Bearer \[jwt\]/);
      expect(text).toContain('[key material]');
      expectClean(text);
    } finally {
      await warehouse.close();
      await removeDataDir(dataDir);
    }
  });

  it('keys:add refuses a label or key ID that holds key material, a JWT or a token', { timeout: 60_000 }, async () => {
    h = await startSecurityHarness();
    const key = makeTestApiKey();
    const otherBody = bodyOf(pkcs8()).replace(/\n/g, '');
    for (const label of [otherBody, `eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJ4In0.c2lnbmF0dXJl`, 'Bearer abcdefghijkl']) {
      const reply = await h.invoke('keys:add', { pem: key.privateKeyPem, keyId: key.keyId, issuerId: key.issuerId, individual: false, label });
      expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', details: { field: 'label' } } });
      expectClean(JSON.stringify(reply));
    }
    expect((await h.call('keys:list', {})).map((k) => k.keyId)).toEqual([h.keyId]);
  });
});
