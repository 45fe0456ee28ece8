// What this computer holds, without asking Apple: the last sync run and how it ended, instances
// listed but not loaded yet, quarantined files, and how far each report's data reaches.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { SyncSummary } from '../../shared/sync';
import type { Warehouse } from '../warehouse';
import { summaryFromRun } from './warehouseSyncStore';

export interface LocalStatus {
  lastRun: SyncSummary | null;
  /** The last run's app as App Store Connect names it, when the warehouse knows it. */
  lastRunAppName?: string;
  pendingInstances: number;
  quarantinedFiles: number;
  reports: { reportName: string; granularity: string; latestProcessingDate: string; instances: number }[];
}

/** Kept copies only (`<segment>-<checksum>.csv.gz`): the failure records beside them are not files a user quarantined. */
async function countQuarantined(dir: string): Promise<number> {
  const names = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return names.filter((d) => d.isFile() && d.name.endsWith('.csv.gz')).length;
}

export async function localStatus(warehouse: Pick<Warehouse, 'metadata'>, dataDir: string, appId?: string): Promise<LocalStatus> {
  // appId is validated as digits by every caller; still quoted as a literal.
  const forApp = appId === undefined ? '' : `AND app_id = '${appId.replace(/'/g, "''")}'`;
  const [lastRun] = await warehouse.metadata.listSyncRuns({ limit: 1, ...(appId === undefined ? {} : { appId }) });
  const [pending] = await warehouse.metadata.read(`SELECT COUNT(*) AS n FROM orchard.instances WHERE state <> 'ingested' ${forApp}`);
  const reports = await warehouse.metadata.read(
    `SELECT report_name, granularity, CAST(MAX(processing_date) AS VARCHAR) AS latest, COUNT(*) AS n
     FROM orchard.instances WHERE state = 'ingested' ${forApp} GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  const run = lastRun ? summaryFromRun(lastRun) : null;
  const [app] = run ? await warehouse.metadata.read(`SELECT name FROM orchard.apps WHERE app_id = '${run.appId.replace(/'/g, "''")}'`) : [];
  return {
    lastRun: run,
    ...(app?.name ? { lastRunAppName: String(app.name) } : {}),
    pendingInstances: Number(pending?.n ?? 0),
    quarantinedFiles: await countQuarantined(path.join(dataDir, 'quarantine')),
    reports: reports.map((r) => ({ reportName: String(r.report_name), granularity: String(r.granularity), latestProcessingDate: String(r.latest), instances: Number(r.n) })),
  };
}
