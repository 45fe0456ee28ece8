// Opens a lake's current snapshot read-only, with no Apple key: a throwaway warehouse in a temp
// folder whose user-facing names (main.*, weekly.*, sales.daily, orchard.vintages, …) are views
// over read_parquet of exactly the snapshot's files, then opened READ_ONLY like any warehouse —
// so the query service, the Insights dashboards and the workbench run unchanged on it. A publish
// that lands meanwhile does not change what an open lake shows (its files stay for the grace period).
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { OrchardError } from '../../shared/errors';
import type { LakePublished } from '../../shared/rebuild';
import { silentLogger, type Logger } from '../logging/logger';
import { DATABASE_FILE, openWarehouse } from '../warehouse';
import type { OpenWarehouse } from '../warehouse/open';
import { qualified, quoteIdent, sqlString } from '../warehouse/sql';
import { readCurrentSnapshot, type LakeCurrent, type LakeSnapshot, type LakeTable } from './lakeManifest';
import { isProvenanceColumn } from './lakeTables';

export interface OpenedLake {
  warehouse: OpenWarehouse;
  lakeDir: string;
  current: LakeCurrent;
  snapshot: LakeSnapshot;
  close(): Promise<void>;
}

const BUILD_CATALOG = 'lake_build';

/** The view's SELECT: the table's columns in the warehouse's order and types, from the snapshot's files. */
export function lakeViewSql(lakeDir: string, table: LakeTable): string {
  const files = table.partitions.flatMap((p) => p.files.map((f) => path.join(lakeDir, ...f.path.split('/'))));
  if (!files.length) {
    return `SELECT ${table.columns.map((c) => `CAST(NULL AS ${c.type}) AS ${quoteIdent(c.name)}`).join(', ')} WHERE false`;
  }
  // A column a partition replaced lives only in the folder name (text): cast back to its type.
  const fromFolder = new Set(table.partitionBy.filter((p) => p.name === p.column).map((p) => p.column));
  const columns = table.columns.map((c) => (fromFolder.has(c.name) ? `CAST(${quoteIdent(c.name)} AS ${c.type}) AS ${quoteIdent(c.name)}` : quoteIdent(c.name)));
  const hive = table.partitionBy.length
    ? `hive_partitioning = true, hive_types = {${table.partitionBy.map((p) => `${sqlString(p.name)}: VARCHAR`).join(', ')}}`
    : 'hive_partitioning = false';
  return `SELECT ${columns.join(', ')} FROM read_parquet([${files.map(sqlString).join(', ')}], ${hive})`;
}

async function replaceWithView(connection: DuckDBConnection, lakeDir: string, table: LakeTable): Promise<void> {
  const kinds = await connection.runAndReadAll(
    `SELECT 'TABLE' FROM duckdb_tables() WHERE database_name = $db AND schema_name = $s AND table_name = $t
     UNION ALL SELECT 'VIEW' FROM duckdb_views() WHERE database_name = $db AND schema_name = $s AND view_name = $t`,
    { db: BUILD_CATALOG, s: table.schema, t: table.name },
  );
  const name = `${quoteIdent(BUILD_CATALOG)}.${qualified(table.schema, table.name)}`;
  for (const [kind] of kinds.getRowsJson()) await connection.run(`DROP ${String(kind)} ${name}`);
  await connection.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(BUILD_CATALOG)}.${quoteIdent(table.schema)}`);
  await connection.run(`CREATE VIEW ${name} AS ${lakeViewSql(lakeDir, table)}`);
}

/** The same facts, structured for the app's lake banner (shared/rebuild.ts LakePublished). */
export function lakePublished(lake: Pick<OpenedLake, 'lakeDir' | 'current'>): LakePublished {
  const { publisher, createdAt, snapshot } = lake.current;
  return { dir: lake.lakeDir, snapshot, publisher: `${publisher.user}@${publisher.host}`, at: createdAt };
}

/** Who published the lake's current snapshot and when, in words for a page or a terminal. */
export function lakeDescription(lake: Pick<OpenedLake, 'lakeDir' | 'current'>): string {
  const { publisher, createdAt, snapshot } = lake.current;
  return `This is a read-only Parquet lake (${lake.lakeDir}, snapshot ${snapshot}) published by ${publisher.user}@${publisher.host} at ${createdAt}: ` +
    'browsing, queries and dashboards work; syncing happens where it is published, and no Apple key is needed here.';
}

const LATEST_CODE: Readonly<Record<string, number>> = { main: 1, weekly: 2, monthly: 3 };

/**
 * The dashboards read a report's columns from `raw.<report>`. A lake holds only the rows Apple's
 * rule keeps, so there `raw.<report>` is those rows of all three views, `_latest` saying which.
 */
async function createRawViews(connection: DuckDBConnection, tables: readonly LakeTable[]): Promise<void> {
  const reports = new Map<string, string[]>();
  for (const t of tables) {
    if (LATEST_CODE[t.schema] === undefined || !t.columns.some((c) => isProvenanceColumn(c.name))) continue;
    reports.set(t.name, [...(reports.get(t.name) ?? []), t.schema]);
  }
  await connection.run('CREATE SCHEMA IF NOT EXISTS raw');
  for (const [name, schemas] of reports) {
    const parts = schemas.map((schema) => `SELECT *, CAST(${LATEST_CODE[schema]} AS UTINYINT) AS _latest FROM ${qualified(schema, name)}`);
    await connection.run(`CREATE OR REPLACE VIEW ${qualified('raw', name)} AS ${parts.join(' UNION ALL BY NAME ')}`);
  }
}

export async function openLake(lakeDirInput: string, options: { logger?: Logger } = {}): Promise<OpenedLake> {
  const logger = options.logger ?? silentLogger;
  const lakeDir = await realpath(path.resolve(lakeDirInput)).catch(() => {
    throw new OrchardError('NOT_FOUND', `No lake folder at ${lakeDirInput}.`);
  });
  const found = await readCurrentSnapshot(lakeDir);
  if (!found) throw new OrchardError('NOT_FOUND', `${lakeDir} is not an Orchard lake (no _orchard/current.json): publish one with \`orchard publish --lake\`.`);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'orchard-lake-open-'));
  try {
    // An empty warehouse of this Orchard version: every schema and table the services expect.
    await (await openWarehouse({ dataDir, logger })).close();
    const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false' });
    try {
      const connection = await instance.connect();
      await connection.run(`ATTACH ${sqlString(path.join(dataDir, DATABASE_FILE))} AS ${quoteIdent(BUILD_CATALOG)}`);
      await connection.run(`USE ${quoteIdent(BUILD_CATALOG)}`);
      for (const table of found.snapshot.tables) await replaceWithView(connection, lakeDir, table);
      await createRawViews(connection, found.snapshot.tables);
      await connection.run('USE memory');
      await connection.run(`DETACH ${quoteIdent(BUILD_CATALOG)}`);
      connection.closeSync();
    } finally {
      instance.closeSync();
    }
    const warehouse = await openWarehouse({ dataDir, logger, readOnly: true, readableDirs: [lakeDir] });
    return {
      warehouse,
      lakeDir,
      current: found.current,
      snapshot: found.snapshot,
      async close() {
        await warehouse.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
