// A warehouse file exactly as schema 1 wrote it, for the migration tests: the schema-1 DDL (frozen
// here, as history), raw tables without `_is_latest`, `main` views that computed the latest-wins
// window on every query and mixed granularities, and absolute segment paths.
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

const V1_DDL = [
  'CREATE SCHEMA raw',
  'CREATE SCHEMA orchard',
  'CREATE TABLE orchard.schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL)',
  `CREATE TABLE orchard.apps (app_id VARCHAR PRIMARY KEY, name VARCHAR, bundle_id VARCHAR, sku VARCHAR, primary_locale VARCHAR,
    updated_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE orchard.requests (request_id VARCHAR PRIMARY KEY, app_id VARCHAR NOT NULL, access_type VARCHAR NOT NULL,
    stopped_due_to_inactivity BOOLEAN NOT NULL, updated_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE orchard.reports (report_id VARCHAR PRIMARY KEY, request_id VARCHAR, app_id VARCHAR, access_type VARCHAR,
    name VARCHAR NOT NULL, category VARCHAR, table_name VARCHAR NOT NULL, status VARCHAR, reason VARCHAR, updated_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE orchard.instances (instance_id VARCHAR PRIMARY KEY, report_id VARCHAR, app_id VARCHAR, report_name VARCHAR NOT NULL,
    table_name VARCHAR NOT NULL, category VARCHAR, access_type VARCHAR NOT NULL, granularity VARCHAR NOT NULL,
    processing_date DATE NOT NULL, state VARCHAR NOT NULL, segment_count INTEGER, row_count BIGINT,
    ingested_at TIMESTAMP, updated_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE orchard.segments (segment_id VARCHAR PRIMARY KEY, instance_id VARCHAR NOT NULL, checksum VARCHAR, size_in_bytes BIGINT,
    row_count BIGINT, state VARCHAR NOT NULL, file_path VARCHAR, ingested_at TIMESTAMP, error VARCHAR, updated_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE orchard.sync_runs (run_id VARCHAR PRIMARY KEY, app_id VARCHAR, started_at TIMESTAMP NOT NULL, ended_at TIMESTAMP,
    outcome VARCHAR, counts JSON, errors JSON)`,
  `INSERT INTO orchard.schema_version VALUES (1, TIMESTAMP '2025-01-01 00:00:00')`,
];

const PROVENANCE = '"_granularity" VARCHAR, "_processing_date" DATE, "_instance_id" VARCHAR, "_segment_id" VARCHAR, "_access_type" VARCHAR';

/** Schema 1's view: the window over distinct vintages, recomputed per query, all granularities. */
function v1View(table: string, dated: boolean, hasApp: boolean): string {
  const app = hasApp ? '"app_apple_identifier", ' : '';
  const day = dated ? '"date"' : 'NULL::DATE';
  return `CREATE OR REPLACE VIEW "main"."${table}" AS
WITH vintages AS (
  SELECT DISTINCT ${app}_granularity, ${day} AS _day, CASE WHEN ${day} IS NULL THEN _processing_date END AS _undated,
    _processing_date, _access_type, _instance_id FROM "raw"."${table}"
), winners AS (
  SELECT * FROM vintages QUALIFY row_number() OVER (PARTITION BY ${app}_granularity, _day, _undated
    ORDER BY _processing_date DESC, (_access_type = 'ONGOING') DESC, _instance_id DESC) = 1
)
SELECT t.* FROM "raw"."${table}" AS t SEMI JOIN winners AS w ON t._instance_id = w._instance_id
  ${hasApp ? 'AND t."app_apple_identifier" IS NOT DISTINCT FROM w."app_apple_identifier"' : ''}
  ${dated ? 'AND t."date" IS NOT DISTINCT FROM w._day' : ''}`;
}

export const APP = '1476097583';

