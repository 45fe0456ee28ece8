// Sync preferences and the request log read back defensively from the settings file, and turned
// into the options a sync runs with.
import { describe, expect, it } from 'vitest';
import { createRequestLog } from '../../../main/browse/requestLog';
import { DEFAULT_SYNC_PREFERENCES, createSyncPreferences } from '../../../main/browse/syncPreferences';
import { createMemorySettingsStore } from '../../../main/settings/confSettingsStore';
import { DEFAULT_SETTINGS } from '../../../main/settings/orchardSettings';
import { OrchardError } from '../../../shared/errors';

const clock = (iso: string) => {
  let now = new Date(iso);
  return { now: () => now, set: (next: string) => (now = new Date(next)) };
};

describe('syncPreferences', () => {
  it('defaults, updates, and falls back field by field on a hand-edited file', () => {
    const settings = createMemorySettingsStore(DEFAULT_SETTINGS);
    const prefs = createSyncPreferences(settings, clock('2024-04-01T00:00:00Z').now);
    expect(prefs.get()).toEqual(DEFAULT_SYNC_PREFERENCES);
    expect(prefs.update({ granularities: ['MONTHLY', 'DAILY'], autoSync: { everyHours: 6 } })).toEqual({
      granularities: ['DAILY', 'MONTHLY'], concurrency: 4, autoSync: { onLaunch: true, everyHours: 6 },
    });
    settings.set('syncPreferences', { granularities: ['HOURLY'], concurrency: 99, autoSync: { onLaunch: 'yes', everyHours: 3 } });
    expect(prefs.get()).toEqual({ granularities: ['DAILY', 'WEEKLY', 'MONTHLY'], concurrency: 4, autoSync: { onLaunch: true, everyHours: 3 } });
  });

  it('fills a sync’s options from the app’s selection and refuses an empty one', () => {
    const prefs = createSyncPreferences(createMemorySettingsStore(DEFAULT_SETTINGS), clock('2024-04-01T00:00:00Z').now);
    expect(prefs.resolveStart({ appId: '1' })).toEqual({ appId: '1', concurrency: 4 });
    prefs.update({ granularities: ['DAILY'], concurrency: 2 });
    prefs.setSelection('1', ['B', 'A', 'A']);
    expect(prefs.resolveStart({ appId: '1' })).toEqual({ appId: '1', reportNames: ['A', 'B'], granularities: ['DAILY'], concurrency: 2 });
    expect(prefs.resolveStart({ appId: '1', reportNames: ['C'], concurrency: 8 })).toMatchObject({ reportNames: ['C'], concurrency: 8 });
    expect(prefs.resolveStart({ appId: '2' })).toEqual({ appId: '2', granularities: ['DAILY'], concurrency: 2 });
    prefs.setSelection('1', []);
    expect(() => prefs.resolveStart({ appId: '1' })).toThrow(OrchardError);
    prefs.setSelection('1', null);
    expect(prefs.selection('1')).toBeUndefined();
  });

  it('keeps the readable apps of a hand-edited selection', () => {
    const settings = createMemorySettingsStore(DEFAULT_SETTINGS);
    settings.set('reportSelection', { '1': ['A'], '2': 'everything', '3': [1] });
    const prefs = createSyncPreferences(settings, clock('2024-04-01T00:00:00Z').now);
    expect([prefs.selection('1'), prefs.selection('2'), prefs.selection('3')]).toEqual([['A'], undefined, undefined]);
  });

  it('knows when Apple allows the next history snapshot', () => {
    const time = clock('2024-04-01T10:00:00Z');
    const prefs = createSyncPreferences(createMemorySettingsStore(DEFAULT_SETTINGS), time.now);
    expect(prefs.snapshotQuota('1')).toEqual({ allowedNow: true });
    prefs.markSnapshotRequested('1');
    expect(prefs.snapshotQuota('1')).toEqual({ lastRequestedAt: '2024-04-01T10:00:00.000Z', availableFrom: '2024-05-02', allowedNow: false });
    time.set('2024-05-02T10:00:00Z');
    expect(prefs.snapshotQuota('1').allowedNow).toBe(true);
  });
});

describe('requestLog', () => {
  it('remembers when a request was first seen and which ones Apple no longer lists', () => {
    const time = clock('2024-04-01T10:00:00Z');
    const settings = createMemorySettingsStore(DEFAULT_SETTINGS);
    const log = createRequestLog(settings, time.now);
    log.observe('1', [{ id: 'a', accessType: 'ONGOING', stoppedDueToInactivity: false }]);
    time.set('2024-04-02T10:00:00Z');
    log.observe('1', [{ id: 'a', accessType: 'ONGOING', stoppedDueToInactivity: true }, { id: 'b', accessType: 'ONE_TIME_SNAPSHOT', stoppedDueToInactivity: false }]);
    expect(log.entries('1')).toEqual([
      { requestId: 'a', accessType: 'ONGOING', firstSeenAt: '2024-04-01T10:00:00.000Z' },
      { requestId: 'b', accessType: 'ONE_TIME_SNAPSHOT', firstSeenAt: '2024-04-02T10:00:00.000Z' },
    ]);
    time.set('2024-04-03T10:00:00Z');
    log.observe('1', [{ id: 'b', accessType: 'ONE_TIME_SNAPSHOT', stoppedDueToInactivity: false }]);
    expect(log.entries('1')[0]).toMatchObject({ requestId: 'a', deletedAt: '2024-04-03T10:00:00.000Z' });
    log.markDeleted('1', 'b');
    expect(log.appsWithRequests()).toEqual([]);
    expect(log.knownApps()).toEqual(['1']);
  });

  it('ignores entries it cannot read', () => {
    const settings = createMemorySettingsStore(DEFAULT_SETTINGS);
    settings.set('requestLog', { '1': [{ requestId: 'x' }, { requestId: 'y', accessType: 'ONGOING', firstSeenAt: 't' }], '2': 'nonsense' });
    const log = createRequestLog(settings, () => new Date());
    expect(log.entries('1')).toEqual([{ requestId: 'y', accessType: 'ONGOING', firstSeenAt: 't' }]);
    expect(log.entries('2')).toEqual([]);
  });
});
