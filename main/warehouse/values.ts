// Timestamps in and out of DuckDB: orchard.* stores UTC instants as TIMESTAMP, callers see ISO strings.
import { timestampValue, type DuckDBTimestampValue } from '@duckdb/node-api';

export function timestampOf(date: Date): DuckDBTimestampValue {
  return timestampValue(BigInt(date.getTime()) * 1000n);
}

/** SQL turning a TIMESTAMP column into `2024-04-02T10:00:00.000Z` (NULL stays NULL). */
export function isoTimestampSql(column: string): string {
  return `strftime(${column}, '%Y-%m-%dT%H:%M:%S.%gZ')`;
}
