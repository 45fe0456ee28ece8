// `orchard` — the headless CLI over the same services as the app: sync, status, query.
// Exit codes: 0 success, 1 partial (some reports failed), 2 usage or credentials error.
import path from 'node:path';
import { OrchardError } from '../../shared/errors';
import { createAscClient, createTokenProvider } from '../asc';
import { createLogger } from '../logging/logger';
import { defaultDataDir } from '../platform/defaultDataDir';
import { resolveAscBaseUrl } from '../session/ascBaseUrl';
import { createConfSettingsStore } from '../settings/confSettingsStore';
import { DEFAULT_SETTINGS, type OrchardSettings } from '../settings/orchardSettings';
import { createSyncPreferences } from '../browse/syncPreferences';
import { checkStatus } from '../sync/statusCheck';
import { runSync } from '../sync/syncEngine';
import { createWarehouseSyncStore } from '../sync/warehouseSyncStore';
import { openWarehouse } from '../warehouse';
import { USAGE, UsageError, parseCli, type CliCommand } from './cliArgs';
import { resolveCliKey } from './cliKey';
import { formatRows, progressLine, statusText, summaryText } from './cliOutput';

const CREDENTIAL_CODES = new Set(['AUTH_FAILED', 'FORBIDDEN', 'SECRET_STORE_UNAVAILABLE', 'BAD_INPUT', 'NOT_FOUND']);
const PAGE = 10_000;

async function run(cmd: Exclude<CliCommand, { name: 'help' }>): Promise<number> {
  const dataDir = cmd.dataDir ? path.resolve(cmd.dataDir) : defaultDataDir();
  const settings = createConfSettingsStore<OrchardSettings>({ dir: dataDir, defaults: DEFAULT_SETTINGS });
  const logger = createLogger({ minLevel: 'warn' });
  if (cmd.name === 'query') {
    const warehouse = await openWarehouse({ dataDir, logger });
    try {
      const info = await warehouse.query.runQuery(cmd.sql);
      const names = info.columns.map((c) => c.name);
      for (let offset = 0; offset < info.totalRows || offset === 0; offset += PAGE) {
        const page = await warehouse.query.fetchPage(info.resultId, { offset, limit: PAGE });
        const text = formatRows(names, page.rows, cmd.format);
        // Header only once for table/csv: later pages print rows only.
        process.stdout.write((offset === 0 ? text : text.split('\n').slice(cmd.format === 'json' ? 0 : cmd.format === 'csv' ? 1 : 2).join('\n')) + '\n');
        if (info.totalRows === 0) break;
      }
      await warehouse.query.releaseResult(info.resultId);
      return 0;
    } finally {
      await warehouse.close();
    }
  }

  const creds = await resolveCliKey(cmd.key, settings);
  const client = createAscClient({
    baseUrl: resolveAscBaseUrl(process.env, cmd.baseUrl),
    fetch: globalThis.fetch,
    tokenProvider: createTokenProvider({ keyId: creds.keyId, issuerId: creds.issuerId, individual: creds.individual, privateKeyPem: creds.privateKeyPem }),
  });
  if (cmd.name === 'status') {
    process.stdout.write(statusText(await checkStatus({ api: client, appId: cmd.appId, today: new Date() })) + '\n');
    return 0;
  }

  const warehouse = await openWarehouse({ dataDir, logger });
  const controller = new AbortController();
  process.once('SIGINT', () => {
    process.stderr.write('\nCancelling… (what is verified or loaded is kept)\n');
    controller.abort();
  });
  try {
    const prefs = createSyncPreferences(settings, () => new Date());
    let lastLine = 0;
    // Tests and log-scrapers may want every progress event; people want one line a second.
    const interval = Number(process.env.ORCHARD_PROGRESS_INTERVAL_MS ?? 1000);
    const summary = await runSync(
      {
        appId: cmd.appId,
        reportNames: cmd.reports,
        granularities: cmd.granularities,
        concurrency: cmd.concurrency,
        recreateStopped: cmd.recreateStopped,
        requestSnapshot: cmd.snapshot && prefs.snapshotQuota(cmd.appId).lastRequestedAt === undefined,
      },
      {
        client,
        store: createWarehouseSyncStore(warehouse),
        dataDir,
        now: () => new Date(),
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'finished' || Date.now() - lastLine >= interval) {
            lastLine = Date.now();
            process.stderr.write(progressLine(p) + '\n');
          }
        },
        onSnapshotAttempted: () => prefs.markSnapshotRequested(cmd.appId),
      },
    );
    process.stderr.write(summaryText(summary) + '\n');
    if (summary.outcome === 'succeeded') return 0;
    const first = summary.issues[0]?.error;
    if (summary.outcome === 'failed' && first && CREDENTIAL_CODES.has(first.code)) return 2;
    return 1;
  } finally {
    await warehouse.close();
  }
}

async function main(argv: string[]): Promise<number> {
  let cmd: CliCommand;
  try {
    cmd = parseCli(argv);
  } catch (error) {
    process.stderr.write(`orchard: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (cmd.name === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  try {
    return await run(cmd);
  } catch (error) {
    if (error instanceof UsageError) return (process.stderr.write(`orchard: ${error.message}\n`), 2);
    const e = error instanceof OrchardError ? error : new OrchardError('INTERNAL', (error as Error)?.message ?? String(error));
    process.stderr.write(`orchard: ${e.message}\n`);
    return CREDENTIAL_CODES.has(e.code) || e.code === 'QUERY_FAILED' ? 2 : 1;
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
