// `npm run web -- --demo`: starts the bundled fake App Store Connect with generated apps and a
// month of history, points the services at it, and adds its key for this session only, so a
// newcomer without an Apple account sees the whole app working.
import type { CommandInput, CommandName, CommandOutput } from '../../shared/ipc/contract';
import type { Envelope } from '../../shared/ipc/define';
import type { Dispatch } from '../ipc/dispatch';
import type { Logger } from '../logging/logger';
import { seedDemo, startFakeAsc, type FakeAsc } from '../../test/fake-asc';

export interface DemoBackend {
  fake: FakeAsc;
  credentials: { keyId: string; issuerId: string; privateKeyPem: string };
}

/** How the demo's key is labelled; also how a later demo start recognises the keys of earlier ones. */
export const DEMO_KEY_LABEL = 'Demo (fake App Store Connect)';

export async function startDemoBackend(): Promise<DemoBackend> {
  const fake = await startFakeAsc({ followWallClock: true, inactivityDays: Infinity });
  const credentials = await seedDemo(fake);
  return { fake, credentials };
}

/**
 * What the demo sets up in Orchard itself, as a user would by hand: the demo key (in memory only,
 * like any session-only key: nothing secret is written) as the default key, and the demo team's
 * vendor number, so the Sales screen's one "Sync sales" click backfills a year of sales.
 * Each start makes a new key, so the keys of earlier demo runs on the same data folder (their
 * secrets died with their process) are removed first: left as default they would sign nothing,
 * and the launch sync and the app list would fail with "session-only key … was lost".
 */
export async function enterDemo(dispatch: Dispatch, demo: DemoBackend, logger: Logger): Promise<void> {
  const call = typedCall(dispatch);
  await removeEarlierDemoKeys(call, demo.credentials.keyId, logger);
  const added = await call('keys:add', {
    pem: demo.credentials.privateKeyPem,
    keyId: demo.credentials.keyId,
    issuerId: demo.credentials.issuerId,
    individual: false,
    label: DEMO_KEY_LABEL,
    sessionOnly: true,
  });
  if (!added.ok) throw new Error(`demo key: ${added.error.message}`);
  const made = await call('keys:setDefault', { keyId: demo.credentials.keyId });
  if (!made.ok) throw new Error(`demo key: ${made.error.message}`);
  const vendor = await call('sales:setVendor', { vendorNumber: demo.fake.sales.vendorNumber });
  if (!vendor.ok) logger.warn('demo.vendor_not_set', { message: vendor.error.message });
}

/** Only session keys with the demo's label whose secret is gone: nothing a user could still use. */
async function removeEarlierDemoKeys(call: TypedCall, keepKeyId: string, logger: Logger): Promise<void> {
  const listed = await call('keys:list', {});
  if (!listed.ok) throw new Error(`demo keys: ${listed.error.message}`);
  const stale = listed.value.filter((k) => k.keyId !== keepKeyId && k.storage === 'session' && k.status === 'session-expired' && k.label === DEMO_KEY_LABEL);
  for (const key of stale) {
    const ticket = await call('confirm:prepare', { action: 'keys:remove', keyId: key.keyId });
    const removed = ticket.ok ? await call('keys:remove', { keyId: key.keyId, confirmation: ticket.value.ticket }) : ticket;
    if (removed.ok) logger.info('demo.earlier_key_removed', { keyId: key.keyId });
    else logger.warn('demo.earlier_key_kept', { keyId: key.keyId, message: removed.error.message });
  }
}

type TypedCall = <N extends CommandName>(command: N, input: CommandInput<N>) => Promise<Envelope<CommandOutput<N>>>;

/** The dispatcher checks every input against the contract, so its reply has the command's output type. */
function typedCall(dispatch: Dispatch): TypedCall {
  return async (command, input) => (await dispatch(command, input, { transport: 'internal' })) as Envelope<CommandOutput<typeof command>>;
}
