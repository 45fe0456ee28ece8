// Apple's restatement rule, maintained at ingest instead of recomputed by every query.
// orchard.vintages lists, per report table, app, granularity and day, every instance holding rows
// for it and which one wins (newest processing date, then ONGOING over ONE_TIME_SNAPSHOT, then
// the greatest instance ID). raw.<report>._latest mirrors that on the rows (0, or the kept row's
// granularity code), so the views are a plain filter. Each ingest batch re-ranks only the keys
// its instances touched.
import type { DuckDBConnection } from '@duckdb/node-api';
import { APP_ID_COLUMN, LATEST_COLUMN, latestValueSql, type TableColumns } from './tableLayout';
import { SEGMENT_KEYS_TABLE, segmentKeyFilter, segmentKeysOf } from './segmentKeys';
import { qualified, quoteIdent, sqlString } from './sql';

/**
 * Apple's winner order as one comparable value (greater wins): newest processing date, then
 * ONGOING over ONE_TIME_SNAPSHOT, then the greatest instance ID. Shared with batchWinners.ts.
 */
export const winnerRank = (processingDate: string, accessType: string, instanceId: string) =>
  `{'pd': ${processingDate}, 'o': ${accessType} = 'ONGOING', 'id': ${instanceId}}`;

/** The winner order of one key; `v` is an orchard.vintages row. */
const WINNER_ORDER = `${winnerRank('v.processing_date', 'v.access_type', 'v.instance_id')} DESC`;

/**
 * Rows without a date (a column missing from some files) key on their processing date instead,
 * so undated vintages are kept side by side rather than hiding each other.
 */
export const undatedKey = (day: string, processingDate: string) => `CASE WHEN ${day} IS NULL THEN ${processingDate} END`;
const UNDATED = (alias: string) => undatedKey(`${alias}.day`, `${alias}.processing_date`);

/**
 * What a vintage's rows say now, from per-segment counts `n`, `kept` and `superseded`: all kept, all
 * superseded, or NULL when they disagree or are unset (a new column, a re-keyed table). Only keys whose winner
 * differs from this are rewritten: rows the INSERT already marked right (batchWinners.ts) are not
 * updated again.
 */
const ROWS_SAY = `CASE WHEN sum(r.kept) = sum(r.n) THEN TRUE WHEN sum(r.superseded) = sum(r.n) THEN FALSE END`;

export interface LatestKey {
  /** SQL for a raw row's app (VARCHAR) and day (DATE), over the table aliased `t`. */
  app: string;
  day: string;
}

export function latestKey(tableColumns: TableColumns, dateColumn: string | null): LatestKey {
  return {
    app: tableColumns.has(APP_ID_COLUMN) ? `CAST(t.${quoteIdent(APP_ID_COLUMN)} AS VARCHAR)` : 'NULL::VARCHAR',
    day: dateColumn === null ? 'NULL::DATE' : `t.${quoteIdent(dateColumn)}`,
  };
}

const inList = (ids: readonly string[]) => ids.map(sqlString).join(', ');

/**
 * Brings orchard.vintages and `_latest` up to date after the rows of `instanceIds` were
 * replaced in raw.<tableName>; `'all'` rebuilds the table's vintages from scratch (a new or
 * altered table, a migration). Runs inside the caller's transaction.
 */
