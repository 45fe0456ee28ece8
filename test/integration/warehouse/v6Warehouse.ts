// A warehouse file as schema 6 left it, for migration 7's test: schema 4's file (v4Warehouse.ts)
// brought forward by a frozen copy of migration 5 (`_is_latest` became `_latest UTINYINT`, views
// filter on its code) and migration 6 (a no-op without Sales tables). Raw rows still carry the five
// provenance columns; d1 and d3 get a second segment so an instance spans several segments.
import { DuckDBInstance } from '@duckdb/node-api';
import path from 'node:path';
import { APP } from './v1Warehouse';
import { writeV4Warehouse } from './v4Warehouse';

const TABLES = ['app_downloads_standard', 'mystery'];
const CODES = `CASE _granularity WHEN 'DAILY' THEN 1 WHEN 'WEEKLY' THEN 2 WHEN 'MONTHLY' THEN 3 ELSE 4 END`;

/** Schema 5's conversion of one table, as migration 5 ran it. */
function schema5Statements(table: string): string[] {
  return [
    `ALTER TABLE raw.${table} ALTER COLUMN _is_latest SET DATA TYPE UTINYINT USING (CASE WHEN _is_latest THEN ${CODES} ELSE 0 END)`,
    `ALTER TABLE raw.${table} RENAME COLUMN _is_latest TO _latest`,
    ...[['main', 1], ['weekly', 2], ['monthly', 3]].map(([schema, code]) =>
      `CREATE OR REPLACE VIEW "${schema}"."${table}" AS SELECT * EXCLUDE ("_latest") FROM "raw"."${table}" WHERE "_latest" = ${code}`),
  ];
}

/**
 * [instance, segment, processing date, date, territory, count, _latest]: d1-s1's day is restated
 * by d2 (superseded), d3-s1's day is d3's own (kept).
 */
const SECOND_SEGMENTS: [string, string, string, string, string, number, number][] = [
  ['d1', 'd1-s1', '2024-04-01', '2024-03-31', 'GB', 2, 0],
  ['d3', 'd3-s1', '2024-04-03', '2024-04-02', 'GB', 1, 1],
];

export async function writeV6Warehouse(dataDir: string): Promise<void> {
  await writeV4Warehouse(dataDir);
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    await c.run(`ATTACH '${path.join(dataDir, 'orchard.duckdb').replaceAll("'", "''")}' AS warehouse`);
    await c.run('USE warehouse');
    for (const table of TABLES) for (const statement of schema5Statements(table)) await c.run(statement);
    for (const [id, segment, processingDate, date, territory, count, latest] of SECOND_SEGMENTS) {
      await c.run(`INSERT INTO raw.app_downloads_standard VALUES ('${date}', 'Example', ${APP}, 'First-time download', '1.0',
        'iPhone', 'iOS 17', 'App Store search', 'Product page', '', '${territory}', ${count}, 'DAILY', '${processingDate}', '${id}',
        '${segment}', 'ONGOING', ${latest})`);
      await c.run(`INSERT INTO orchard.segments VALUES ('${segment}', '${id}', 'md5', 100, 1, 'ingested', NULL, now(), NULL, now())`);
      await c.run(`UPDATE orchard.instances SET segment_count = segment_count + 1, row_count = row_count + 1 WHERE instance_id = '${id}'`);
      await c.run(`UPDATE orchard.vintages SET row_count = row_count + 1
        WHERE table_name = 'app_downloads_standard' AND instance_id = '${id}' AND day = '${date}'`);
    }
    await c.run(`INSERT INTO orchard.schema_version VALUES (5, TIMESTAMP '2025-05-01 00:00:00'), (6, TIMESTAMP '2025-06-01 00:00:00')`);
  } finally {
    c.closeSync();
    db.closeSync();
  }
}
