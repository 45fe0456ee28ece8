// The plain-language lines of the request states and the role check behind the Admin buttons.
import { describe, expect, it } from 'vitest';
import { describeRequest, timeAgo } from '../../../main/browse/wording';
import { READ_ONLY_REASON, roleView } from '../../../main/browse/roles';
import type { KeyInfo } from '../../../shared/keys';

const now = new Date('2024-04-02T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
const ongoing = { accessType: 'ONGOING' as const, stoppedDueToInactivity: false, instances: 0, downloaded: 0 };

describe('timeAgo', () => {
  it('says just now, minutes, hours under two days, then days', () => {
    expect(timeAgo(now.toISOString(), now)).toBe('just now');
    expect(timeAgo(new Date(now.getTime() - 60_000).toISOString(), now)).toBe('1 minute ago');
    expect(timeAgo(hoursAgo(14), now)).toBe('14 hours ago');
    expect(timeAgo(hoursAgo(47), now)).toBe('47 hours ago');
    expect(timeAgo(hoursAgo(72), now)).toBe('3 days ago');
  });
});

describe('describeRequest', () => {
  it('a fresh ongoing request Orchard made waits for Apple, with how long ago it was asked', () => {
    expect(describeRequest({ ...ongoing, createdByOrchard: true, firstSeenAt: hoursAgo(14) }, now)).toEqual({
      state: 'waiting',
      summary: 'Requested 14 hours ago — Apple usually needs 24–48 hours',
    });
  });
  it('past 48 hours without listed data it says to sync', () => {
    expect(describeRequest({ ...ongoing, createdByOrchard: true, firstSeenAt: hoursAgo(60) }, now).summary).toBe(
      'Requested 2 days ago — nothing listed yet; sync to check what Apple produced',
    );
  });
  it('a request Orchard found is never "requested just now": first seen, and not synced until a sync listed it', () => {
    expect(describeRequest({ ...ongoing, firstSeenAt: hoursAgo(0) }, now)).toEqual({
      state: 'not-synced',
      summary: 'First seen by Orchard just now — not synced yet; sync to see what Apple has produced',
    });
    expect(describeRequest({ ...ongoing, firstSeenAt: hoursAgo(3), listed: true }, now)).toEqual({
      state: 'waiting',
      summary: 'First seen by Orchard 3 hours ago — Apple has listed no data for it yet (a new request usually needs 24–48 hours)',
    });
    expect(describeRequest({ ...ongoing, firstSeenAt: hoursAgo(0), listed: true, instances: 30, downloaded: 0, newestProcessingDate: '2024-04-01' }, now).summary).toBe(
      'Active — newest data processed 2024-04-01; 0 of 30 instances downloaded',
    );
  });
  it('a stopped request says so before anything else, with the fix', () => {
    expect(describeRequest({ ...ongoing, stoppedDueToInactivity: true, instances: 5, downloaded: 5 }, now)).toEqual({
      state: 'stopped',
      summary: 'Stopped: no downloads for a while — recreate it to receive new data',
    });
  });
  it('an active request names its newest data and the download count', () => {
    expect(describeRequest({ ...ongoing, instances: 3, downloaded: 2, newestProcessingDate: '2024-04-01' }, now).summary).toBe(
      'Active — newest data processed 2024-04-01; 2 of 3 instances downloaded',
    );
  });
  it('a snapshot waits, then reports what it produced', () => {
    const snapshot = { ...ongoing, accessType: 'ONE_TIME_SNAPSHOT' as const };
    expect(describeRequest({ ...snapshot, createdByOrchard: true, firstSeenAt: hoursAgo(2) }, now)).toEqual({
      state: 'snapshot-waiting',
      summary: 'History snapshot requested 2 hours ago — Apple usually needs 24–48 hours',
    });
    expect(describeRequest({ ...snapshot, instances: 1, downloaded: 1, newestProcessingDate: '2024-03-30' }, now)).toEqual({
      state: 'snapshot-ready',
      summary: 'History snapshot produced 2024-03-30 — 1 of 1 instance downloaded',
    });
  });
});

describe('roleView', () => {
  const key = (over: Partial<KeyInfo>): KeyInfo => ({
    keyId: 'ABCDEFGHIJ', label: 'k', keyType: 'team', storage: 'keychain', status: 'ready', isDefault: true,
    createdAt: now.toISOString(), warnings: [], ...over,
  });
  it('no key: nothing can be managed, and it says what to do', () => {
    expect(roleView([])).toEqual({ canManage: false, reason: 'Add an App Store Connect API key first.' });
  });
  it('an unknown role may try once; a read-only key may not, and says why', () => {
    expect(roleView([key({})])).toEqual({ keyId: 'ABCDEFGHIJ', canManage: true });
    expect(roleView([key({ isDefault: false, keyId: 'OTHER00000' }), key({ roleHint: 'read-only' })])).toEqual({
      keyId: 'ABCDEFGHIJ', roleHint: 'read-only', canManage: false, reason: READ_ONLY_REASON,
    });
  });
});