/** [instance, granularity, processing date, access type, [date, app, count][]] */
const DOWNLOADS: [string, string, string, string, [string, string, number][]][] = [
  ['d1', 'DAILY', '2024-04-01', 'ONGOING', [['2024-03-30', APP, 10], ['2024-03-31', APP, 5]]],
  ['d2', 'DAILY', '2024-04-02', 'ONGOING', [['2024-03-31', APP, 8], ['2024-04-01', APP, 3]]],
  ['d3', 'DAILY', '2024-04-03', 'ONGOING', [['2024-04-01', APP, 6], ['2024-04-02', APP, 2]]],
  ['o1', 'DAILY', '2024-04-02', 'ONGOING', [['2024-03-31', '222', 7]]],
  ['w1', 'WEEKLY', '2024-04-05', 'ONGOING', [['2024-03-25', APP, 40]]],
  ['m1', 'MONTHLY', '2024-04-05', 'ONGOING', [['2024-03-01', APP, 90]]],
];
/** Daily truth of the downloads above: per app and date, the newest instance's count. */
export const DAILY_TRUTH = [[APP, '2024-03-30', 10], [APP, '2024-03-31', 8], [APP, '2024-04-01', 6], [APP, '2024-04-02', 2], ['222', '2024-03-31', 7]];

/** Where schema 1 had written each segment (current folder, the folder before a move, Windows, outside). */
export function v1SegmentPaths(dataDir: string): Record<string, string | null> {
  const tail = (id: string, day: string) => `${APP}/app_downloads_standard/DAILY/${day}_${id}/${id}-s0.csv.gz`;
  return {
    'd1-s0': path.join(dataDir, 'segments', ...tail('d1', '2024-04-01').split('/')),
    'd2-s0': `/Users/old/Library/Application Support/Orchard/segments/${tail('d2', '2024-04-02')}`,
    'd3-s0': `C:\\Users\\old\\AppData\\Roaming\\Orchard\\segments\\${tail('d3', '2024-04-03').replaceAll('/', '\\')}`,
    'o1-s0': path.join(dataDir, 'segments', 'o1.csv.gz'),
    'w1-s0': '/elsewhere/cache/w1.csv.gz',
    'm1-s0': null,
  };
}

export async function writeV1Warehouse(dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    await c.run(`ATTACH '${path.join(dataDir, 'orchard.duckdb').replaceAll("'", "''")}' AS warehouse`);
    await c.run('USE warehouse');
    for (const statement of V1_DDL) await c.run(statement);
    await c.run(`CREATE TABLE raw.app_downloads_standard ("date" DATE, "app_name" VARCHAR, "app_apple_identifier" BIGINT,
      "download_type" VARCHAR, "app_version" VARCHAR, "device" VARCHAR, "platform_version" VARCHAR, "source_type" VARCHAR,
      "page_type" VARCHAR, "pre_order" VARCHAR, "territory" VARCHAR, "counts" BIGINT, ${PROVENANCE})`);
    await c.run(`CREATE TABLE raw.mystery ("thing" VARCHAR, "value" VARCHAR, ${PROVENANCE})`);
    const paths = v1SegmentPaths(dataDir);
    for (const [id, granularity, processingDate, access, rows] of DOWNLOADS) {
      for (const [date, app, count] of rows) {
        await c.run(`INSERT INTO raw.app_downloads_standard VALUES ('${date}', 'Example', ${app}, 'First-time download', '1.0',
          'iPhone', 'iOS 17', 'App Store search', 'Product page', '', 'US', ${count}, '${granularity}', '${processingDate}', '${id}', '${id}-s0', '${access}')`);
      }
      await c.run(`INSERT INTO orchard.instances VALUES ('${id}', 'r1', '${rows[0]?.[1]}', 'App Downloads Standard', 'app_downloads_standard',
        'COMMERCE', '${access}', '${granularity}', '${processingDate}', 'ingested', 1, ${rows.length}, now(), now())`);
      const file = paths[`${id}-s0`];
      await c.run(`INSERT INTO orchard.segments VALUES ('${id}-s0', '${id}', 'md5', 100, ${rows.length}, 'ingested',
        ${file === null || file === undefined ? 'NULL' : `'${file}'`}, now(), NULL, now())`);
    }
    // An unknown report without app or date: each processing date keeps its own vintage.
    for (const [id, processingDate, access, value] of [['x1', '2024-04-01', 'ONGOING', '1'], ['x2', '2024-04-01', 'ONE_TIME_SNAPSHOT', '2'], ['x3', '2024-04-02', 'ONGOING', '3']]) {
      await c.run(`INSERT INTO raw.mystery VALUES ('x', '${value}', 'DAILY', '${processingDate}', '${id}', '${id}-s0', '${access}')`);
    }
    await c.run(v1View('app_downloads_standard', true, true));
    await c.run(v1View('mystery', false, false));
  } finally {
    c.closeSync();
    db.closeSync();
  }
}
