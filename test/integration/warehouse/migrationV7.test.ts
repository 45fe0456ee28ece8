// A warehouse written by schema 6 (five provenance columns on every raw row) opens in place under
// schema 7: each row keeps its values, `_latest` and its provenance, now named by `_segment_key`
// through orchard.segment_keys; the views show the same rows; ingest then keeps going on the keys.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, openWarehouse, type Warehouse } from '../../../main/warehouse';
import { withProvenance } from '../../support/rowProvenance';
import { DOWNLOADS_HEADER, downloadsRow, readAll, segmentText } from './support';
import { APP } from './v1Warehouse';
import { writeV6Warehouse } from './v6Warehouse';

const PROVENANCE = ['_granularity', '_processing_date', '_instance_id', '_segment_id', '_access_type'];
const REPORT_COLUMNS: Record<string, string[]> = {
  app_downloads_standard: ['date', 'app_name', 'app_apple_identifier', 'download_type', 'app_version', 'device', 'platform_version',
    'source_type', 'page_type', 'pre_order', 'territory', 'counts'],
  mystery: ['thing', 'value'],
};
const TABLES = Object.keys(REPORT_COLUMNS);

let dir: string;
let dataDir: string;
let warehouse: Warehouse | undefined;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orchard-migrate7-'));
  dataDir = path.join(dir, 'data');
  await writeV6Warehouse(dataDir);
});
afterEach(async () => {
  await warehouse?.close();
  warehouse = undefined;
  await rm(dir, { recursive: true, force: true });
});

const rows = (sql: string) => readAll(warehouse!, sql);

/** Results of `queries`, read straight from the file (the warehouse closed): before migrating, Orchard cannot open it without migrating. */
async function readFile(queries: readonly string[]): Promise<unknown[][][]> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    await c.run(`ATTACH '${path.join(dataDir, 'orchard.duckdb').replaceAll("'", "''")}' AS w (READ_ONLY)`);
    await c.run('USE w');
    const results: unknown[][][] = [];
    for (const sql of queries) results.push((await c.runAndReadAll(sql)).getRowsJson());
    return results;
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

/**
 * The same questions of either layout; `rel` turns a relation into one with the five provenance
 * columns (itself before migrating, withProvenance after).
 */
function provenanceQueries(rel: (relation: string) => string): string[] {
  return TABLES.flatMap((table) => {
    const columns = [...REPORT_COLUMNS[table] ?? [], ...PROVENANCE].join(', ');
    return [
      `SELECT ${columns}, _latest FROM ${rel(`raw.${table}`)} ORDER BY ALL`,
      `SELECT _instance_id, count(*) FROM ${rel(`raw.${table}`)} GROUP BY 1 ORDER BY 1`,
      `SELECT _segment_id, count(*) FROM ${rel(`raw.${table}`)} GROUP BY 1 ORDER BY 1`,
      ...['main', 'weekly', 'monthly'].map((schema) => `SELECT ${columns} FROM ${rel(`${schema}.${table}`)} ORDER BY ALL`),
    ];
  });
}

const DISTINCT_SEGMENTS_BEFORE = TABLES.map((table) => `SELECT DISTINCT _segment_id, _instance_id, '${table}', _granularity, _processing_date,
  _access_type FROM raw.${table}`).join(' UNION ALL ') + ' ORDER BY ALL';
const SEGMENT_KEYS_AFTER = 'SELECT segment_id, instance_id, table_name, granularity, processing_date, access_type FROM orchard.segment_keys ORDER BY ALL';
const VINTAGES = 'SELECT * FROM orchard.vintages ORDER BY ALL';

