// Which of a batch's rows Apple's restatement rule keeps, decided AS they are inserted, so the
// INSERT writes `_latest` itself: updating rows inserted in the same transaction made DuckDB
// rewrite them at COMMIT (0.5 s per million rows). A row is inserted kept unless a vintage already
// in the table beats its file for its key (app, granularity, day). Files of the same batch that
// restate each other's days are not known before the read; refreshLatest (latest.ts), the
// authority, corrects those few rows after. A keys-only first read of every file did know them,
// but cost a second decompression of the whole batch (15% of an ingest) to save an update that
// Apple's own batches (one day per daily instance) rarely need.
import type { DuckDBConnection } from '@duckdb/node-api';
import { undatedKey, winnerRank } from './latest';
import { sqlDate, sqlString } from './sql';

/** Per key, the best vintage already in the table: read by the INSERT (ingestLoad.ts). */
export const BATCH_BEST = 'temp.orchard_batch_best';

export interface FileVintage {
  instanceId: string;
  processingDate: string;
  accessType: string;
}

/** A file's place in the winner order, comparable with BATCH_BEST's `best`. */
export function fileRankSql(f: FileVintage): string {
  return winnerRank(sqlDate(f.processingDate), sqlString(f.accessType), sqlString(f.instanceId));
}

/**
 * Fills BATCH_BEST from orchard.vintages; `instanceIds`' own old vintages do not count (their rows
 * were just deleted). `appType` is the table's app column type: the few keys are cast, not the rows.
 */
export async function markExistingBest(connection: DuckDBConnection, tableName: string, instanceIds: readonly string[], appType: string): Promise<void> {
  const others = instanceIds.length === 0 ? '' : ` AND instance_id NOT IN (${instanceIds.map(sqlString).join(', ')})`;
  await connection.run(`CREATE OR REPLACE TEMP TABLE orchard_batch_best AS
    SELECT TRY_CAST(app_id AS ${appType}) AS app_id, granularity, day, ${undatedKey('day', 'processing_date')} AS undated,
      max(${winnerRank('processing_date', 'access_type', 'instance_id')}) AS best
    FROM orchard.vintages WHERE table_name = ${sqlString(tableName)}${others} GROUP BY ALL`);
}
