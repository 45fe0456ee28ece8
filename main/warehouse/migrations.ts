// Migrations after the first schema, one per contract change (README "The warehouse"). Each runs
// inside the transaction schema.ts opens and rebuilds what it changes from the raw tables alone:
// nothing is downloaded again.
import type { DuckDBConnection } from '@duckdb/node-api';
import { latestKey, readRawTableColumns, refreshLatest } from './latest';
import { relativeSegmentPathsSql, type DataFolderRoots } from './segmentPaths';
import { qualified, quoteIdent } from './sql';
import { LATEST_COLUMN, LATEST_TYPE, keyDateColumn, latestValueSql } from './tableLayout';
import { latestViewStatements } from './views';
import { moveSalesProvenanceToFiles } from './sales/salesProvenanceMigration';
import { moveProvenanceToSegmentKeys, moveTableProvenance } from './segmentKeyMigration';

/** Schema 2–4's flag, converted by migration 5. */
const LEGACY_LATEST_COLUMN = '_is_latest';

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
    // Latest-wins maintained at ingest: the vintages table and the raw tables' flag (schema 2 to 4
    // wrote `_is_latest BOOLEAN`; from a schema-1 file this now writes migration 5's column directly).
    version: 2,
    statements: [
      `CREATE TABLE orchard.vintages (
        table_name VARCHAR NOT NULL, app_id VARCHAR, granularity VARCHAR NOT NULL, day DATE,
        processing_date DATE NOT NULL, access_type VARCHAR NOT NULL, instance_id VARCHAR NOT NULL,
        row_count BIGINT NOT NULL, is_latest BOOLEAN)`,
    ],
    async apply(connection) {
      for (const tableName of await rawTableNames(connection)) {
        await connection.run(`ALTER TABLE ${qualified('raw', tableName)} ADD COLUMN ${quoteIdent(LATEST_COLUMN)} ${LATEST_TYPE}`);
        // refreshLatest reads segment keys: migration 7's conversion comes first for a schema-1 table.
        await moveTableProvenance(connection, tableName, false);
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
  {
    // `_is_latest BOOLEAN` becomes `_latest UTINYINT` (0 superseded, else the kept row's
    // granularity code), so a view filters on one integer instead of a flag and a VARCHAR.
    // Converted in place from the flag and `_granularity`: the winners themselves do not change.
    version: 5,
    async apply(connection) {
      for (const tableName of await rawTableNames(connection)) {
        const columns = await readRawTableColumns(connection, tableName);
        if (!columns?.has(LEGACY_LATEST_COLUMN)) continue;
        const table = qualified('raw', tableName);
        await connection.run(`ALTER TABLE ${table} ALTER COLUMN ${quoteIdent(LEGACY_LATEST_COLUMN)} SET DATA TYPE ${LATEST_TYPE}
          USING (${latestValueSql(quoteIdent(LEGACY_LATEST_COLUMN), '_granularity')})`);
        await connection.run(`ALTER TABLE ${table} RENAME COLUMN ${quoteIdent(LEGACY_LATEST_COLUMN)} TO ${quoteIdent(LATEST_COLUMN)}`);
        for (const statement of latestViewStatements(tableName)) await connection.run(statement);
      }
    },
  },
  {
    // Sales and Trends rows carry `_file_id` instead of eight provenance columns; `sales.files`
    // holds each file's provenance once (salesProvenanceMigration.ts).
    version: 6,
    apply: moveSalesProvenanceToFiles,
  },
  {
    // Report rows carry `_segment_key` instead of five provenance columns; orchard.segment_keys
    // holds each segment's provenance once (segmentKeyMigration.ts).
    version: 7,
    apply: moveProvenanceToSegmentKeys,
  },
];