describe('migrating a schema-6 warehouse to segment keys', () => {
  it('keeps every raw row, its provenance and _latest, the views’ rows and the vintages, with one key per segment', async () => {
    const [distinctBefore = [], vintagesBefore = [], ...before] = await readFile([DISTINCT_SEGMENTS_BEFORE, VINTAGES, ...provenanceQueries((r) => r)]);
    expect(distinctBefore).toHaveLength(11);
    expect(before[0]).toHaveLength(11);
    warehouse = await openWarehouse({ dataDir });
    await warehouse.close();
    warehouse = undefined;

    const [versions, keysAfter, vintagesAfter, unresolved, ...after] = await readFile([
      'SELECT version FROM orchard.schema_version ORDER BY 1', SEGMENT_KEYS_AFTER, VINTAGES,
      TABLES.map((table) => `SELECT count(*) FROM raw.${table} AS t ANTI JOIN orchard.segment_keys AS k ON k.segment_key = t._segment_key`).join(' UNION ALL '),
      ...provenanceQueries(withProvenance),
    ]);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(7);
    expect(versions).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => [i + 1]));
    expect(unresolved).toEqual(TABLES.map(() => ['0']));
    expect(after).toEqual(before);
    expect(keysAfter).toEqual(distinctBefore);
    expect(vintagesAfter).toEqual(vintagesBefore);
  });

  it('leaves `_segment_key` in place of the five columns, in tables and views, one distinct key per segment', async () => {
    warehouse = await openWarehouse({ dataDir });
    for (const table of TABLES) {
      const report = REPORT_COLUMNS[table] ?? [];
      expect(await rows(`SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = 'raw' AND table_name = '${table}' ORDER BY column_index`))
        .toEqual([...report.map((name) => [name, expect.any(String)]), ['_segment_key', 'UINTEGER'], ['_latest', 'UTINYINT']]);
      for (const schema of ['main', 'weekly', 'monthly']) {
        expect(await rows(`SELECT column_name FROM duckdb_columns() WHERE schema_name = '${schema}' AND table_name = '${table}' ORDER BY column_index`))
          .toEqual([...report, '_segment_key'].map((name) => [name]));
      }
    }
    expect(await rows(`SELECT count(*) FROM duckdb_columns() WHERE column_name IN (${PROVENANCE.map((c) => `'${c}'`).join(', ')})`)).toEqual([['0']]);
    expect(await rows(`SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'raw' AND table_name LIKE '%schema7%'`)).toEqual([['0']]);
    expect(await rows('SELECT count(*), count(DISTINCT segment_key), count(DISTINCT segment_id), min(segment_key) > 0 FROM orchard.segment_keys'))
      .toEqual([['11', '11', '11', true]]);
    // Rows of one segment share its key; rows of two segments never do.
    expect(await rows(`SELECT _segment_id, count(DISTINCT _segment_key) FROM ${withProvenance('raw.app_downloads_standard')} GROUP BY 1 HAVING count(DISTINCT _segment_key) <> 1`))
      .toEqual([]);
  });

  it('keeps ingesting into a migrated table: a new vintage supersedes the days it restates, a re-ingest reuses its keys', async () => {
    warehouse = await openWarehouse({ dataDir });
    const keysBefore = new Map((await rows('SELECT segment_id, segment_key FROM orchard.segment_keys')).map(([id, key]) => [id, key]));
    const maxBefore = Math.max(...[...keysBefore.values()].map(Number));
    const ingest = async (instanceId: string, processingDate: string, segmentRows: string[][][]) => {
      const segments = await Promise.all(segmentRows.map(async (lines, index) => {
        const filePath = path.join(dataDir, 'segments', `${instanceId}-again-s${index}.csv.gz`);
        await mkdir(path.dirname(filePath), { recursive: true });
        await writeFile(filePath, gzipSync(segmentText(DOWNLOADS_HEADER, lines)));
        return { segmentId: `${instanceId}-s${index}`, filePath, checksum: 'md5', sizeInBytes: 1 };
      }));
      return warehouse!.ingestInstance({ reportName: 'App Downloads Standard', accessType: 'ONGOING', instanceId, granularity: 'DAILY', processingDate, segments });
    };
    const winners = [
      ['2024-03-30', '10', 'd1', 'd1-s0'], ['2024-03-31', '8', 'd2', 'd2-s0'], ['2024-04-01', '6', 'd3', 'd3-s0'],
      ['2024-04-02', '9', 'd4', 'd4-s0'], ['2024-04-03', '4', 'd4', 'd4-s0'],
    ];
    const mainView = `SELECT CAST(date AS VARCHAR), counts, _instance_id, _segment_id FROM ${withProvenance('main.app_downloads_standard')}
      WHERE app_apple_identifier = ${APP} ORDER BY 1`;
    const restated = `SELECT _segment_id, territory, _latest::INTEGER FROM ${withProvenance('raw.app_downloads_standard')} WHERE date = '2024-04-02' ORDER BY 1, 2`;

    expect(await ingest('d4', '2024-04-04', [[downloadsRow('2024-04-02', 9, { app: APP }), downloadsRow('2024-04-03', 4, { app: APP })]])).toEqual({ rows: 2 });
    expect(await rows(restated)).toEqual([['d3-s0', 'US', 0], ['d3-s1', 'GB', 0], ['d4-s0', 'US', 1]]);
    expect(await rows(mainView)).toEqual(winners);
    expect(await rows(`SELECT segment_key FROM orchard.segment_keys WHERE segment_id = 'd4-s0'`)).toEqual([[maxBefore + 1]]);

    // d3 again, the same two segments: their keys, their rows once each, d4 still the winner of 04-02.
    expect(await ingest('d3', '2024-04-03', [
      [downloadsRow('2024-04-01', 6, { app: APP }), downloadsRow('2024-04-02', 2, { app: APP })],
      [downloadsRow('2024-04-02', 1, { app: APP, territory: 'GB' })],
    ])).toEqual({ rows: 3 });
    const keysAfter = new Map((await rows('SELECT segment_id, segment_key FROM orchard.segment_keys')).map(([id, key]) => [id, key]));
    expect(keysAfter).toEqual(new Map([...keysBefore, ['d4-s0', maxBefore + 1]]));
    expect(await rows(`SELECT _segment_id, count(*) FROM ${withProvenance('raw.app_downloads_standard')} WHERE _instance_id IN ('d3', 'd4') GROUP BY 1 ORDER BY 1`))
      .toEqual([['d3-s0', '2'], ['d3-s1', '1'], ['d4-s0', '2']]);
    expect(await rows('SELECT count(*) FROM raw.app_downloads_standard')).toEqual([['13']]);
    expect(await rows(restated)).toEqual([['d3-s0', 'US', 0], ['d3-s1', 'GB', 0], ['d4-s0', 'US', 1]]);
    expect(await rows(mainView)).toEqual(winners);
    expect(await rows(`SELECT instance_id, CAST(day AS VARCHAR), row_count, is_latest FROM orchard.vintages WHERE instance_id IN ('d3', 'd4') ORDER BY 1, 2`))
      .toEqual([['d3', '2024-04-01', '1', true], ['d3', '2024-04-02', '2', false], ['d4', '2024-04-02', '1', true], ['d4', '2024-04-03', '1', true]]);
  });
});
