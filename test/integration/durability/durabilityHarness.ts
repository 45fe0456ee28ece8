// A sync harness that has lived past Apple's 35 days: several syncs while the fake's clock moves
// on, until the earliest instances are deleted on Apple's side and only the data folder has them.
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DATABASE_FILE } from '../../../main/warehouse';
import { APP_ID, startSyncHarness, type SyncHarness } from '../sync/syncHarness';
import { ensureCliBuilt, runCli } from '../../support/builtCli';
import { makeTestApiKey } from '../../support/testKeys';

export const DOWNLOADS = { report: 'App Downloads Standard', table: 'app_downloads_standard', metric: 'counts' } as const;
export const ONLY_DOWNLOADS = { reportNames: [DOWNLOADS.report], granularities: ['DAILY' as const] };
/** Downloads per date from the daily view: what a rebuild must give back. */
export const DOWNLOADS_TOTALS_SQL = `SELECT CAST(date AS VARCHAR) AS d, SUM(${DOWNLOADS.metric}) AS t FROM main.${DOWNLOADS.table} GROUP BY 1 ORDER BY 1`;

/** Syncs every ≤ 12 days for ~7 weeks, so nothing expires unread and the first weeks expire at Apple. */
export async function harnessPast35Days(): Promise<SyncHarness> {
  const h = await startSyncHarness({ inactivityDays: Infinity, rowsScale: 20 });
  await h.sync(ONLY_DOWNLOADS);
  for (const days of [12, 10, 10, 10, 8]) {
    h.fake.clock.advanceDays(days);
    const s = await h.sync(ONLY_DOWNLOADS);
    if (s.outcome !== 'succeeded') throw new Error(`setup sync ${s.outcome}: ${JSON.stringify(s.issues)}`);
  }
  return h;
}

export function truth(h: SyncHarness, scope: 'existing' | 'everProduced'): Map<string, number> {
  return h.fake.latestTotals({ appId: APP_ID, reportName: DOWNLOADS.report, granularity: 'DAILY', metric: 'Counts', scope });
}

export async function deleteWarehouseFile(dataDir: string): Promise<void> {
  await rm(path.join(dataDir, DATABASE_FILE), { force: true });
  await rm(path.join(dataDir, `${DATABASE_FILE}.wal`), { force: true });
}

/** A key the fake knows, written to a one-run key file, and the CLI arguments that use it against the fake. */
export async function cliKeyFor(h: SyncHarness): Promise<{ keyArgs: string[]; remove: () => Promise<void> }> {
  const key = makeTestApiKey();
  h.fake.registerKey({ keyId: key.keyId, issuerId: key.issuerId, publicKeyPem: key.publicKeyPem, role: 'ADMIN' });
  const keyFile = path.join(os.tmpdir(), `AuthKey_${key.keyId}-${process.pid}.p8`);
  await writeFile(keyFile, key.privateKeyPem);
  return {
    keyArgs: ['--key-file', keyFile, '--issuer-id', key.issuerId, '--base-url', h.fake.baseUrl],
    remove: () => rm(keyFile, { force: true }),
  };
}

/** Downloads per date as `orchard query --format jsonl` prints them (a failed query throws with its stderr). */
export async function cliDownloadsTotals(dataDir: string): Promise<string> {
  const q = await runCli(['query', '--data-dir', dataDir, '--format', 'jsonl', DOWNLOADS_TOTALS_SQL]);
  if (q.code !== 0) throw new Error(`orchard query exited ${q.code}: ${q.stderr}`);
  return q.stdout;
}

export interface CliHarness {
  h: SyncHarness;
  keyArgs: string[];
  close(): Promise<void>;
}

/** harnessPast35Days for tests of the built CLI: its warehouse closed (each command opens it) and a one-run key file. */
export async function cliHarnessPast35Days(): Promise<CliHarness> {
  ensureCliBuilt();
  const h = await harnessPast35Days();
  await h.warehouse.close();
  const cliKey = await cliKeyFor(h);
  return {
    h,
    keyArgs: cliKey.keyArgs,
    async close() {
      await h.close();
      await cliKey.remove();
    },
  };
}
