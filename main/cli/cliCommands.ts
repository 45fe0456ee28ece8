// The CLI commands that work on this computer only: query, the local side of status, rebuild from
// the cache and verify the cache. None of them calls Apple.
import { checkCache } from '../sync/cacheCheck';
import { localStatus } from '../sync/localStatus';
import { rebuildAtomically } from '../sync/atomicRebuild';
import { INTERRUPTED_MESSAGE, readRebuildMarker } from '../sync/rebuildMarker';
import { openWarehouseForReading, openWarehouseWithHealth } from '../sync/warehouseAccess';
import { scanWarehouse } from '../sync/warehouseScan';
import { plural } from '../sync/wording';
import { damagedError } from '../warehouse/errors';
import type { Logger } from '../logging/logger';
import type { OpenWarehouse } from '../warehouse/open';
import type { QueryFormat } from './cliArgs';
import { EXIT } from './cliExit';
import { localStatusText, rebuildText } from './cliOutput';
import { printQuery } from './cliQuery';
import { listenForStop } from './cliSignals';

interface Deps {
  dataDir: string;
  logger: Logger;
}

/** `interrupted`: a rebuild was left unfinished (already told on stderr). */
async function withWarehouse<T>(deps: Deps, use: (w: OpenWarehouse, interrupted: boolean) => Promise<T>): Promise<T> {
  const { warehouse, rebuildInterrupted } = await openWarehouseWithHealth({ dataDir: deps.dataDir, logger: deps.logger, damaged: 'report' });
  if (rebuildInterrupted) process.stderr.write(`orchard: ${INTERRUPTED_MESSAGE}\n`);
  try {
    return await use(warehouse, rebuildInterrupted !== null);
  } finally {
    await warehouse.close();
  }
}

/** Read-only, so queries run side by side (and beside `orchard rebuild`); a sync or the app holding the folder: exit 3. */
export async function queryCommand(sql: string, format: QueryFormat, deps: Deps): Promise<number> {
  const { warehouse, rebuildInterrupted, rebuildRunning } = await openWarehouseForReading({ dataDir: deps.dataDir, logger: deps.logger });
  if (rebuildInterrupted) process.stderr.write(`orchard: ${INTERRUPTED_MESSAGE}\n`);
  if (rebuildRunning) process.stderr.write('orchard: a rebuild is running; this reads the warehouse as it was before it.\n');
  try {
    await printQuery(warehouse, sql, format, process.stdout);
  } finally {
    await warehouse.close();
  }
  return EXIT.ok;
}

/** Exit 4 when a rebuild was left unfinished: the status describes a warehouse short of its cache. */
export async function localStatusCommand(appId: string | undefined, deps: Deps): Promise<number> {
  const { status, interrupted } = await withWarehouse(deps, async (w, interrupted) => ({ status: await localStatus(w, deps.dataDir, appId), interrupted }));
  process.stdout.write(localStatusText(status, deps.dataDir) + '\n');
  if (interrupted) process.stdout.write(`  warehouse: ${INTERRUPTED_MESSAGE}\n`);
  return interrupted ? EXIT.damaged : EXIT.ok;
}

export async function rebuildCommand(deps: Deps): Promise<number> {
  const stop = listenForStop('the rebuild');
  try {
    let last = '';
    const { summary, swapped } = await rebuildAtomically({
      dataDir: deps.dataDir,
      logger: deps.logger,
      signal: stop.signal,
      onOpened: (health, interrupted) => {
        if (health.state === 'damaged' && !interrupted) process.stderr.write(`${health.message}\n`);
        if (interrupted) process.stderr.write('An earlier rebuild did not finish; this one starts again from the cache.\n');
      },
      onProgress: (p) => {
        const line = `[rebuild ${p.phase}] ${p.message}  instances ${p.instances.done}/${p.instances.total}  rows ${p.rows}`;
        if (line !== last) process.stderr.write(line + '\n');
        last = line;
      },
    });
    process.stderr.write(rebuildText(summary) + '\n');
    if (!swapped) process.stderr.write(`The previous warehouse was kept unchanged. ${INTERRUPTED_MESSAGE}\n`);
    if (summary.outcome === 'cancelled') return stop.exitCode();
    if (summary.outcome === 'failed' && summary.failures.some((f) => /disk is full/i.test(f.message))) return EXIT.diskFull;
    return summary.outcome === 'succeeded' ? EXIT.ok : EXIT.partial;
  } finally {
    stop.dispose();
  }
}

/** Exit 4 also when a rebuild was left unfinished: the cache may be fine, the warehouse is short of it. */
export async function verifyCommand(warehouseToo: boolean, deps: Deps): Promise<number> {
  const unfinished = warehouseToo ? null : await readRebuildMarker(deps.dataDir);
  if (unfinished) process.stderr.write(`orchard: ${INTERRUPTED_MESSAGE}\n`);
  const check = await checkCache(deps.dataDir, { deep: true });
  for (const p of check.problems) {
    const m = p.instance.manifest;
    process.stdout.write(`${p.problem.padEnd(8)} ${m.reportName} ${m.granularity.toLowerCase()} ${m.processingDate}: ${p.file}\n`);
  }
  for (const file of check.unreadable) process.stdout.write(`unreadable manifest: ${file}\n`);
  process.stderr.write(
    `Verified ${plural(check.files, 'file')} (${plural(check.bytes, 'byte')}) of ${plural(check.instances.length, 'instance')} against their MD5: ` +
      `${check.problems.length} missing or damaged${check.problems.length ? ' (the next sync fetches them again while Apple still has them)' : ''}.\n`,
  );
  const cacheCode = check.problems.length || check.unreadable.length ? EXIT.partial : EXIT.ok;
  if (!warehouseToo) return unfinished ? EXIT.damaged : cacheCode;
  const { scan, interrupted } = await withWarehouse(deps, async (w, interrupted) => ({ scan: await scanWarehouse(w), interrupted }));
  for (const d of scan.damaged) process.stdout.write(`damaged  table ${d.table}: ${d.message.split('\n')[0]}\n`);
  process.stderr.write(`Read every block of ${plural(scan.tables, 'table')}, ${plural(scan.rows, 'row')}: ${scan.damaged.length ? `${scan.damaged.length} damaged.` : 'no damage found.'}\n`);
  if (scan.damaged.length === 0) return interrupted ? EXIT.damaged : cacheCode;
  process.stderr.write(`orchard: ${damagedError(scan.damaged[0]!.message).message}\n`);
  return EXIT.damaged;
}