export async function refreshLatest(
  connection: DuckDBConnection,
  tableName: string,
  key: LatestKey,
  instanceIds: readonly string[] | 'all',
): Promise<void> {
  const table = sqlString(tableName);
  if (instanceIds !== 'all' && instanceIds.length === 0) return;
  const mine = instanceIds === 'all' ? '' : ` AND instance_id IN (${inList(instanceIds)})`;
  const rows = instanceIds === 'all' ? '' : `WHERE ${segmentKeyFilter(await segmentKeysOf(connection, tableName, instanceIds))}`;
  // Keys the batch's instances held before and hold now: only their winners can change.
  await connection.run(`CREATE OR REPLACE TEMP TABLE orchard_touched AS
    SELECT DISTINCT app_id, granularity, day, ${UNDATED('v')} AS undated FROM orchard.vintages AS v
    WHERE table_name = ${table}${mine}`);
  await connection.run(`DELETE FROM orchard.vintages WHERE table_name = ${table}${mine}`);
  // Rows are counted per segment key first (one integer), then named by orchard.segment_keys.
  await connection.run(`INSERT INTO orchard.vintages
      (table_name, app_id, granularity, day, processing_date, access_type, instance_id, row_count, is_latest)
    SELECT ${table}, r.app_id, k.granularity, r.day, k.processing_date, k.access_type, k.instance_id, sum(r.n), ${ROWS_SAY}
    FROM (SELECT ${key.app} AS app_id, ${key.day} AS day, t._segment_key, count(*) AS n,
        count(*) FILTER (WHERE t.${LATEST_COLUMN} > 0) AS kept, count(*) FILTER (WHERE t.${LATEST_COLUMN} = 0) AS superseded
      FROM ${qualified('raw', tableName)} AS t ${rows} GROUP BY ALL) AS r
    JOIN ${SEGMENT_KEYS_TABLE} AS k ON k.segment_key = r._segment_key
    GROUP BY r.app_id, k.granularity, r.day, k.processing_date, k.access_type, k.instance_id`);
  await connection.run(`INSERT INTO temp.orchard_touched
    SELECT DISTINCT app_id, granularity, day, ${UNDATED('v')} FROM orchard.vintages AS v
    WHERE table_name = ${table}${mine}`);
  // The segments of each (instance, app, day) whose winner changed, with the code its rows get.
  await connection.run(`CREATE OR REPLACE TEMP TABLE orchard_changed AS
    SELECT k.segment_key, c.instance_id, c.app_id, c.day, ${latestValueSql('c.latest', 'k.granularity')} AS latest FROM (
      SELECT v.instance_id, v.app_id, v.day, v.is_latest,
        row_number() OVER (PARTITION BY v.app_id, v.granularity, v.day, ${UNDATED('v')} ORDER BY ${WINNER_ORDER}) = 1 AS latest
      FROM orchard.vintages AS v
      SEMI JOIN temp.orchard_touched AS k ON v.app_id IS NOT DISTINCT FROM k.app_id AND v.granularity = k.granularity
        AND v.day IS NOT DISTINCT FROM k.day AND ${UNDATED('v')} IS NOT DISTINCT FROM k.undated
      WHERE v.table_name = ${table}
    ) AS c JOIN ${SEGMENT_KEYS_TABLE} AS k ON k.table_name = ${table} AND k.instance_id = c.instance_id
    WHERE c.is_latest IS DISTINCT FROM c.latest`);
  await connection.run(`UPDATE orchard.vintages AS v SET is_latest = c.latest > 0
    FROM (SELECT DISTINCT instance_id, app_id, day, latest FROM temp.orchard_changed) AS c
    WHERE v.table_name = ${table} AND v.instance_id = c.instance_id
      AND v.app_id IS NOT DISTINCT FROM c.app_id AND v.day IS NOT DISTINCT FROM c.day`);
  // A literal list of the segments whose rows flip lets the scan skip every other row group
  // before the join (a full rebuild flips every instance, so it has no list).
  const changed = instanceIds === 'all' ? null : (await connection.runAndReadAll('SELECT DISTINCT segment_key FROM temp.orchard_changed ORDER BY 1'))
    .getRowsJson().map((row) => Number(row[0]));
  if (changed !== null && changed.length === 0) return;
  const prefilter = changed === null ? '' : `${segmentKeyFilter(changed)} AND `;
  await connection.run(`UPDATE ${qualified('raw', tableName)} AS t SET ${quoteIdent(LATEST_COLUMN)} = c.latest
    FROM temp.orchard_changed AS c
    WHERE ${prefilter}t._segment_key = c.segment_key AND ${key.app} IS NOT DISTINCT FROM c.app_id AND ${key.day} IS NOT DISTINCT FROM c.day`);
}

/**
 * Which of `instanceIds` have rows in raw.<tableName>: orchard.vintages lists every instance that
 * does (refreshLatest keeps it exact in the same transaction), and is far smaller than the table.
 */
export async function instancesWithRows(connection: DuckDBConnection, tableName: string, instanceIds: readonly string[]): Promise<string[]> {
  if (instanceIds.length === 0) return [];
  const reader = await connection.runAndReadAll(`SELECT DISTINCT instance_id FROM orchard.vintages
    WHERE table_name = ${sqlString(tableName)} AND instance_id IN (${inList(instanceIds)})`);
  return reader.getRowsJson().map((row) => String(row[0]));
}

/** Column name → type of raw.<tableName>, in table order; null when the table does not exist. */
export async function readRawTableColumns(connection: DuckDBConnection, tableName: string): Promise<TableColumns | null> {
  const reader = await connection.runAndReadAll(
    `SELECT column_name, data_type FROM duckdb_columns()
     WHERE database_name = current_database() AND schema_name = 'raw' AND table_name = $1 ORDER BY column_index`,
    [tableName],
  );
  const rows = reader.getRowsJson();
  return rows.length === 0 ? null : new Map(rows.map((row) => [String(row[0]), String(row[1])]));
}
