// A warehouse written by schema 1 opens in place under the current schema: views split by
// granularity, winners computed, segment paths made relative, no row lost or added — and a
// failing migration leaves the file as it was.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, openWarehouse, type Warehouse } from '../../../main/warehouse';
import { failure } from '../../support/failure';
import { withProvenance } from '../../support/rowProvenance';
import { DOWNLOADS_HEADER, downloadsRow, readAll, segmentText } from './support';
import { APP, DAILY_TRUTH, v1SegmentPaths, writeV1Warehouse } from './v1Warehouse';

let dir: string;
let dataDir: string;
let warehouse: Warehouse | undefined;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orchard-migrate-'));
  dataDir = path.join(dir, 'data');
  await writeV1Warehouse(dataDir);
});
afterEach(async () => {
  await warehouse?.close();
  warehouse = undefined;
  await rm(dir, { recursive: true, force: true });
});

const rows = (sql: string) => readAll(warehouse!, sql);

describe('migrating a schema-1 warehouse', () => {
  it('splits the views by granularity, computes the winners and keeps every raw row', async () => {
    warehouse = await openWarehouse({ dataDir });
    expect(await rows('SELECT version FROM orchard.schema_version ORDER BY 1')).toEqual(
      Array.from({ length: SCHEMA_VERSION }, (_, i) => [i + 1]));
    expect(await rows('SELECT count(*) FROM raw.app_downloads_standard')).toEqual([['9']]);
    expect(await rows('SELECT count(*) FROM raw.mystery')).toEqual([['3']]);
    expect(await rows('SELECT CAST(app_apple_identifier AS VARCHAR), CAST(date AS VARCHAR), counts::INTEGER FROM main.app_downloads_standard ORDER BY 1, 2'))
      .toEqual(DAILY_TRUTH);
    expect(await rows('SELECT sum(counts) FROM app_downloads_standard')).toEqual([['33']]);
    expect(await rows(`SELECT _instance_id, counts FROM ${withProvenance('weekly.app_downloads_standard')}`)).toEqual([['w1', '40']]);
    expect(await rows(`SELECT _instance_id, counts FROM ${withProvenance('monthly.app_downloads_standard')}`)).toEqual([['m1', '90']]);
    expect(await rows(`SELECT _instance_id FROM ${withProvenance('main.mystery')} ORDER BY 1`)).toEqual([['x1'], ['x3']]);
    // One winner per app, granularity and day; every vintage listed once.
    expect(await rows(`SELECT count(*), count(*) FILTER (is_latest) FROM orchard.vintages WHERE table_name = 'app_downloads_standard'`)).toEqual([['9', '7']]);
    expect(await rows(`SELECT count(*) FROM raw.app_downloads_standard WHERE _latest IS NULL`)).toEqual([['0']]);
    // Schema 1's provenance became one segment key per segment, and every row's key resolves.
    expect(await rows('SELECT table_name, count(*) FROM orchard.segment_keys GROUP BY 1 ORDER BY 1')).toEqual([['app_downloads_standard', '6'], ['mystery', '3']]);
    expect(await rows(`SELECT _instance_id, _segment_id, CAST(_processing_date AS VARCHAR), _granularity, count(*)
      FROM ${withProvenance('raw.app_downloads_standard')} GROUP BY ALL ORDER BY 1`)).toEqual([
      ['d1', 'd1-s0', '2024-04-01', 'DAILY', '2'], ['d2', 'd2-s0', '2024-04-02', 'DAILY', '2'], ['d3', 'd3-s0', '2024-04-03', 'DAILY', '2'],
      ['m1', 'm1-s0', '2024-04-05', 'MONTHLY', '1'], ['o1', 'o1-s0', '2024-04-02', 'DAILY', '1'], ['w1', 'w1-s0', '2024-04-05', 'WEEKLY', '1'],
    ]);
  });

  it('stores segment paths relative to the data folder, keeping what follows /segments/ for another folder', async () => {
    warehouse = await openWarehouse({ dataDir });
    const tail = (id: string, day: string) => `segments/${APP}/app_downloads_standard/DAILY/${day}_${id}/${id}-s0.csv.gz`;
    expect(await rows('SELECT segment_id, file_path FROM orchard.segments ORDER BY 1')).toEqual([
      ['d1-s0', tail('d1', '2024-04-01')],
      ['d2-s0', tail('d2', '2024-04-02')],
      ['d3-s0', tail('d3', '2024-04-03')],
      ['m1-s0', null],
      ['o1-s0', 'segments/o1.csv.gz'],
      ['w1-s0', v1SegmentPaths(dataDir)['w1-s0']],
    ]);
    const [d2] = await warehouse.metadata.listSegments('d2');
    expect(d2?.filePath).toBe(path.join(warehouse.dataDir, ...tail('d2', '2024-04-02').split('/')));
  });

  it('keeps ingesting into a migrated table: a new vintage re-ranks only its days', async () => {
    warehouse = await openWarehouse({ dataDir });
    const file = path.join(dataDir, 'segments', 'd4.csv.gz');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, gzipSync(segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-04-02', 9, { app: APP }), downloadsRow('2024-04-03', 4, { app: APP })])));
    await warehouse.ingestInstance({ reportName: 'App Downloads Standard', accessType: 'ONGOING', instanceId: 'd4', granularity: 'DAILY',
      processingDate: '2024-04-04', segments: [{ segmentId: 'd4-s0', filePath: file, checksum: 'md5', sizeInBytes: 1 }] });
    expect(await rows(`SELECT CAST(date AS VARCHAR), counts::INTEGER, _instance_id FROM ${withProvenance('main.app_downloads_standard')}
      WHERE app_apple_identifier = ${APP} ORDER BY 1`)).toEqual([
      ['2024-03-30', 10, 'd1'], ['2024-03-31', 8, 'd2'], ['2024-04-01', 6, 'd3'], ['2024-04-02', 9, 'd4'], ['2024-04-03', 4, 'd4'],
    ]);
    expect(await rows(`SELECT file_path FROM orchard.segments WHERE segment_id = 'd4-s0'`)).toEqual([['segments/d4.csv.gz']]);
  });

  it('rolls a failing migration back whole: the file stays at schema 1, unchanged', async () => {
    // A column the migration means to add already exists, so its ALTER fails halfway through.
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    await c.run(`ATTACH '${path.join(dataDir, 'orchard.duckdb')}' AS w`);
    await c.run('ALTER TABLE w.raw.mystery ADD COLUMN _latest UTINYINT');
    c.closeSync();
    db.closeSync();
    expect((await failure(openWarehouse({ dataDir }))).message).toMatch(/_latest/);

    const check = await DuckDBInstance.create(':memory:');
    const cc = await check.connect();
    await cc.run(`ATTACH '${path.join(dataDir, 'orchard.duckdb')}' AS w (READ_ONLY)`);
    const read = async (sql: string) => (await cc.runAndReadAll(sql)).getRowsJson();
    expect(await read('SELECT max(version) FROM w.orchard.schema_version')).toEqual([[1]]);
    expect(await read(`SELECT count(*) FROM duckdb_tables() WHERE database_name = 'w' AND table_name = 'vintages'`)).toEqual([['0']]);
    expect(await read(`SELECT count(*) FROM duckdb_columns() WHERE database_name = 'w' AND table_name = 'app_downloads_standard' AND column_name IN ('_latest', '_is_latest')`)).toEqual([['0']]);
    // Nor did migration 7's conversion, which migration 2 runs first for a schema-1 table, stay.
    expect(await read(`SELECT count(*) FROM duckdb_tables() WHERE database_name = 'w' AND table_name = 'segment_keys'`)).toEqual([['0']]);
    expect(await read(`SELECT column_name FROM duckdb_columns() WHERE database_name = 'w' AND schema_name = 'raw' AND table_name = 'app_downloads_standard'
      AND column_name IN ('_granularity', '_processing_date', '_instance_id', '_segment_id', '_access_type', '_segment_key') ORDER BY column_index`))
      .toEqual([['_granularity'], ['_processing_date'], ['_instance_id'], ['_segment_id'], ['_access_type']]);
    expect(await read('SELECT count(*) FROM w.raw.app_downloads_standard')).toEqual([['9']]);
    cc.closeSync();
    check.closeSync();
  });
});
