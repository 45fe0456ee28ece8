// `orchard status`'s local side: the last sync line names its app, and the quarantine count is the
// kept copies only (the failure records beside them are not quarantined files).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localStatusText } from '../../../main/cli/cliOutput';
import { localStatus } from '../../../main/sync/localStatus';
import { createWarehouseSyncStore } from '../../../main/sync/warehouseSyncStore';
import { openWarehouse, type Warehouse } from '../../../main/warehouse';

let dir: string;
let w: Warehouse;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orchard-status-'));
  w = await openWarehouse({ dataDir: dir });
});
afterAll(async () => {
  await w.close();
  await rm(dir, { recursive: true, force: true });
});

describe('local status', () => {
  it('names the app of the last sync and counts only kept quarantined copies', async () => {
    await w.metadata.upsertApps([{ appId: '1476097583', name: 'Trail Notes' }]);
    const store = createWarehouseSyncStore(w);
    const runId = await store.startRun('1476097583', '2026-12-01T10:00:00.000Z');
    await store.finishRun({
      runId, appId: '1476097583', outcome: 'succeeded', startedAt: '2026-12-01T10:00:00.000Z', endedAt: '2026-12-01T10:01:00.000Z',
      reports: 1, instancesIngested: 2, instancesSkipped: 0, segmentsDownloaded: 2, bytesDownloaded: 10, rowsLoaded: 5, quarantined: 1, issues: [], notes: [],
    });
    await mkdir(path.join(dir, 'quarantine', 'failures'), { recursive: true });
    await writeFile(path.join(dir, 'quarantine', 'seg-1-abc.csv.gz'), 'x');
    await writeFile(path.join(dir, 'quarantine', 'failures', 'seg-1.json'), '{}');
    await writeFile(path.join(dir, 'quarantine', 'failures', 'seg-2.json'), '{}');

    const status = await localStatus(w, dir);
    expect(status.quarantinedFiles).toBe(1);
    expect(status.lastRunAppName).toBe('Trail Notes');
    expect(localStatusText(status, dir)).toMatch(/last sync: succeeded — app Trail Notes \(1476097583\), started 2026-12-01T10:00:00/);
  });
});
