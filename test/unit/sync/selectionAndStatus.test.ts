import { describe, expect, it } from 'vitest';
import { selectReports } from '../../../main/sync/reportSelection';
import { reportStatus } from '../../../main/sync/reportStatus';
import { runPool } from '../../../main/sync/pool';

const reports = [
  { id: 'r1', name: 'App Downloads Standard', category: 'COMMERCE' },
  { id: 'r2', name: 'App Downloads Detailed', category: 'COMMERCE' },
  { id: 'r3', name: 'App Sessions Standard', category: 'APP_USAGE' },
  { id: 'r4', name: 'App Storage Reads and Writes', category: 'PERFORMANCE' },
  { id: 'r5', name: 'App Sessions Detailed', category: 'APP_USAGE' },
];

describe('selectReports', () => {
  it('defaults to the Standard reports of engagement, commerce and usage, plus App Downloads Detailed (weekly/monthly downloads)', () => {
    expect(selectReports(reports, undefined).selected.map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
  });
  it('matches explicit names exactly or normalised, and reports unknown names', () => {
    const r = selectReports(reports, ['app downloads detailed', 'app-storage READS and writes!', 'Nope']);
    expect(r.selected.map((x) => x.id)).toEqual(['r2', 'r4']);
    expect(r.unknownNames).toEqual(['Nope']);
  });
});

describe('reportStatus', () => {
  const today = new Date('2024-04-10T12:00:00Z');
  const obs = { reportName: 'X', category: 'COMMERCE', instances: [], requestStopped: false };
  it('tells waiting-for-Apple from no-data', () => {
    expect(reportStatus(obs, false, today).status).toBe('requested');
    expect(reportStatus(obs, true, today).status).toBe('no-data');
  });
  it('available, stale, stopped and error', () => {
    const fresh = { ...obs, instances: [{ granularity: 'DAILY' as const, processingDate: '2024-04-09' }] };
    expect(reportStatus(fresh, true, today)).toMatchObject({ status: 'available', latestProcessingDate: '2024-04-09', granularities: ['DAILY'] });
    const old = { ...obs, instances: [{ granularity: 'DAILY' as const, processingDate: '2024-03-01' }] };
    expect(reportStatus(old, true, today).status).toBe('stale');
    expect(reportStatus({ ...fresh, requestStopped: true }, true, today).status).toBe('stopped');
    expect(reportStatus({ ...fresh, listingError: 'boom' }, true, today)).toMatchObject({ status: 'error', reason: 'boom' });
  });
});

describe('runPool', () => {
  it('never runs more than the limit at once and runs everything', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await runPool([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setImmediate(r));
      done.push(n);
      running -= 1;
    });
    expect(peak).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
  it('stops starting new tasks after a failure and rethrows it', async () => {
    const started: number[] = [];
    await expect(
      runPool([1, 2, 3, 4], 1, async (n) => {
        started.push(n);
        if (n === 2) throw new Error('bad');
      }),
    ).rejects.toThrow('bad');
    expect(started).toEqual([1, 2]);
  });
});
