// The warehouse's fixed schemas and metadata tables, versioned in orchard.schema_version: one
// numbered migration per change of the contract, each in one transaction at start-up, so a
// user's existing file is brought up to date in place (never re-downloaded).
import type { DuckDBConnection } from '@duckdb/node-api';
import { timestampValue } from '@duckdb/node-api';
import { OrchardError } from '../../shared/errors';
import { LATER_MIGRATIONS, type Migration, type MigrationContext } from './migrations';

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    statements: [
      `CREATE TABLE orchard.apps (
        app_id VARCHAR PRIMARY KEY, name VARCHAR, bundle_id VARCHAR, sku VARCHAR, primary_locale VARCHAR,
        updated_at TIMESTAMP NOT NULL)`,
      `CREATE TABLE orchard.requests (
        request_id VARCHAR PRIMARY KEY, app_id VARCHAR NOT NULL, access_type VARCHAR NOT NULL,
        stopped_due_to_inactivity BOOLEAN NOT NULL, updated_at TIMESTAMP NOT NULL)`,
      `CREATE TABLE orchard.reports (
        report_id VARCHAR PRIMARY KEY, request_id VARCHAR, app_id VARCHAR, access_type VARCHAR,
        name VARCHAR NOT NULL, category VARCHAR, table_name VARCHAR NOT NULL, status VARCHAR, reason VARCHAR,
        updated_at TIMESTAMP NOT NULL)`,
      `CREATE TABLE orchard.instances (
        instance_id VARCHAR PRIMARY KEY, report_id VARCHAR, app_id VARCHAR, report_name VARCHAR NOT NULL,
        table_name VARCHAR NOT NULL, category VARCHAR, access_type VARCHAR NOT NULL, granularity VARCHAR NOT NULL,
        processing_date DATE NOT NULL, state VARCHAR NOT NULL, segment_count INTEGER, row_count BIGINT,
        ingested_at TIMESTAMP, updated_at TIMESTAMP NOT NULL)`,
      `CREATE TABLE orchard.segments (
        segment_id VARCHAR PRIMARY KEY, instance_id VARCHAR NOT NULL, checksum VARCHAR, size_in_bytes BIGINT,
        row_count BIGINT, state VARCHAR NOT NULL, file_path VARCHAR, ingested_at TIMESTAMP, error VARCHAR,
        updated_at TIMESTAMP NOT NULL)`,
      `CREATE TABLE orchard.sync_runs (
        run_id VARCHAR PRIMARY KEY, app_id VARCHAR, started_at TIMESTAMP NOT NULL, ended_at TIMESTAMP,
        outcome VARCHAR, counts JSON, errors JSON)`,
    ],
  },
  ...LATER_MIGRATIONS,
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/** Brings the file to SCHEMA_VERSION, one transaction per migration. Returns the version found before. */
export async function migrate(connection: DuckDBConnection, now: () => Date, context: MigrationContext): Promise<number> {
  await connection.run('CREATE SCHEMA IF NOT EXISTS raw');
  await connection.run('CREATE SCHEMA IF NOT EXISTS orchard');
  await connection.run(
    'CREATE TABLE IF NOT EXISTS orchard.schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL)',
  );
  const reader = await connection.runAndReadAll('SELECT coalesce(max(version), 0) AS v FROM orchard.schema_version');
  const found = Number(reader.getRowsJson()[0]?.[0] ?? 0);
  if (found > SCHEMA_VERSION) {
    throw new OrchardError('UNSUPPORTED', `This data folder was written by a newer Orchard (schema ${found}); update Orchard to open it.`);
  }
  for (const migration of MIGRATIONS.filter((m) => m.version > found)) {
    await connection.run('BEGIN TRANSACTION');
    try {
      for (const statement of migration.statements ?? []) await connection.run(statement);
      await migration.apply?.(connection, context);
      await connection.run('INSERT INTO orchard.schema_version VALUES ($1, $2)', [
        migration.version,
        timestampValue(BigInt(now().getTime()) * 1000n),
      ]);
      await connection.run('COMMIT');
    } catch (error) {
      await connection.run('ROLLBACK');
      throw error;
    }
  }
  return found;
}
