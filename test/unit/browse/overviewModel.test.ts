// The overview's notices (what needs attention, with the next step) and category cards, plus
// the overall progress number the UI bar and the dock icon share.
import { describe, expect, it } from 'vitest';
import { categoryCards, overviewNotices } from '../../../main/browse/overviewModel';
import { overallProgress, type ReportView, type RequestView, type RequestsView } from '../../../shared/browse';
import type { SyncProgress } from '../../../shared/sync';

const request = (over: Partial<RequestView>): RequestView => ({
  requestId: 'q1', accessType: 'ONGOING', stoppedDueToInactivity: false, instances: 0, downloaded: 0, state: 'waiting',
  summary: 'Requested 14 hours ago — Apple usually needs 24–48 hours', ...over,
});
const view = (over: Partial<RequestsView>): RequestsView => ({
  appId: '1', requests: [], role: { keyId: 'K', canManage: true }, snapshot: { allowedNow: true }, source: 'apple', checkedAt: '', ...over,
});
const report = (name: string, over: Partial<ReportView> = {}): ReportView => ({
  name, category: 'COMMERCE', level: 'Standard', accessTypes: ['ONGOING'], granularities: ['DAILY'],
  instances: { total: 0, downloaded: 0, pending: 0, expired: 0, failed: 0 }, rowsLoaded: 0, selected: true, isDefault: true, ...over,
});

describe('overviewNotices', () => {
  it('without a key, only that', () => {
    const notices = overviewNotices(view({ liveError: { code: 'NOT_FOUND', message: 'No key', details: { reason: 'no-keys' } } }), [], false);
    expect(notices).toEqual([{ tone: 'error', text: expect.stringContaining('Add an App Store Connect API key'), action: 'add-key' }]);
  });
  it('no request: ask for one, or explain why this key cannot', () => {
    expect(overviewNotices(view({}), [], false)[0]).toMatchObject({ action: 'request-reports' });
    const readOnly = overviewNotices(view({ role: { canManage: false, reason: 'Not an Admin key.' } }), [], false);
    expect(readOnly[0]).toEqual({ tone: 'warning', text: 'No ongoing report request yet. Not an Admin key.' });
  });
  it('a waiting request repeats its line; a stopped one offers Recreate', () => {
    expect(overviewNotices(view({ requests: [request({})] }), [], false)[0]?.text).toBe('Requested 14 hours ago — Apple usually needs 24–48 hours');
    const stopped = overviewNotices(view({ requests: [request({ state: 'stopped', stoppedDueToInactivity: true })] }), [], false);
    expect(stopped[0]).toMatchObject({ tone: 'error', action: 'recreate', requestId: 'q1', text: expect.stringMatching(/^Stopped: no downloads for a while — Recreate/) });
  });
  it('the history snapshot: offered, or when it is possible again', () => {
    const active = request({ state: 'active' });
    expect(overviewNotices(view({ requests: [active] }), [], false)).toEqual([expect.objectContaining({ action: 'request-snapshot' })]);
    const later = overviewNotices(view({ requests: [active], snapshot: { allowedNow: false, availableFrom: '2024-05-02' } }), [], false);
    expect(later).toEqual([{ tone: 'info', text: 'History snapshot available again on 2024-05-02.' }]);
  });
  it('pending work, expired instances and an empty selection', () => {
    const active = view({ requests: [request({ state: 'active' })], snapshot: { allowedNow: false } });
    const reports = [report('A', { instances: { total: 4, downloaded: 1, pending: 2, expired: 1, failed: 0 } })];
    const texts = overviewNotices(active, reports, false).map((n) => n.text);
    expect(texts).toEqual([
      '2 instances are waiting to be downloaded — sync now.',
      '1 instance expired before Orchard downloaded it; only a new history snapshot can recover those dates.',
    ]);
    expect(overviewNotices(active, reports, true).map((n) => n.text)).not.toContain('2 instances are waiting to be downloaded — sync now.');
    expect(overviewNotices(active, [report('A', { selected: false })], false)).toEqual([expect.objectContaining({ action: 'choose-reports' })]);
  });
});

describe('categoryCards', () => {
  it('groups by category in Apple’s order with the newest date per report', () => {
    const cards = categoryCards([
      report('App Downloads Standard', { rowsLoaded: 10, instances: { total: 2, downloaded: 2, pending: 0, expired: 0, failed: 0 } }),
      report('App Downloads Detailed', { selected: false }),
      report('App Sessions Standard', { category: 'APP_USAGE', status: 'no-data' }),
    ], new Map([['App Downloads Standard', '2024-04-01']]));
    expect(cards.map((c) => c.label)).toEqual(['App Usage', 'App Store Commerce']);
    expect(cards[1]).toMatchObject({ reports: 2, selected: 1, instancesDownloaded: 2, rowsLoaded: 10, newestDate: '2024-04-01',
      freshness: [{ reportName: 'App Downloads Standard', newestDate: '2024-04-01', rows: 10 }] });
    expect(cards[0]?.freshness).toEqual([{ reportName: 'App Sessions Standard', rows: 0, status: 'no-data' }]);
  });
});

describe('overallProgress', () => {
  const p = (over: Partial<SyncProgress>): SyncProgress => ({
    jobId: 'j', appId: '1', phase: 'listing', reports: { done: 0, total: 0 }, instances: { done: 0, total: 0 },
    segments: { done: 0, total: 0 }, bytes: { done: 0, total: 0 }, rows: 0, message: '', ...over,
  });
  it('moves forward through the phases and ends at 1', () => {
    const steps = [
      p({ phase: 'requests' }),
      p({ reports: { done: 1, total: 4 } }),
      p({ phase: 'downloading', reports: { done: 4, total: 4 }, instances: { done: 0, total: 8 } }),
      p({ phase: 'loading', instances: { done: 4, total: 8 } }),
      p({ phase: 'finished' }),
    ].map(overallProgress);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(steps[3]).toBeCloseTo(0.6);
    expect(steps.at(-1)).toBe(1);
    expect(overallProgress(p({ phase: 'downloading' }))).toBe(1);
  });
});
