// A warehouse file left mostly free by a large rewrite (migration 7, a big delete) gets its free
// blocks back on the next read-write open: the file shrinks, every row, view and constraint stays,
// and ingest goes on; below the policy's thresholds, or with compaction off, nothing is copied.
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../main/logging/logger';
import { DATABASE_FILE, openWarehouse, type Warehouse } from '../../../main/warehouse';
import { COMPACTING_SUFFIX, type CompactionPolicy } from '../../../main/warehouse/compact';
import { DOWNLOADS_HEADER, createWorkspace, downloadsRow, readAll, segmentText, type Workspace } from './support';

const POLICY: CompactionPolicy = { minFileBytes: 2 ** 20, minFreeShare: 0.4 };
const events: string[] = [];
const record = (event: string) => { events.push(event); };
const recording: Logger = { debug: record, info: record, warn: record, error: record };

let workspace: Workspace;
let dataDir: string;
let file: string;
let reopened: Warehouse | undefined;

beforeEach(async () => {
  events.length = 0;
  workspace = await createWorkspace();
  dataDir = path.join(workspace.dir, 'data');
  file = path.join(dataDir, DATABASE_FILE);
  const rows = Array.from({ length: 40 }, (_, i) => downloadsRow(`2024-03-${String(1 + (i % 28)).padStart(2, '0')}`, i + 1, { territory: `T${i}` }));
  await workspace.ingest({ instanceId: 'i1', texts: [segmentText(DOWNLOADS_HEADER, rows)] });
  await workspace.warehouse.close();
});

afterEach(async () => {
  await reopened?.close();
  reopened = undefined;
  await rm(workspace.dir, { recursive: true, force: true });
});

/**
 * Adds a large table, then a table written after it, and drops the large one: as a migration's
 * rewrite does, this leaves free blocks inside the file (DuckDB cuts free blocks at its end itself).
 */
async function fragment(): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run(`ATTACH '${file.replaceAll("'", "''")}' AS w`);
  await c.run(`CREATE TABLE w.raw.filler AS SELECT i, md5(CAST(i AS VARCHAR)) AS h FROM range(1500000) AS r(i)`);
  await c.run('CHECKPOINT w');
  await c.run('CREATE SCHEMA w.scratch');
  await c.run(`CREATE TABLE w.scratch.after_filler AS SELECT i, md5(CAST(i AS VARCHAR)) AS h FROM range(20000) AS r(i)`);
  await c.run('CHECKPOINT w');
  await c.run('DROP TABLE w.raw.filler');
  await c.run('DETACH w');
  c.closeSync();
  db.closeSync();
}

const snapshot = async (w: Warehouse) => ({
  rows: await readAll(w, 'SELECT date, territory, counts, _segment_key, _latest FROM raw.app_downloads_standard ORDER BY ALL'),
  view: await readAll(w, 'SELECT CAST(sum(counts) AS VARCHAR), count(*) FROM main.app_downloads_standard'),
  keys: await readAll(w, 'SELECT segment_key, segment_id, instance_id FROM orchard.segment_keys ORDER BY 1'),
  instances: await readAll(w, "SELECT instance_id, state, CAST(row_count AS VARCHAR) FROM orchard.instances ORDER BY 1"),
});

describe('compacting a fragmented warehouse on open', () => {
  it('shrinks the file, keeps every row, view and key, and ingest goes on with its constraints', async () => {
    const before = await openWarehouse({ dataDir, readableDirs: [workspace.cacheDir], compaction: false });
    const expected = await snapshot(before);
    await before.close();
    const base = (await stat(file)).size;
    await fragment();
    expect((await stat(file)).size).toBeGreaterThan(base * 3);
    const fragmented = (await stat(file)).size;

    await writeFile(`${file}${COMPACTING_SUFFIX}`, 'a copy a killed open left behind');
    reopened = await openWarehouse({ dataDir, readableDirs: [workspace.cacheDir], compaction: POLICY, logger: recording });
    const compacted = (await stat(file)).size;
    expect(compacted).toBeLessThan(fragmented / 2);
    expect(compacted).toBeLessThanOrEqual(base * 1.1);
    expect(events.filter((e) => e === 'warehouse.compacted')).toHaveLength(1);
    await expect(stat(`${file}${COMPACTING_SUFFIX}`)).rejects.toThrow();
    expect(await snapshot(reopened)).toEqual(expected);
    expect(await readAll(reopened, 'SELECT count(*) FROM scratch.after_filler')).toEqual([['20000']]);

    // orchard.instances' primary key still drives the upsert: loading i1 again replaces it, never duplicates it.
    const input = await workspace.input({ instanceId: 'i2', processingDate: '2024-04-03', texts: [segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-03-01', 5)])] });
    await reopened.ingestInstances([input]);
    await reopened.ingestInstances([input]);
    expect(await readAll(reopened, "SELECT count(*) FROM orchard.instances WHERE instance_id = 'i2'")).toEqual([['1']]);
    expect(await readAll(reopened, 'SELECT count(*) FROM orchard.segment_keys')).toEqual([[String(expected.keys.length + 1)]]);

    // A compacted file is not copied again.
    await reopened.close();
    reopened = await openWarehouse({ dataDir, readableDirs: [workspace.cacheDir], compaction: POLICY, logger: recording });
    expect(events.filter((e) => e.startsWith('warehouse.compact'))).toEqual(['warehouse.compacted']);
  });

  it('copies nothing when compaction is off or the file is below the policy', async () => {
    await fragment();
    const fragmented = (await stat(file)).size;
    reopened = await openWarehouse({ dataDir, readableDirs: [workspace.cacheDir], compaction: false });
    await reopened.close();
    expect((await stat(file)).size).toBeGreaterThanOrEqual(fragmented);
    reopened = await openWarehouse({ dataDir, readableDirs: [workspace.cacheDir], compaction: { minFileBytes: fragmented * 4, minFreeShare: 0.4 } });
    await reopened.close();
    reopened = undefined;
    expect((await stat(file)).size).toBeGreaterThanOrEqual(fragmented);
  });
});
