// Migrations after the first schema, one per contract change (README "The warehouse"). Each runs
// inside the transaction schema.ts opens and rebuilds what it changes from the raw tables alone:
// nothing is downloaded again.
import type { DuckDBConnection } from '@duckdb/node-api';
import { latestKey, readRawTableColumns, refreshLatest } from './latest';
import { relativeSegmentPathsSql, type DataFolderRoots } from './segmentPaths';
import { qualified, quoteIdent } from './sql';
import { LATEST_COLUMN, keyDateColumn } from './tableLayout';
import { latestViewStatements } from './views';

export interface MigrationContext {
  /** The data folder the warehouse is opened from, as given and with symlinks resolved. */
  dataFolderRoots: DataFolderRoots;
}

export interface Migration {
  version: number;
  statements?: readonly string[];
  apply?: (connection: DuckDBConnection, context: MigrationContext) => Promise<void>;
}

async function rawTableNames(connection: DuckDBConnection): Promise<string[]> {
  const reader = await connection.runAndReadAll(
    `SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'raw' ORDER BY 1`,
  );
  return reader.getRowsJson().map((row) => String(row[0]));
}

export const LATER_MIGRATIONS: readonly Migration[] = [
  {
    // Latest-wins maintained at ingest: the vintages table and the raw tables' `_is_latest` flag.
    version: 2,
    statements: [
      `CREATE TABLE orchard.vintages (
        table_name VARCHAR NOT NULL, app_id VARCHAR, granularity VARCHAR NOT NULL, day DATE,
        processing_date DATE NOT NULL, access_type VARCHAR NOT NULL, instance_id VARCHAR NOT NULL,
        row_count BIGINT NOT NULL, is_latest BOOLEAN)`,
    ],
    async apply(connection) {
      for (const tableName of await rawTableNames(connection)) {
        await connection.run(`ALTER TABLE ${qualified('raw', tableName)} ADD COLUMN ${quoteIdent(LATEST_COLUMN)} BOOLEAN`);
        const columns = await readRawTableColumns(connection, tableName);
        if (columns === null) continue;
        await refreshLatest(connection, tableName, latestKey(columns, keyDateColumn(tableName, columns)), 'all');
      }
    },
  },
  {
    // One granularity per view: `main` DAILY, `weekly` and `monthly` Apple's own instances.
    version: 3,
    statements: ['CREATE SCHEMA IF NOT EXISTS weekly', 'CREATE SCHEMA IF NOT EXISTS monthly'],
    async apply(connection) {
      for (const tableName of await rawTableNames(connection)) {
        for (const statement of latestViewStatements(tableName)) await connection.run(statement);
      }
    },
  },
  {
    // Segment file paths relative to the data folder, so a copied or moved folder finds its files.
    version: 4,
    async apply(connection, context) {
      await connection.run(relativeSegmentPathsSql(context.dataFolderRoots));
    },
  },
];
