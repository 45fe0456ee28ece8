// The Requests read model when Apple cannot be reached: the saved list is shown with the reason,
// after a short deadline rather than after every retry of a dead network.
import { describe, expect, it } from 'vitest';
import { createRequestLog } from '../../../main/browse/requestLog';
import { createRequestService } from '../../../main/browse/requestService';
import { createSyncPreferences } from '../../../main/browse/syncPreferences';
import { createMemorySettingsStore } from '../../../main/settings/confSettingsStore';
import { DEFAULT_SETTINGS } from '../../../main/settings/orchardSettings';
import { OrchardError } from '../../../shared/errors';
import type { AscSession } from '../../../main/session/ascSession';

const now = () => new Date('2024-04-02T12:00:00Z');

function service(listReportRequests: (appId: string, options?: { signal?: AbortSignal }) => Promise<never>) {
  const settings = createMemorySettingsStore(DEFAULT_SETTINGS);
  const session = { clientFor: async () => ({ keyId: 'K', client: { listReportRequests } }) } as unknown as Pick<AscSession, 'clientFor'>;
  const saved = [{ request_id: 'q1', access_type: 'ONGOING', stopped_due_to_inactivity: true }];
  return createRequestService({
    session,
    keys: { list: async () => [], recordRoleHint: async () => undefined },
    metadata: { upsertRequests: async () => undefined },
    rows: async (sql) => (sql.includes('FROM orchard.requests') ? saved : []),
    log: createRequestLog(settings, now),
    prefs: createSyncPreferences(settings, now),
    now,
    liveTimeoutMs: 30,
  });
}

describe('requestService offline', () => {
  it('falls back to the saved requests and says why', async () => {
    const view = await service(async () => {
      throw new OrchardError('NETWORK', 'App Store Connect could not be reached.');
    }).list('1', true);
    expect(view).toMatchObject({ source: 'cache', liveError: { code: 'NETWORK' }, requests: [{ requestId: 'q1', state: 'stopped' }] });
  });

  it('gives up waiting at the deadline (a retrying client would otherwise take minutes)', async () => {
    const started = Date.now();
    const view = await service((_appId, options) => new Promise<never>((_resolve, reject) => {
      options?.signal?.addEventListener('abort', () => reject(new OrchardError('CANCELLED', 'cancelled')));
    })).list('1', true);
    expect(view.liveError).toEqual({ code: 'NETWORK', message: 'App Store Connect did not answer in time.' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
