// Fake data for e2e tests that need a synced app: a key, the app selected, syncs that produce days
// of Apple's data, and calling commands directly on the test's own services.
import { expect } from '@playwright/test';
import type { FakeAsc } from '../../fake-asc';
import { makeTestApiKey } from '../../support/testKeys';
import type { OrchardHarness } from './orchardFixture';

export const EXAMPLE_APP = { id: '1476097583', name: 'Example App', bundleId: 'com.example.app', sku: 'EXAMPLE' };
const DAY_MS = 86_400_000;

export async function call<T>(orchard: OrchardHarness, name: string, payload: unknown): Promise<T> {
  const envelope = await orchard.services.dispatch(name, payload, { transport: 'test' });
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
  return envelope.value as T;
}

/** Lets the fake produce `days` of data, then puts its clock back (Orchard signs tokens with the real clock). */
export function produceDays(fake: FakeAsc, days: number): void {
  fake.clock.advanceDays(days);
  fake.clock.set(new Date(fake.clock.now().getTime() - days * DAY_MS));
}

export async function syncAndWait(orchard: OrchardHarness, reportNames: readonly string[], runsBefore: number): Promise<void> {
  await call(orchard, 'sync:start', { appId: EXAMPLE_APP.id, reportNames, granularities: ['DAILY'] });
  await expect.poll(async () => (await call<unknown[]>(orchard, 'sync:history', { appId: EXAMPLE_APP.id })).length, { timeout: 120_000 }).toBe(runsBefore + 1);
}

/** An ADMIN key, the example app selected, and `days` of its reports synced. */
export async function syncedExampleApp(orchard: OrchardHarness, fake: FakeAsc, reportNames: readonly string[], days: number): Promise<void> {
  const key = makeTestApiKey();
  fake.registerKey({ keyId: key.keyId, issuerId: key.issuerId, publicKeyPem: key.publicKeyPem, role: 'ADMIN' });
  fake.addApp(EXAMPLE_APP);
  await call(orchard, 'keys:add', { pem: key.privateKeyPem, keyId: key.keyId, issuerId: key.issuerId, individual: false, label: 'Team' });
  await call(orchard, 'apps:select', { appId: EXAMPLE_APP.id });
  await syncAndWait(orchard, reportNames, 0);
  produceDays(fake, days);
  await syncAndWait(orchard, reportNames, 1);
}
