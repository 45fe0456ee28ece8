// Runs that never finished (the process was killed, the machine stopped, the disk filled before
// the run could be recorded) keep outcome NULL in orchard.sync_runs. The next open marks them
// 'interrupted' with what they kept: only one process can hold the file, so none is still alive.
import type { Warehouse } from '../warehouse';
import { plural } from './wording';

interface OpenRun {
  id: string;
  instances: number;
  rows: number;
  segments: number;
  /** The last thing the run wrote (or its start): the truest end time known. */
  lastActivity: number;
}

const OPEN_RUNS_SQL = `
  WITH runs AS (
    SELECT run_id, app_id, outcome, started_at,
      LEAD(started_at) OVER (ORDER BY started_at, run_id) AS next_started_at
    FROM orchard.sync_runs),
  open_runs AS (
    SELECT run_id, app_id, started_at, coalesce(next_started_at, TIMESTAMP '9999-12-31') AS until
    FROM runs WHERE outcome IS NULL)
  SELECT r.run_id AS id,
    (SELECT COUNT(*) FROM orchard.instances i WHERE i.state = 'ingested' AND i.ingested_at >= r.started_at
       AND i.ingested_at < r.until AND (r.app_id IS NULL OR i.app_id = r.app_id)) AS instances,
    (SELECT coalesce(SUM(i.row_count), 0) FROM orchard.instances i WHERE i.state = 'ingested' AND i.ingested_at >= r.started_at
       AND i.ingested_at < r.until AND (r.app_id IS NULL OR i.app_id = r.app_id)) AS rows,
    (SELECT COUNT(*) FROM orchard.segments s JOIN orchard.instances i USING (instance_id)
       WHERE s.state IN ('downloaded', 'ingested') AND s.updated_at >= r.started_at AND s.updated_at < r.until
       AND (r.app_id IS NULL OR i.app_id = r.app_id)) AS segments,
    coalesce((SELECT epoch_ms(MAX(s.updated_at)) FROM orchard.segments s JOIN orchard.instances i USING (instance_id)
       WHERE s.updated_at >= r.started_at AND s.updated_at < r.until AND (r.app_id IS NULL OR i.app_id = r.app_id)),
       epoch_ms(r.started_at)) AS last_activity
  FROM open_runs r`;

export function interruptedNote(kept: { instances: number; segments: number }): string {
  return (
    `Orchard stopped before this sync finished (it was killed, the computer stopped, or the disk filled up). ` +
    `Kept: ${plural(kept.instances, 'instance')} loaded and ${plural(kept.segments, 'verified file')}; the next sync resumes the rest.`
  );
}

/** Marks every unfinished run 'interrupted'; returns how many. */
export async function markInterruptedRuns(warehouse: Pick<Warehouse, 'metadata'>): Promise<number> {
  const rows = await warehouse.metadata.read(OPEN_RUNS_SQL);
  const runs: OpenRun[] = rows.map((r) => ({
    id: String(r.id),
    instances: Number(r.instances ?? 0),
    rows: Number(r.rows ?? 0),
    segments: Number(r.segments ?? 0),
    lastActivity: Number(r.last_activity),
  }));
  for (const run of runs) {
    await warehouse.metadata.finishSyncRun(run.id, {
      outcome: 'interrupted',
      endedAt: new Date(run.lastActivity),
      counts: { instancesIngested: run.instances, rowsLoaded: run.rows, segmentsDownloaded: run.segments },
      errors: [{ kind: 'note', message: interruptedNote(run) }],
    });
  }
  return runs.length;
}
