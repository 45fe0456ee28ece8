// `npm run web -- --demo`: starts the bundled fake App Store Connect with generated apps and a
// month of history, points the services at it, and adds its key for this session only, so a
// newcomer without an Apple account sees the whole app working.
import type { Dispatch } from '../ipc/dispatch';
import type { Logger } from '../logging/logger';
import { seedDemo, startFakeAsc, type FakeAsc } from '../../test/fake-asc';

export interface DemoBackend {
  fake: FakeAsc;
  credentials: { keyId: string; issuerId: string; privateKeyPem: string };
}

export async function startDemoBackend(): Promise<DemoBackend> {
  const fake = await startFakeAsc({ followWallClock: true, inactivityDays: Infinity });
  const credentials = await seedDemo(fake);
  return { fake, credentials };
}

/**
 * What the demo sets up in Orchard itself, as a user would by hand: the demo key (in memory only,
 * like any session-only key: nothing secret is written) and the demo team's vendor number, so the
 * Sales screen's one "Sync sales" click backfills a year of sales.
 */
export async function enterDemo(dispatch: Dispatch, demo: DemoBackend, logger: Logger): Promise<void> {
  const added = await dispatch(
    'keys:add',
    { pem: demo.credentials.privateKeyPem, keyId: demo.credentials.keyId, issuerId: demo.credentials.issuerId, individual: false, label: 'Demo (fake App Store Connect)', sessionOnly: true, replace: true },
    { transport: 'internal' },
  );
  if (!added.ok) throw new Error(`demo key: ${added.error.message}`);
  const vendor = await dispatch('sales:setVendor', { vendorNumber: demo.fake.sales.vendorNumber }, { transport: 'internal' });
  if (!vendor.ok) logger.warn('demo.vendor_not_set', { message: vendor.error.message });
}
