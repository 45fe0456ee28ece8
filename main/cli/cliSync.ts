// `orchard sync`: one or several apps (or every app the key sees) in one run, one summary each.
// Ctrl-C or SIGTERM stop the run truthfully (cancelled, exit 130/143); an app ID Apple does not
// know is refused up front instead of surfacing later as "expired after 35 days".
import { OrchardError } from '../../shared/errors';
import type { SyncSummary } from '../../shared/sync';
import type { AscClient } from '../asc/client';
import { createSyncPreferences } from '../browse/syncPreferences';
import type { Logger } from '../logging/logger';
import type { SettingsStore } from '../settings/settingsStore';
import type { OrchardSettings } from '../settings/orchardSettings';
import { runSync } from '../sync/syncEngine';
import { rebuildInterruptedError } from '../sync/rebuildMarker';
import { openWarehouseWithHealth } from '../sync/warehouseAccess';
import { createWarehouseSyncStore } from '../sync/warehouseSyncStore';
import { UsageError, type CliCommand } from './cliArgs';
import { EXIT } from './cliExit';
import { progressLine, summaryText } from './cliOutput';
import { listenForStop } from './cliSignals';

type SyncCommand = Extract<CliCommand, { name: 'sync' }>;

const CREDENTIAL_CODES = new Set(['AUTH_FAILED', 'FORBIDDEN', 'SECRET_STORE_UNAVAILABLE', 'BAD_INPUT', 'NOT_FOUND']);

async function appsToSync(cmd: SyncCommand, client: AscClient): Promise<string[]> {
  if (cmd.allApps) {
    const apps = await client.listApps();
    if (apps.length === 0) throw new UsageError('This key sees no apps.');
    return apps.map((a) => a.id);
  }
  for (const appId of cmd.appIds) {
    await client.getApp(appId).catch((error: unknown) => {
      // Only a definite "no such app" refuses; a key that may not read apps still syncs.
      if (error instanceof OrchardError && error.code === 'NOT_FOUND') {
        throw new UsageError(`Apple knows no app with ID ${appId} that this key can see: check --app (or use --all-apps).`);
      }
    });
  }
  return cmd.appIds;
}

function exitCodeOf(summary: SyncSummary): number {
  if (summary.outcome === 'succeeded') return 0;
  const first = summary.issues[0]?.error;
  if (summary.outcome === 'failed' && first?.code === 'DISK_FULL') return EXIT.diskFull;
  if (summary.outcome === 'failed' && first?.code === 'WAREHOUSE_DAMAGED') return EXIT.damaged;
  if (summary.outcome === 'failed' && first && CREDENTIAL_CODES.has(first.code)) return 2;
  return 1;
}

export async function syncCommand(cmd: SyncCommand, deps: { dataDir: string; client: AscClient; settings: SettingsStore<OrchardSettings>; logger: Logger }): Promise<number> {
  const { dataDir, client } = deps;
  const apps = await appsToSync(cmd, client);
  const { warehouse, health, rebuildInterrupted } = await openWarehouseWithHealth({ dataDir, logger: deps.logger, damaged: 'report' });
  const stop = listenForStop('the sync');
  try {
    if (warehouse.readOnly) throw new OrchardError('READ_ONLY', `${health.message} Nothing was synced.`);
    // Never "succeeded" over a warehouse a rebuild left short of what the cache holds.
    if (rebuildInterrupted) throw rebuildInterruptedError(rebuildInterrupted);
    if (health.state === 'missing') {
      process.stderr.write(`note: ${health.message} (\`orchard rebuild\`). This sync reuses the cached files Apple still lists without downloading them again.\n`);
    }
    const prefs = createSyncPreferences(deps.settings, () => new Date());
    // Tests and log-scrapers may want every progress event; people want one line a second.
    const interval = Number(process.env.ORCHARD_PROGRESS_INTERVAL_MS ?? 1000);
    let code = 0;
    let synced = 0;
    let cancelled = false;
    for (const appId of apps) {
      if (stop.signal.aborted) break;
      let lastLine = 0;
      const summary = await runSync(
        {
          appId,
          reportNames: cmd.reports,
          granularities: cmd.granularities,
          concurrency: cmd.concurrency,
          recreateStopped: cmd.recreateStopped,
          requestSnapshot: cmd.snapshot && prefs.snapshotQuota(appId).lastRequestedAt === undefined,
        },
        {
          client,
          store: createWarehouseSyncStore(warehouse),
          dataDir,
          now: () => new Date(),
          signal: stop.signal,
          onProgress: (p) => {
            if (p.phase === 'finished' || Date.now() - lastLine >= interval) {
              lastLine = Date.now();
              process.stderr.write(progressLine(p) + '\n');
            }
          },
          onSnapshotAttempted: () => prefs.markSnapshotRequested(appId),
        },
      );
      process.stderr.write((apps.length > 1 ? `App ${appId}: ` : '') + summaryText(summary) + '\n');
      code = Math.max(code, exitCodeOf(summary));
      synced += 1;
      cancelled ||= summary.outcome === 'cancelled';
    }
    // A stop that came after the last run was recorded as finished does not make it "stopped":
    // the exit code says what was recorded (a run recorded succeeded never exits 143).
    return cancelled || synced < apps.length ? stop.exitCode() : code;
  } finally {
    stop.dispose();
    await warehouse.close();
  }
}
