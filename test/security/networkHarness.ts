// A sync setup for attack replays: the fake App Store Connect with one ONGOING request already
// producing, a hostile download server, a real warehouse in <parent>/data (so a test can scan
// <parent> for anything written outside the data folder), and runSync wired to them.
// `apple: true` makes Orchard believe it talks to Apple: the client's base URL is Apple's host and
// a test fetch maps public names onto the local servers, answering nothing else but loopback.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createAscClient, createTokenProvider } from '../../main/asc';
import { silentLogger } from '../../main/logging/logger';
import { runSync, type SyncOptions } from '../../main/sync/syncEngine';
import { createWarehouseSyncStore } from '../../main/sync/warehouseSyncStore';
import { openWarehouse } from '../../main/warehouse';
import type { SyncSummary } from '../../shared/sync';
import { startFakeAsc, startHostileServer, type FakeAsc, type HostileServer } from '../fake-asc';
import { makeTestApiKey } from '../support/testKeys';
import { queryRows } from '../support/queryRows';

export const APP_ID = '1476097583';
export const REPORT = 'App Downloads Standard';
export const APPLE_API = 'https://api.appstoreconnect.apple.com';
const APPLE_S3 = 'https://orchard-reports.s3.us-east-1.amazonaws.com';
const HOSTILE_PUBLIC = 'https://downloads.hostile.example';

export interface SecurityHarness {
  fake: FakeAsc;
  hostile: HostileServer;
  parent: string;
  dataDir: string;
  /** Every URL Orchard asked its fetch for, in order. */
  requested: string[];
  /** A URL on the hostile server, as Orchard sees it (a public https name in apple mode). */
  hostileUrl(pathAndQuery: string): string;
  /** The first DAILY instance's first segment ID: the one a test turns hostile. */
  targetSegmentId(): string;
  sync(options?: Partial<SyncOptions>): Promise<SyncSummary>;
  sql(text: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export async function startSecurityHarness(options: { apple?: boolean } = {}): Promise<SecurityHarness> {
  const fake = await startFakeAsc({ now: new Date('2025-03-03T10:00:00Z'), seed: 11 });
  fake.addApp({ id: APP_ID, name: 'Example App', bundleId: 'com.example.app', sku: 'EXAMPLE' });
  const key = makeTestApiKey();
  fake.registerKey({ keyId: key.keyId, issuerId: key.issuerId, publicKeyPem: key.publicKeyPem, role: 'ADMIN' });
  fake.createRequest(APP_ID, 'ONGOING');
  fake.clock.advanceDays(4);
  const hostile = await startHostileServer();
  const parent = await mkdtemp(path.join(os.tmpdir(), 'orchard-sec-'));
  const dataDir = path.join(parent, 'data');
  await mkdir(dataDir);
  const warehouse = await openWarehouse({ dataDir, logger: silentLogger });
  const requested: string[] = [];
  const apple = options.apple ?? false;
  const names: [string, string][] = apple
    ? [[APPLE_API, fake.baseUrl], [APPLE_S3, fake.segmentBaseUrl], [HOSTILE_PUBLIC, hostile.url]]
    : [];
  const clock = () => fake.clock.now().getTime();
  const client = createAscClient({
    baseUrl: apple ? APPLE_API : fake.baseUrl,
    fetch: mappingFetch(names, requested),
    clock,
    sleep: async () => undefined,
    tokenProvider: createTokenProvider({ keyId: key.keyId, issuerId: key.issuerId, privateKeyPem: key.privateKeyPem, clock }),
  });
  const store = createWarehouseSyncStore(warehouse);
  const sql = (text: string) => queryRows(warehouse, text);
  return {
    fake,
    hostile,
    parent,
    dataDir,
    requested,
    hostileUrl: (p) => `${apple ? HOSTILE_PUBLIC : hostile.url}${p}`,
    targetSegmentId() {
      const first = fake.instances({ reportName: REPORT, granularity: 'DAILY' })[0];
      if (!first?.segmentIds[0]) throw new Error('the fake produced no DAILY instance yet');
      return first.segmentIds[0];
    },
    sync: (opts = {}) =>
      runSync(
        { appId: APP_ID, concurrency: 2, reportNames: [REPORT], granularities: ['DAILY'], ...opts },
        { client, store, dataDir, now: () => fake.clock.now(), onProgress: () => undefined },
      ),
    sql,
    async close() {
      await warehouse.close();
      await fake.close();
      await hostile.close();
      await rm(parent, { recursive: true, force: true });
    },
  };
}

/**
 * Maps public origins onto local servers (rewriting the local origins in JSON bodies and Location
 * headers back to the public ones), passes loopback URLs through, and refuses everything else:
 * the test machine only ever talks to 127.0.0.1.
 */
function mappingFetch(names: [publicOrigin: string, localOrigin: string][], requested: string[]): typeof fetch {
  const toPublic = (text: string) => names.reduce((t, [pub, local]) => t.replaceAll(local, pub), text);
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    requested.push(url);
    const mapped = names.find(([pub]) => url.startsWith(`${pub}/`));
    const hostname = new URL(url).hostname;
    if (!mapped && hostname !== '127.0.0.1' && hostname !== 'localhost' && hostname !== '[::1]') {
      throw new TypeError(`fetch failed: the test network reaches only 127.0.0.1, not ${hostname}`);
    }
    const target = mapped ? `${mapped[1]}${url.slice(mapped[0].length)}` : url;
    const response = await fetch(target, init);
    if (!mapped) return response;
    const headers = new Headers(response.headers);
    const location = headers.get('location');
    if (location !== null) headers.set('location', toPublic(location));
    if ((headers.get('content-type') ?? '').includes('json')) {
      const text = toPublic(await response.text());
      headers.delete('content-length');
      return new Response(text, { status: response.status, headers });
    }
    return new Response(response.body, { status: response.status, headers });
  }) as typeof fetch;
}
