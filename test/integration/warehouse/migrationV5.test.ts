// A warehouse written by schema 4 (`_is_latest BOOLEAN`) opens in place under schema 5: the flag
// becomes the one-byte `_latest` (0 superseded, 1 DAILY, 2 WEEKLY, 3 MONTHLY kept), the views
// show the same columns and the same rows, and ingest keeps the codes up to date.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, openWarehouse, type Warehouse } from '../../../main/warehouse';
import { withProvenance } from '../../support/rowProvenance';
import { DOWNLOADS_HEADER, downloadsRow, readAll, segmentText } from './support';
import { APP, DAILY_TRUTH } from './v1Warehouse';
import { writeV4Warehouse } from './v4Warehouse';

let dir: string;
let dataDir: string;
let warehouse: Warehouse | undefined;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orchard-migrate5-'));
  dataDir = path.join(dir, 'data');
  await writeV4Warehouse(dataDir);
});
afterEach(async () => {
  await warehouse?.close();
  warehouse = undefined;
  await rm(dir, { recursive: true, force: true });
});

const rows = (sql: string) => readAll(warehouse!, sql);

const columnsOf = (schema: string, table: string) => rows(`SELECT column_name FROM duckdb_columns()
  WHERE database_name = current_database() AND schema_name = '${schema}' AND table_name = '${table}' ORDER BY column_index`);

describe('migrating a schema-4 warehouse to the one-byte latest column', () => {
  it('converts the flag in place from the winners schema 4 kept', async () => {
    warehouse = await openWarehouse({ dataDir });
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(5);
    expect(await rows('SELECT version FROM orchard.schema_version ORDER BY 1')).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => [i + 1]));
    expect(await rows(`SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = 'raw' AND column_name LIKE '%latest'
      ORDER BY table_name`)).toEqual([['_latest', 'UTINYINT'], ['_latest', 'UTINYINT']]);
    // By hand from the fixture: d2 restates 03-31 over d1, d3 restates 04-01 over d2; x1 and x2
    // share a processing date and ONGOING wins; x3 is another processing date, kept too.
    expect(await rows(`SELECT _instance_id, CAST(date AS VARCHAR), _latest::INTEGER FROM ${withProvenance('raw.app_downloads_standard')} ORDER BY 1, 2`)).toEqual([
      ['d1', '2024-03-30', 1], ['d1', '2024-03-31', 0], ['d2', '2024-03-31', 1], ['d2', '2024-04-01', 0],
      ['d3', '2024-04-01', 1], ['d3', '2024-04-02', 1], ['m1', '2024-03-01', 3], ['o1', '2024-03-31', 1], ['w1', '2024-03-25', 2],
    ]);
    expect(await rows(`SELECT _instance_id, _latest::INTEGER FROM ${withProvenance('raw.mystery')} ORDER BY 1`)).toEqual([['x1', 1], ['x2', 0], ['x3', 1]]);
  });

  it('keeps every view’s columns and rows', async () => {
    const rawColumns = [['date'], ['app_name'], ['app_apple_identifier'], ['download_type'], ['app_version'], ['device'], ['platform_version'],
      ['source_type'], ['page_type'], ['pre_order'], ['territory'], ['counts'], ['_segment_key']];
    warehouse = await openWarehouse({ dataDir });
    for (const schema of ['main', 'weekly', 'monthly']) expect(await columnsOf(schema, 'app_downloads_standard')).toEqual(rawColumns);
    expect(await rows('SELECT CAST(app_apple_identifier AS VARCHAR), CAST(date AS VARCHAR), counts::INTEGER FROM main.app_downloads_standard ORDER BY 1, 2'))
      .toEqual(DAILY_TRUTH);
    expect(await rows(`SELECT count(*) FROM ${withProvenance('main.app_downloads_standard')} WHERE _granularity = 'DAILY'`)).toEqual([[String(DAILY_TRUTH.length)]]);
    expect(await rows(`SELECT _instance_id, counts FROM ${withProvenance('weekly.app_downloads_standard')}`)).toEqual([['w1', '40']]);
    expect(await rows(`SELECT _instance_id, counts FROM ${withProvenance('monthly.app_downloads_standard')}`)).toEqual([['m1', '90']]);
    expect(await rows(`SELECT _instance_id FROM ${withProvenance('main.mystery')} ORDER BY 1`)).toEqual([['x1'], ['x3']]);
  });

  it('keeps ingesting into a converted table: a new vintage supersedes the days it restates', async () => {
    warehouse = await openWarehouse({ dataDir });
    const file = path.join(dataDir, 'segments', 'd4.csv.gz');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, gzipSync(segmentText(DOWNLOADS_HEADER, [downloadsRow('2024-04-02', 9, { app: APP })])));
    await warehouse.ingestInstance({ reportName: 'App Downloads Standard', accessType: 'ONGOING', instanceId: 'd4', granularity: 'DAILY',
      processingDate: '2024-04-04', segments: [{ segmentId: 'd4-s0', filePath: file, checksum: 'md5', sizeInBytes: 1 }] });
    expect(await rows(`SELECT _instance_id, CAST(date AS VARCHAR), _latest::INTEGER FROM ${withProvenance('raw.app_downloads_standard')}
      WHERE date = '2024-04-02' ORDER BY 1`)).toEqual([['d3', '2024-04-02', 0], ['d4', '2024-04-02', 1]]);
    expect(await rows(`SELECT sum(counts)::INTEGER FROM main.app_downloads_standard WHERE app_apple_identifier = ${APP}`)).toEqual([[10 + 8 + 6 + 9]]);
  });
});
