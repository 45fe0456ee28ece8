// The `user` schema: tables the user brought (CSV or Parquet files Orchard copied into the data
// folder), loaded by DuckDB's own readers on the writer lane. User SQL never writes here; the
// workbench only reads. A failed load rolls back, so a previous table of the same name survives.
import { OrchardError } from '../../shared/errors';
import { USER_TABLE_PATTERN } from '../../shared/imports';
import { duckdbMessage, toOrchardError } from './errors';
import type { ConnectionLane } from './lane';
import { qualified, quoteIdent, sqlString } from './sql';
import type { UserImports, UserTable, UserTableImport } from './types';

export const USER_SCHEMA = 'user';
/** Lowercase, starts with a letter, fits DuckDB's and most tools' identifier limits. */
export const USER_TABLE_NAME = USER_TABLE_PATTERN;

export function checkUserTableName(name: string): string {
  if (!USER_TABLE_NAME.test(name)) {
    throw new OrchardError('BAD_INPUT', `"${name.slice(0, 80)}" is not a table name: use a lowercase letter, then up to 62 lowercase letters, digits or _.`);
  }
  return name;
}

function reader(format: UserTableImport['format'], filePath: string): string {
  return format === 'csv' ? `read_csv(${sqlString(filePath)}, auto_detect = true)` : `read_parquet(${sqlString(filePath)})`;
}

function loadFailed(error: unknown, format: UserTableImport['format']): OrchardError {
  return toOrchardError(error, (message) =>
    new OrchardError('BAD_INPUT', `The ${format === 'csv' ? 'CSV' : 'Parquet'} file could not be loaded: ${message.split('\n')[0] ?? message}`, { duckdb: message }),
  );
}

export function createUserImports({ writer, reader: metadataReader }: { writer: ConnectionLane; reader: ConnectionLane }): UserImports {
  const listTables = () =>
    metadataReader.run(async (connection) => {
      const tables = await connection.runAndReadAll(
        `SELECT table_name, estimated_size, column_count FROM duckdb_tables()
         WHERE database_name = current_database() AND schema_name = $schema ORDER BY table_name`,
        { schema: USER_SCHEMA },
      );
      return tables.getRowsJson().map(([name, rows, columns]): UserTable => ({ name: String(name), rows: Number(rows), columns: Number(columns) }));
    });

  return {
    importTable({ table, filePath, format, replace }, signal) {
      checkUserTableName(table);
      const target = qualified(USER_SCHEMA, table);
      return writer.transaction(async (connection) => {
        await connection.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(USER_SCHEMA)}`);
        const existing = await connection.runAndReadAll(
          `SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = $schema AND table_name = $table`,
          { schema: USER_SCHEMA, table },
        );
        if (Number(existing.getRowsJson()[0]?.[0] ?? 0) > 0 && !replace) {
          throw new OrchardError('CONFLICT', `user.${table} already exists; confirm to replace it, or pick another name.`, { table });
        }
        try {
          await connection.run(`CREATE OR REPLACE TABLE ${target} AS SELECT * FROM ${reader(format, filePath)}`);
        } catch (error) {
          throw loadFailed(error, format);
        }
        const counted = await connection.runAndReadAll(`SELECT count(*) FROM ${target}`);
        const columns = await connection.runAndReadAll(
          `SELECT count(*) FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = $schema AND table_name = $table`,
          { schema: USER_SCHEMA, table },
        );
        return { name: table, rows: Number(counted.getRowsJson()[0]?.[0] ?? 0), columns: Number(columns.getRowsJson()[0]?.[0] ?? 0) };
      }, signal);
    },

    listTables,

    async dropTable(table) {
      checkUserTableName(table);
      return writer.run(async (connection) => {
        const before = await connection.runAndReadAll(
          `SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = $schema AND table_name = $table`,
          { schema: USER_SCHEMA, table },
        );
        if (Number(before.getRowsJson()[0]?.[0] ?? 0) === 0) return false;
        await connection.run(`DROP TABLE ${qualified(USER_SCHEMA, table)}`).catch((error: unknown) => {
          throw new OrchardError('INTERNAL', `Could not drop user.${table}: ${duckdbMessage(error)}`);
        });
        return true;
      });
    },
  };
}
