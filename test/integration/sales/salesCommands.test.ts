// The sales:* commands through the real dispatcher: a vendor number checked with Apple (a wrong one
// refused with where to find the right one), the key's finance access learned from Apple's answers,
// a sync job ending in a sales:finished event, per-date outcomes, and Individual keys refused.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../main/credentials';
import { silentLogger } from '../../../main/logging/logger';
import { createNodePlatform } from '../../../main/platform/nodePlatform';
import { createServices, type Services } from '../../../main/services';
import { OrchardError } from '../../../shared/errors';
import type { CommandInput, CommandName, CommandOutput } from '../../../shared/ipc/contract';
import type { SalesProgress, SalesSummary } from '../../../shared/sales';
import { startFakeAsc, type FakeAsc, type KeyRole } from '../../fake-asc';
import { makeTestApiKey } from '../../support/testKeys';

interface Setup {
  fake: FakeAsc;
  services: Services;
  dataDir: string;
  call<N extends CommandName>(command: N, input: CommandInput<N>): Promise<CommandOutput<N>>;
}
let setup: Setup | undefined;
afterEach(async () => {
  if (!setup) return;
  await setup.services.close();
  await setup.fake.close();
  await rm(setup.dataDir, { recursive: true, force: true });
  setup = undefined;
});

async function start(role: KeyRole, individual = false): Promise<Setup> {
  const fake = await startFakeAsc({ followWallClock: true });
  fake.addApp({ id: '1476097583', name: 'Example App', bundleId: 'com.example.app', sku: 'EXAMPLE' });
  const key = makeTestApiKey();
  fake.registerKey({ keyId: key.keyId, publicKeyPem: key.publicKeyPem, role, ...(individual ? { individual: true } : { issuerId: key.issuerId }) });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'orchard-sales-cmd-'));
  const services = await createServices(createNodePlatform({
    dataDir, logger: silentLogger, appVersion: 'test', secretStore: createMemorySecretStore(), env: { ORCHARD_ASC_BASE_URL: fake.baseUrl },
  }));
  const call = async <N extends CommandName>(command: N, input: CommandInput<N>): Promise<CommandOutput<N>> => {
    const envelope = await services.dispatch(command, input, { transport: 'test' });
    if (!envelope.ok) throw OrchardError.fromPayload(envelope.error);
    return envelope.value as CommandOutput<N>;
  };
  await call('keys:add', { pem: key.privateKeyPem, keyId: key.keyId, individual, label: 'Test key', ...(individual ? {} : { issuerId: key.issuerId }) });
  setup = { fake, services, dataDir, call };
  return setup;
}

const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as OrchardError);

describe('sales:* commands', () => {
  it('checks the vendor number with Apple, learns finance access and runs a sync job', { timeout: 120_000 }, async () => {
    const { call, fake, services } = await start('ADMIN');
    expect((await call('sales:status', {})).vendorNumber).toBeUndefined();
    const wrong = await failure(call('sales:setVendor', { vendorNumber: '99999999' }));
    expect(wrong?.code).toBe('BAD_INPUT');
    expect(wrong?.message).toMatch(/Payments and Financial Reports/);
    const status = await call('sales:setVendor', { vendorNumber: fake.sales.vendorNumber });
    expect(status).toMatchObject({ vendorNumber: fake.sales.vendorNumber, finance: 'readable' });
    await call('sales:setKept', { kinds: ['SALES/SUMMARY/MONTHLY'] });
    const progress: SalesProgress[] = [];
    const finished = new Promise<SalesSummary>((resolve) => {
      const off = services.events.subscribe((event, payload) => {
        if (event === 'sales:progress') progress.push(payload as SalesProgress);
        if (event === 'sales:finished') {
          off();
          resolve(payload as SalesSummary);
        }
      });
    });
    await call('sales:start', {});
    const summary = await finished;
    expect(summary.outcome).toBe('succeeded');
    expect(summary.outcomes.loaded).toBeGreaterThan(0);
    // One bar over the run: it ends full, with the run's counts.
    expect(progress.at(-1)?.overall).toEqual({ done: 12, total: 12, outcomes: summary.outcomes });
    const dates = await call('sales:dates', { kind: { reportType: 'SALES', reportSubType: 'SUMMARY', frequency: 'MONTHLY' } });
    expect(dates.length).toBe(12);
    expect(dates.filter((d) => d.outcome === 'loaded').length).toBe(summary.outcomes.loaded);
    const after = await call('sales:status', {});
    expect(after.kinds.find((k) => k.kind.frequency === 'MONTHLY' && k.kind.reportType === 'SALES')).toMatchObject({ kept: true });
    // Only monthly files: no daily report is published and loaded, so there is no window and no zero.
    expect(await call('sales:totals', { days: 30 })).toEqual({ days: 30, currencies: [], notYetDays: [], missingDays: [], apps: [] });
  });

  it('learns that a Sales and Reports key cannot read finance', { timeout: 60_000 }, async () => {
    const { call, fake } = await start('SALES_AND_REPORTS');
    expect(await call('sales:setVendor', { vendorNumber: fake.sales.vendorNumber })).toMatchObject({ finance: 'forbidden' });
  });

  it('tells an Individual key why it cannot read sales', { timeout: 60_000 }, async () => {
    const { call } = await start('ADMIN', true);
    const error = await failure(call('sales:status', {}));
    expect(error?.code).toBe('UNSUPPORTED');
    expect(error?.message).toMatch(/Team key/);
  });

  it('refuses a malformed vendor number at the boundary', { timeout: 60_000 }, async () => {
    const { call } = await start('ADMIN');
    expect((await failure(call('sales:setVendor', { vendorNumber: '../../x' })))?.code).toBe('BAD_INPUT');
    expect((await failure(call('sales:totals', { days: 30, appId: "1' OR 1=1" })))?.code).toBe('BAD_INPUT');
  });
});
