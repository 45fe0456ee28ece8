// Attacks replayed as a compromised renderer would send them: the real services (createServices)
// over a temp data folder, a fake App Store Connect with one app and an Admin key, behind the real
// loopback bridge. Calls go over HTTP with the token, exactly like the browser-mode renderer.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createMemorySecretStore, type SecretStore } from '../../main/credentials';
import { silentLogger } from '../../main/logging/logger';
import type { DesktopDialogs } from '../../main/platform/desktopDialogs';
import { createNodePlatform } from '../../main/platform/nodePlatform';
import { createServices, type Services } from '../../main/services';
import type { BridgeLimits } from '../../main/web/bridgeLimits';
import { startBridgeServer, TOKEN_HEADER, type BridgeServer } from '../../main/web/bridgeServer';
import { EXPORTS_FOLDER } from '../../main/workbench/exportTarget';
import type { ErrorPayload } from '../../shared/errors';
import type { CommandName, CommandOutput } from '../../shared/ipc/contract';
import { startFakeAsc, type FakeAsc } from '../fake-asc';
import { makeTestApiKey } from '../support/testKeys';

export const APP_ID = '1476097583';

export interface HttpReply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface SecurityHarness {
  fake: FakeAsc;
  dataDir: string;
  staticDir: string;
  keyId: string;
  secretStore: SecretStore;
  services: Services;
  bridge: BridgeServer;
  /** Raw HTTP to the bridge; Host defaults to the bridge's own. */
  send(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<HttpReply>;
  /** A command over the bridge with the token, as the renderer sends it: the envelope back. */
  invoke(command: string, payload: unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: ErrorPayload }>;
  /** Like invoke, but throws on an error envelope. */
  call<N extends CommandName>(command: N, payload: unknown): Promise<CommandOutput<N>>;
  close(): Promise<void>;
}

export interface SecurityHarnessOptions {
  dialogs?: DesktopDialogs;
  limits?: Partial<BridgeLimits>;
  /** Puts something (a hostile proxy) between Orchard and the fake: given the fake's URL, the one Orchard uses. */
  ascBaseUrl?: (fakeBaseUrl: string) => Promise<string>;
}

export async function startSecurityHarness(options: SecurityHarnessOptions = {}): Promise<SecurityHarness> {
  const fake = await startFakeAsc({ followWallClock: true, inactivityDays: Infinity });
  fake.addApp({ id: APP_ID, name: 'Example App', bundleId: 'com.example.app', sku: 'EXAMPLE' });
  const key = makeTestApiKey();
  fake.registerKey({ keyId: key.keyId, issuerId: key.issuerId, publicKeyPem: key.publicKeyPem, role: 'ADMIN' });
  const root = await mkdtemp(path.join(os.tmpdir(), 'orchard-security-'));
  const dataDir = path.join(root, 'data');
  const staticDir = path.join(root, 'renderer');
  const secretStore = createMemorySecretStore();
  const platform = createNodePlatform({ dataDir, logger: silentLogger, appVersion: 'test', secretStore, env: { ORCHARD_ASC_BASE_URL: options.ascBaseUrl ? await options.ascBaseUrl(fake.baseUrl) : fake.baseUrl } });
  const services = await createServices(platform, options.dialogs ? { dialogs: options.dialogs } : {});
  await mkdir(staticDir);
  await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title><script src="app.js"></script>');
  await writeFile(path.join(staticDir, 'app.js'), 'console.log(1);');
  await writeFile(path.join(staticDir, 'app.js.map'), '{"version":3,"sources":["../renderer/secret.ts"]}');
  const bridge = await startBridgeServer({
    dispatch: services.dispatch,
    events: services.events,
    staticDir,
    downloads: { tickets: services.downloads, folder: path.join(dataDir, EXPORTS_FOLDER) },
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const port = Number(new URL(bridge.url).port);

  const send: SecurityHarness['send'] = (opts) =>
    new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: { Host: `127.0.0.1:${port}`, ...opts.headers } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
        },
      );
      req.on('error', reject);
      req.end(opts.body);
    });

  const invoke: SecurityHarness['invoke'] = async (command, payload) => {
    const reply = await send({ method: 'POST', path: `/ipc/${command}`, headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: bridge.token }, body: JSON.stringify(payload) });
    if (reply.status !== 200) throw new Error(`HTTP ${reply.status}: ${reply.body}`);
    return JSON.parse(reply.body) as Awaited<ReturnType<SecurityHarness['invoke']>>;
  };

  const call = async <N extends CommandName>(command: N, payload: unknown): Promise<CommandOutput<N>> => {
    const envelope = await invoke(command, payload);
    if (!envelope.ok) throw new Error(`${command}: ${envelope.error.code} ${envelope.error.message}`);
    return envelope.value as CommandOutput<N>;
  };

  await call('keys:add', { pem: key.privateKeyPem, keyId: key.keyId, issuerId: key.issuerId, individual: false, label: 'Team key' });
  return {
    fake,
    dataDir,
    staticDir,
    keyId: key.keyId,
    secretStore,
    services,
    bridge,
    send,
    invoke,
    call,
    async close() {
      await bridge.close();
      await services.close();
      await fake.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
