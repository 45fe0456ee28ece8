// The CLI commands that work on this computer only: query, the local side of status, rebuild from
// the cache and verify the cache. None of them calls Apple.
import { OrchardError } from '../../shared/errors';
import { checkCache } from '../sync/cacheCheck';
import { localStatus } from '../sync/localStatus';
import { rebuildFromCache } from '../sync/rebuild';
import { openWarehouseWithHealth } from '../sync/warehouseAccess';
import type { Logger } from '../logging/logger';
import type { Warehouse } from '../warehouse';
import type { QueryFormat } from './cliArgs';
import { localStatusText, rebuildText } from './cliOutput';
import { printQuery } from './cliQuery';
import { listenForStop } from './cliSignals';

interface Deps {
  dataDir: string;
  logger: Logger;
}

async function withWarehouse<T>(deps: Deps, use: (w: Warehouse) => Promise<T>): Promise<T> {
  const { warehouse } = await openWarehouseWithHealth({ dataDir: deps.dataDir, logger: deps.logger, damaged: 'report' });
  try {
    return await use(warehouse);
  } finally {
    await warehouse.close();
  }
}

export async function queryCommand(sql: string, format: QueryFormat, deps: Deps): Promise<number> {
  await withWarehouse(deps, (w) => printQuery(w, sql, format, process.stdout));
  return 0;
}

export async function localStatusCommand(appId: string | undefined, deps: Deps): Promise<void> {
  const status = await withWarehouse(deps, (w) => localStatus(w, deps.dataDir, appId));
  process.stdout.write(localStatusText(status, deps.dataDir) + '\n');
}

export async function rebuildCommand(deps: Deps): Promise<number> {
  const { warehouse, health } = await openWarehouseWithHealth({ dataDir: deps.dataDir, logger: deps.logger, damaged: 'set-aside' });
  const stop = listenForStop('the rebuild');
  try {
    if (health.state === 'damaged') process.stderr.write(`${health.message}\n`);
    if (warehouse.readOnly) throw new OrchardError('READ_ONLY', `${health.message} Nothing was rebuilt.`);
    let last = '';
    const summary = await rebuildFromCache({
      warehouse,
      dataDir: deps.dataDir,
      signal: stop.signal,
      onProgress: (p) => {
        const line = `[rebuild ${p.phase}] ${p.message}  instances ${p.instances.done}/${p.instances.total}  rows ${p.rows}`;
        if (line !== last) process.stderr.write(line + '\n');
        last = line;
      },
    });
    process.stderr.write(rebuildText(summary) + '\n');
    if (summary.outcome === 'cancelled') return stop.exitCode();
    return summary.outcome === 'succeeded' ? 0 : 1;
  } finally {
    stop.dispose();
    await warehouse.close();
  }
}

export async function verifyCommand(deps: Deps): Promise<number> {
  const check = await checkCache(deps.dataDir, { deep: true });
  for (const p of check.problems) {
    const m = p.instance.manifest;
    process.stdout.write(`${p.problem.padEnd(8)} ${m.reportName} ${m.granularity.toLowerCase()} ${m.processingDate}: ${p.file}\n`);
  }
  for (const file of check.unreadable) process.stdout.write(`unreadable manifest: ${file}\n`);
  process.stderr.write(
    `Verified ${check.files} file(s) (${check.bytes} bytes) of ${check.instances.length} instance(s) against their MD5: ` +
      `${check.problems.length} missing or damaged${check.problems.length ? ' (the next sync fetches them again while Apple still has them)' : ''}.\n`,
  );
  return check.problems.length || check.unreadable.length ? 1 : 0;
}
