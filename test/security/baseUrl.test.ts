// Attack replay (issue 9 item 2): a compromised renderer pointed the API base URL at its own server
// through settings:update and collected a signed API token with the next call. The base URL now
// comes only from ORCHARD_ASC_BASE_URL / --base-url, and a value planted in settings.json is dropped.
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../main/credentials';
import { silentLogger } from '../../main/logging/logger';
import { createNodePlatform } from '../../main/platform/nodePlatform';
import { createServices, type Services } from '../../main/services';
import { APPLE_BASE_URL, checkedBaseUrl, resolveAscBaseUrl } from '../../main/session/ascBaseUrl';
import { OrchardError } from '../../shared/errors';
import type { CommandInput, CommandName, CommandOutput } from '../../shared/ipc/contract';
import { startFakeAsc, type FakeAsc } from '../fake-asc';
import { failure } from '../support/failure';
import { makeTestApiKey } from '../support/testKeys';

const APP_ID = '1476097583';

/** The attacker's server: records every request and the Authorization header it carried. */
async function startAttacker(): Promise<{ url: string; hits: { url: string; authorization?: string }[]; close(): Promise<void> }> {
  const hits: { url: string; authorization?: string }[] = [];
  const server: Server = createServer((req, res) => {
    hits.push({ url: req.url ?? '', ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"data":[],"links":{"self":"x"}}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function start(env: NodeJS.ProcessEnv, fetchFn: typeof fetch = globalThis.fetch, dataDir?: string) {
  const dir = dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'orchard-sec-base-')));
  const services: Services = await createServices(createNodePlatform({ dataDir: dir, logger: silentLogger, appVersion: 'test', secretStore: createMemorySecretStore(), env, fetch: fetchFn }));
  cleanups.push(async () => {
    await services.close();
    await rm(dir, { recursive: true, force: true });
  });
  const call = async <N extends CommandName>(command: N, input: CommandInput<N>): Promise<CommandOutput<N>> => {
    const envelope = await services.dispatch(command, input, { transport: 'test' });
    if (!envelope.ok) throw OrchardError.fromPayload(envelope.error);
    return envelope.value as CommandOutput<N>;
  };
  return { dir, call };
}

describe('the API base URL cannot be set over IPC', () => {
  let fake: FakeAsc;

  it('refuses settings:update {ascBaseUrl}, and the next API calls still go to the configured host with no token leaving it', async () => {
    fake = await startFakeAsc({ followWallClock: true });
    cleanups.push(() => fake.close());
    fake.addApp({ id: APP_ID, name: 'Example App', bundleId: 'com.example.app', sku: 'EXAMPLE' });
    const key = makeTestApiKey();
    fake.registerKey({ keyId: key.keyId, issuerId: key.issuerId, publicKeyPem: key.publicKeyPem, role: 'ADMIN' });
    const attacker = await startAttacker();
    cleanups.push(attacker.close);
    const { dir, call } = await start({ ORCHARD_ASC_BASE_URL: fake.baseUrl });

    const refused = await failure(call('settings:update', { ascBaseUrl: attacker.url } as never));
    expect(refused.code).toBe('BAD_INPUT');
    await call('keys:add', { pem: key.privateKeyPem, keyId: key.keyId, issuerId: key.issuerId, individual: false, label: 'Test key' });
    const apps = await call('apps:list', {});
    expect(apps.apps.map((a) => a.id)).toContain(APP_ID);

    expect(attacker.hits).toEqual([]);
    expect(await readFile(path.join(dir, 'settings.json'), 'utf8')).not.toContain(attacker.url);
    // The screen that used to edit it now only reports the non-Apple host, read-only.
    expect((await call('settings:get', {})).ascBaseUrl).toBe(fake.baseUrl);
    expect((await call('app:info', {})).ascBaseUrl).toBe(fake.baseUrl);
  });

  it('ignores and drops an ascBaseUrl left in an old settings.json', async () => {
    const attacker = await startAttacker();
    cleanups.push(attacker.close);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'orchard-sec-base-'));
    await writeFile(path.join(dir, 'settings.json'), JSON.stringify({ ascBaseUrl: attacker.url, preferences: { theme: 'dark' }, apiKeys: [] }));
    // No network in tests: record where Orchard would have sent the token, and answer nothing useful.
    const requested: string[] = [];
    const recordingFetch = (async (input: string | URL | Request) => {
      requested.push(String(input instanceof Request ? input.url : input));
      return new Response('{"errors":[{"status":"401","code":"NOT_AUTHORIZED","title":"t","detail":"d"}]}', { status: 401 });
    }) as typeof fetch;
    const { call } = await start({}, recordingFetch, dir);
    const key = makeTestApiKey();
    await call('keys:add', { pem: key.privateKeyPem, keyId: key.keyId, issuerId: key.issuerId, individual: false, label: 'Test key' }).catch(() => undefined);
    await call('apps:list', {}).catch(() => undefined);

    expect(requested.length).toBeGreaterThan(0);
    expect(requested.every((u) => u.startsWith(`${APPLE_BASE_URL}/`))).toBe(true);
    expect(attacker.hits).toEqual([]);
    const stored = JSON.parse(await readFile(path.join(dir, 'settings.json'), 'utf8')) as Record<string, unknown>;
    expect(stored).not.toHaveProperty('ascBaseUrl');
    expect(stored.preferences).toEqual({ theme: 'dark' });
    // Talking to Apple: no banner, no address on the settings screen.
    expect((await call('app:info', {})).ascBaseUrl).toBeUndefined();
    expect((await call('settings:get', {})).ascBaseUrl).toBeUndefined();
  });

  it('refuses to start with an unsafe ORCHARD_ASC_BASE_URL before any token is signed', async () => {
    for (const unsafe of ['http://evil.localhost:4010/', 'http://attacker.example/', 'http://10.0.0.5/', 'ftp://127.0.0.1/', 'file:///etc/passwd', 'https://user:pw@asc.example.test', 'not a url']) {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'orchard-sec-base-'));
      cleanups.push(() => rm(dir, { recursive: true, force: true }));
      const error = await failure(createServices(createNodePlatform({ dataDir: dir, logger: silentLogger, secretStore: createMemorySecretStore(), env: { ORCHARD_ASC_BASE_URL: unsafe } })));
      expect(error).toMatchObject({ code: 'BAD_INPUT', details: { reason: 'unsafe-base-url' } });
    }
  });
});

