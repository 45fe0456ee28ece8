// A warehouse file as schema 4 left it, for migration 5's test: schema 1's file (v1Warehouse.ts)
// brought forward by frozen copies of migrations 2–4 as they were — `orchard.vintages`, the raw
// tables' `_is_latest BOOLEAN` flag, views filtering on the flag and `_granularity` per schema.
import { DuckDBInstance } from '@duckdb/node-api';
import path from 'node:path';
import { writeV1Warehouse } from './v1Warehouse';

/** Schema 4's winner rule per table: the partition that ranks each raw row's vintage. */
const TABLES: readonly { table: string; partition: string; app: string; day: string }[] = [
  { table: 'app_downloads_standard', partition: 'app_apple_identifier, _granularity, date', app: 'CAST(app_apple_identifier AS VARCHAR)', day: 'date' },
  { table: 'mystery', partition: '_granularity, _processing_date', app: 'NULL::VARCHAR', day: 'NULL::DATE' },
];

function schema4Statements({ table, partition, app, day }: (typeof TABLES)[number]): string[] {
  return [
    `ALTER TABLE raw.${table} ADD COLUMN _is_latest BOOLEAN`,
    // The flag itself: a row is kept when its vintage ranks first in its partition.
    `UPDATE raw.${table} AS t SET _is_latest = r.rank = 1 FROM (
       SELECT ${partition}, _processing_date, _access_type, _instance_id,
         row_number() OVER (PARTITION BY ${partition} ORDER BY _processing_date DESC, (_access_type = 'ONGOING') DESC, _instance_id DESC) AS rank
       FROM (SELECT DISTINCT ${partition}, _processing_date, _access_type, _instance_id FROM raw.${table})) AS r
     WHERE t._instance_id = r._instance_id AND t._processing_date = r._processing_date AND t._granularity = r._granularity
       ${table === 'mystery' ? '' : 'AND t.app_apple_identifier = r.app_apple_identifier AND t.date = r.date'}`,
    `INSERT INTO orchard.vintages SELECT '${table}', ${app}, _granularity, ${day}, _processing_date, _access_type, _instance_id, count(*), bool_or(_is_latest)
     FROM raw.${table} GROUP BY ALL`,
    ...[['main', 'DAILY'], ['weekly', 'WEEKLY'], ['monthly', 'MONTHLY']].map(([schema, granularity]) =>
      `CREATE OR REPLACE VIEW "${schema}"."${table}" AS SELECT * EXCLUDE ("_is_latest") FROM "raw"."${table}" WHERE "_is_latest" AND _granularity = '${granularity}'`),
  ];
}

export async function writeV4Warehouse(dataDir: string): Promise<void> {
  await writeV1Warehouse(dataDir);
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    await c.run(`ATTACH '${path.join(dataDir, 'orchard.duckdb').replaceAll("'", "''")}' AS warehouse`);
    await c.run('USE warehouse');
    await c.run(`CREATE TABLE orchard.vintages (
        table_name VARCHAR NOT NULL, app_id VARCHAR, granularity VARCHAR NOT NULL, day DATE,
        processing_date DATE NOT NULL, access_type VARCHAR NOT NULL, instance_id VARCHAR NOT NULL,
        row_count BIGINT NOT NULL, is_latest BOOLEAN)`);
    await c.run('CREATE SCHEMA weekly');
    await c.run('CREATE SCHEMA monthly');
    for (const table of TABLES) for (const statement of schema4Statements(table)) await c.run(statement);
    await c.run(`INSERT INTO orchard.schema_version VALUES (2, TIMESTAMP '2025-02-01 00:00:00'), (3, TIMESTAMP '2025-03-01 00:00:00'),
      (4, TIMESTAMP '2025-04-01 00:00:00')`);
  } finally {
    c.closeSync();
    db.closeSync();
  }
}
