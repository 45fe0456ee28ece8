// Which of a batch's rows Apple's restatement rule keeps, decided BEFORE they are inserted, so the
// INSERT writes `_latest` itself. Updating rows inserted in the same transaction made DuckDB rewrite
// them at COMMIT (0.5 s per million rows, a third of an ingest). A keys-only pass over the batch's
// files (file, app, day: a few dozen rows) is ranked here against the other files of the batch and
// the best vintage already in the table. refreshLatest (latest.ts) stays the authority: where this
// and it disagree it rewrites the rows, so this can only make an ingest faster, never wrong.
import type { DuckDBConnection } from '@duckdb/node-api';
import { undatedKey, winnerRank } from './latest';
import { sqlDate, sqlString } from './sql';

/** Keys of the batch's files, filled by ingestLoad.collectFileKeys. */
export const BATCH_KEYS = 'temp.orchard_batch_keys';
/** The (file, app, day) keys whose rows are kept, read by the INSERT (ingestLoad.ts). */
export const BATCH_KEPT = 'temp.orchard_batch_kept';

export interface BatchFileVintage {
  filePath: string;
  instanceId: string;
  granularity: string;
  processingDate: string;
  accessType: string;
}


export async function startBatchKeys(connection: DuckDBConnection): Promise<void> {
  await connection.run(`CREATE OR REPLACE TEMP TABLE orchard_batch_keys (file VARCHAR, app_id VARCHAR, day DATE)`);
}

/** Ranks the collected keys; instanceIds' own old vintages do not count (their rows were just deleted). */
export async function markBatchWinners(
  connection: DuckDBConnection, tableName: string, files: readonly BatchFileVintage[], instanceIds: readonly string[],
): Promise<void> {
  if (files.length === 0) {
    await connection.run('CREATE OR REPLACE TEMP TABLE orchard_batch_kept (file VARCHAR, app_id VARCHAR, day DATE)');
    return;
  }
  const vintages = files.map((f) => `(${[f.filePath, f.instanceId, f.granularity].map(sqlString).join(', ')}, ${sqlDate(f.processingDate)}, ${sqlString(f.accessType)})`);
  const others = instanceIds.length === 0 ? '' : ` AND instance_id NOT IN (${instanceIds.map(sqlString).join(', ')})`;
  await connection.run(`CREATE OR REPLACE TEMP TABLE orchard_batch_kept AS
    WITH files(file, instance_id, granularity, processing_date, access_type) AS (VALUES ${vintages.join(', ')}),
    candidates AS (
      SELECT DISTINCT k.file, k.app_id, k.day, f.granularity, ${undatedKey('k.day', 'f.processing_date')} AS undated,
        ${winnerRank('f.processing_date', 'f.access_type', 'f.instance_id')} AS rank
      FROM ${BATCH_KEYS} AS k JOIN files AS f USING (file)
    ),
    existing AS (
      SELECT app_id, granularity, day, ${undatedKey('day', 'processing_date')} AS undated,
        max(${winnerRank('processing_date', 'access_type', 'instance_id')}) AS best
      FROM orchard.vintages WHERE table_name = ${sqlString(tableName)}${others} GROUP BY ALL
    )
    SELECT DISTINCT c.file, c.app_id, c.day FROM candidates AS c
    LEFT JOIN existing AS e ON e.app_id IS NOT DISTINCT FROM c.app_id AND e.granularity = c.granularity
      AND e.day IS NOT DISTINCT FROM c.day AND e.undated IS NOT DISTINCT FROM c.undated
    QUALIFY c.rank = max(c.rank) OVER (PARTITION BY c.app_id, c.granularity, c.day, c.undated) AND (e.best IS NULL OR c.rank > e.best)`);
}
