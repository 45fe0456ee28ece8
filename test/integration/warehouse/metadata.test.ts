import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrchardError } from '../../../shared/errors';
import { DOWNLOADS_HEADER, createWorkspace, downloadsRow, segmentText, type Workspace } from './support';

let ws: Workspace;
let clock: Date;
beforeEach(async () => {
  clock = new Date('2024-04-02T10:00:00.000Z');
  ws = await createWorkspace({ now: () => clock });
});
afterEach(async () => {
  await ws.cleanup();
});

describe('metadata tables', () => {
  it('upserts apps, requests and reports, keeping fields an update leaves out', async () => {
    const meta = ws.warehouse.metadata;
    await meta.upsertApps([{ appId: '1476097583', name: 'Example', bundleId: 'com.example', sku: 'EX1' }]);
    await meta.upsertApps([{ appId: '1476097583', name: 'Example 2' }]);
    await meta.upsertRequests([{ requestId: 'req-1', appId: '1476097583', accessType: 'ONGOING', stoppedDueToInactivity: false }]);
    await meta.upsertRequests([{ requestId: 'req-1', appId: '1476097583', accessType: 'ONGOING', stoppedDueToInactivity: true }]);
    await meta.upsertReports([{ reportId: 'r3-req-1', requestId: 'req-1', appId: '1476097583', accessType: 'ONGOING',
      name: 'App Downloads Standard', category: 'COMMERCE', status: 'no-data', reason: 'No instances yet' }]);
    await meta.upsertReports([{ reportId: 'r3-req-1', requestId: 'req-1', appId: '1476097583', accessType: 'ONGOING',
      name: 'App Downloads Standard', category: 'COMMERCE' }]);
    expect(await ws.rows('SELECT app_id, name, bundle_id, sku, updated_at FROM orchard.apps'))
      .toEqual([['1476097583', 'Example 2', 'com.example', 'EX1', '2024-04-02 10:00:00']]);
    expect(await ws.rows('SELECT stopped_due_to_inactivity FROM orchard.requests')).toEqual([[true]]);
    expect(await ws.rows('SELECT table_name, status, reason FROM orchard.reports')).toEqual([['app_downloads_standard', 'no-data', 'No instances yet']]);
  });

  it('tracks instances and segments from listing to ingest', async () => {
    const meta = ws.warehouse.metadata;
    await meta.upsertInstances([{ instanceId: 'i1', reportId: 'r3-x', appId: '1', reportName: 'App Downloads Standard',
      category: 'COMMERCE', accessType: 'ONGOING', granularity: 'DAILY', processingDate: '2024-04-02' }]);
    expect(await ws.rows(`SELECT state, processing_date FROM orchard.instances`)).toEqual([['listed', '2024-04-02']]);
    expect(await meta.ingestedInstanceIds(['i1', 'nope'])).toEqual(new Set());

    await meta.upsertSegments([{ segmentId: 'i1-s0', instanceId: 'i1', checksum: 'abc', sizeInBytes: 156, state: 'downloaded', filePath: '/x/0.csv.gz' }]);
    await meta.markSegment('i1-s0', 'quarantined', { error: 'checksum mismatch' });
    let [segment] = await meta.listSegments('i1');
    expect(segment).toMatchObject({ state: 'quarantined', error: 'checksum mismatch', filePath: '/x/0.csv.gz', rowCount: null });
    await expect(meta.markSegment('missing', 'failed')).rejects.toMatchObject({ code: 'NOT_FOUND' });

    clock = new Date('2024-04-02T11:30:00.000Z');
    await ws.ingest({ instanceId: 'i1', appId: '1', texts: [segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-04-01', 1), downloadsRow('2024-04-01', 2)])] });
    [segment] = await meta.listSegments('i1');
    expect(segment).toMatchObject({ segmentId: 'i1-s0', state: 'ingested', rowCount: 2, ingestedAt: '2024-04-02T11:30:00.000Z' });
    expect(segment?.error).toBeUndefined();
    expect(await meta.ingestedSegmentChecksums('i1')).toEqual(new Map([['i1-s0', segment?.checksum]]));
    expect(await meta.ingestedInstanceIds(['i1', 'nope'])).toEqual(new Set(['i1']));
    // Listing again later must not reset an ingested instance.
    await meta.upsertInstances([{ instanceId: 'i1', reportId: 'r3-x', appId: '1', reportName: 'App Downloads Standard',
      category: 'COMMERCE', accessType: 'ONGOING', granularity: 'DAILY', processingDate: '2024-04-02' }]);
    expect(await ws.rows(`SELECT state, row_count, report_id FROM orchard.instances`)).toEqual([['ingested', '2', 'r3-x']]);
  });

  it('marks segments dropped from a re-ingested instance as no longer ingested', async () => {
    const rows = segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-04-01', 1)]);
    await ws.ingest({ instanceId: 'i1', texts: [rows, rows] });
    await ws.ingest({ instanceId: 'i1', texts: [rows] });
    const segments = await ws.warehouse.metadata.listSegments('i1');
    expect(segments.map((s) => [s.segmentId, s.state, s.rowCount])).toEqual([['i1-s0', 'ingested', 1], ['i1-s1', 'downloaded', null]]);
  });

  it('records sync runs and lists them newest first', async () => {
    const meta = ws.warehouse.metadata;
    const first = await meta.startSyncRun({ appId: '1' });
    clock = new Date('2024-04-02T10:05:00.000Z');
    await meta.finishSyncRun(first, { outcome: 'partial', counts: { rowsLoaded: 12 }, errors: [{ code: 'NETWORK', message: 'offline' }] });
    clock = new Date('2024-04-03T08:00:00.000Z');
    const second = await meta.startSyncRun({ runId: 'run-2' });
    expect(second).toBe('run-2');
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    const runs = await meta.listSyncRuns();
    expect(runs).toEqual([
      { runId: 'run-2', appId: null, startedAt: '2024-04-03T08:00:00.000Z', endedAt: null, outcome: null, counts: {}, errors: [] },
      { runId: first, appId: '1', startedAt: '2024-04-02T10:00:00.000Z', endedAt: '2024-04-02T10:05:00.000Z', outcome: 'partial',
        counts: { rowsLoaded: 12 }, errors: [{ code: 'NETWORK', message: 'offline' }] },
    ]);
    expect(await meta.listSyncRuns({ appId: '1', limit: 1 })).toHaveLength(1);
    const error = await meta.finishSyncRun('nope', { outcome: 'failed', counts: {}, errors: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrchardError);
  });
});
