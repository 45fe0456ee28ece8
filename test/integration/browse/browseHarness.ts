// The real services (createServices) over a temp data folder and an in-memory keychain, pointed at
// a fake App Store Connect on wall-clock time (tokens are signed with the real clock), with a key
// of the chosen role added through the IPC dispatcher, as the UI does.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createMemorySecretStore } from '../../../main/credentials';
import { silentLogger } from '../../../main/logging/logger';
import { createNodePlatform } from '../../../main/platform/nodePlatform';
import { createServices, type Services } from '../../../main/services';
import { OrchardError } from '../../../shared/errors';
import type { CommandInput, CommandName, CommandOutput } from '../../../shared/ipc/contract';
import type { SyncSummary } from '../../../shared/sync';
import { startFakeAsc, type FakeAsc, type KeyRole } from '../../fake-asc';
import { makeTestApiKey } from '../../support/testKeys';

export const APP_ID = '1476097583';
const DAY_MS = 86_400_000;

export interface BrowseHarness {
  fake: FakeAsc;
  dataDir: string;
  services: Services;
  call<N extends CommandName>(command: N, input: CommandInput<N>): Promise<CommandOutput<N>>;
  /** Starts a sync through the dispatcher and waits for its sync:finished event. */
  sync(): Promise<SyncSummary>;
  /**
   * Lets the fake produce `days` of data, then returns its clock to the wall clock: Orchard signs
   * tokens with the real time, which a fake running ahead would reject as expired.
   */
  produceDays(days: number): void;
  close(): Promise<void>;
}

export async function startBrowseHarness(options: { role?: KeyRole; inactivityDays?: number } = {}): Promise<BrowseHarness> {
  const fake = await startFakeAsc({ followWallClock: true, inactivityDays: options.inactivityDays ?? Infinity });
  fake.addApp({ id: APP_ID, name: 'Example App', bundleId: 'com.example.app', sku: 'EXAMPLE' });
  const key = makeTestApiKey();
  fake.registerKey({ keyId: key.keyId, issuerId: key.issuerId, publicKeyPem: key.publicKeyPem, role: options.role ?? 'ADMIN' });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'orchard-browse-'));
  const services = await createServices(createNodePlatform({
    dataDir,
    logger: silentLogger,
    appVersion: 'test',
    secretStore: createMemorySecretStore(),
    env: { ORCHARD_ASC_BASE_URL: fake.baseUrl },
  }));
  const call = async <N extends CommandName>(command: N, input: CommandInput<N>): Promise<CommandOutput<N>> => {
    const envelope = await services.dispatch(command, input, { transport: 'test' });
    if (!envelope.ok) throw OrchardError.fromPayload(envelope.error);
    return envelope.value as CommandOutput<N>;
  };
  await call('keys:add', { pem: key.privateKeyPem, keyId: key.keyId, issuerId: key.issuerId, individual: false, label: 'Test key' });
  return {
    fake,
    dataDir,
    services,
    call,
    async sync() {
      const finished = new Promise<SyncSummary>((resolve) => {
        const off = services.events.subscribe((event, payload) => {
          if (event === 'sync:finished') {
            off();
            resolve(payload as SyncSummary);
          }
        });
      });
      await call('sync:start', { appId: APP_ID });
      return finished;
    },
    produceDays(days) {
      fake.clock.advanceDays(days);
      fake.clock.set(new Date(fake.clock.now().getTime() - days * DAY_MS));
    },
    async close() {
      await services.close();
      await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