describe('base URL rules', () => {
  it('allows https anywhere and http only to loopback; the CLI flag wins over the environment', () => {
    expect(resolveAscBaseUrl({})).toBe(APPLE_BASE_URL);
    expect(resolveAscBaseUrl({ ORCHARD_ASC_BASE_URL: '' })).toBe(APPLE_BASE_URL);
    expect(resolveAscBaseUrl({ ORCHARD_ASC_BASE_URL: 'http://127.0.0.1:4010/' })).toBe('http://127.0.0.1:4010');
    expect(resolveAscBaseUrl({ ORCHARD_ASC_BASE_URL: 'http://127.0.0.1:1' }, 'https://asc.example.test/')).toBe('https://asc.example.test');
    for (const ok of ['http://localhost:9', 'http://[::1]:9', 'http://127.8.9.10', 'https://10.0.0.1']) expect(() => checkedBaseUrl(ok, 't')).not.toThrow();
    for (const bad of ['http://192.168.1.2', 'http://[fe80::1]', 'http://0.0.0.0', 'javascript:alert(1)', 'https://x.test/?a=1']) {
      expect(() => checkedBaseUrl(bad, 't')).toThrow(OrchardError);
    }
    // Issue 21: names under .localhost are not "localhost" (a resolver may send them anywhere), so no plain http to them.
    for (const bad of ['http://evil.localhost:4010', 'http://EVIL.LOCALHOST.', 'http://localhost.evil.localhost:1', 'http://a.b.localhost']) {
      expect(() => checkedBaseUrl(bad, 't'), bad).toThrow(/plain http is allowed only for 127\.0\.0\.1, ::1 or localhost/);
      expect(() => resolveAscBaseUrl({}, bad), bad).toThrow(OrchardError);
    }
    expect(() => checkedBaseUrl('http://LOCALHOST.:9', 't')).not.toThrow();
  });
});
