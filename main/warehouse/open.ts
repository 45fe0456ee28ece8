// Opens a workspace's warehouse: one DuckDB instance with `<dataDir>/orchard.duckdb` attached,
// schemas migrated, then locked down so SQL reaches no network and no file outside the folders SQL may use,
// and six connections: ingest/metadata writes, metadata reads, workbench queries, result pages,
// Insights dashboard tiles and their lookups.
import { mkdir, realpath } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { silentLogger } from '../logging/logger';
import { compactIfFragmented } from './compact';
import { openFailed } from './errors';
import { ingestInstance, ingestInstances } from './ingest';
import { ConnectionLane } from './lane';
import { createInsightsReader } from './insightsReader';
import { createMetadataStore } from './metadata';
import { createQueryService } from './queryService';
import { attachResultsDatabase } from './readOnlyRun';
import { migrate } from './schema';
import { openSalesStore } from './sales';
import { quoteIdent, sqlString } from './sql';
import { streamQuery, type QueryStreamer } from './streamQuery';
import { createUserImports } from './userImport';
import type { Warehouse, WarehouseOptions } from './types';

export const DATABASE_FILE = 'orchard.duckdb';

/**
 * The file is attached under this name rather than opened directly: opened directly its catalog
 * would be called `orchard` like the metadata schema, and `orchard.instances` would be ambiguous.
 */
export const WAREHOUSE_CATALOG = 'warehouse';

/**
 * WAL size that triggers a checkpoint (DuckDB's default is 16MB). A transaction appending less than
 * a row group (122,880 rows) goes through the WAL; at 16MB a checkpoint ran every couple of
 * instances and re-compressed the table's open row group each time (12 one-instance loads of 1M
 * rows: 4.0 s at 16MB, 2.9 s at 128MB). Larger batches skip the WAL and do not care.
 */
const CHECKPOINT_THRESHOLD = '128MB';

/**
 * DuckDB's own default takes 80% of RAM, which a desktop app shares with the user's browser and
 * editor. DuckDB fills whatever limit it has while loading a batch (one 2M-row batch peaked the
 * process at 487 MB under 4GB, 343 MB under 512MB, in the same time), so this limit, not the
 * warehouse size, bounds a sync's memory: a quarter of RAM, at most 512MB, aims at a sync under
 * 1 GB. Date aggregates stream and need far less; beyond it DuckDB spills to the temp folder.
 */
export const MAX_MEMORY_LIMIT_MB = 512;

function memoryLimit(): string {
  const quarterMb = Math.floor(os.totalmem() / 4 / 2 ** 20);
  return `${Math.max(256, Math.min(quarterMb, MAX_MEMORY_LIMIT_MB))}MB`;
}

/** Set when the instance is created: nothing may be fetched or installed from the network; checkpoints, memory and threads as above. */
export function instanceConfig(dataDir: string, fileName: string = DATABASE_FILE, readOnly = false): Record<string, string> {
  return {
    memory_limit: memoryLimit(),
    // Every core: a query or an ingest is what the user waits for, and DuckDB's threads never block the main process's event loop.
    threads: String(os.availableParallelism()),
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    allow_community_extensions: 'false',
    checkpoint_threshold: CHECKPOINT_THRESHOLD,
    // An in-memory instance would spill to `.tmp` in the working directory; keep it in the workspace.
    // Read-only opens run side by side (two `orchard query` at once) and DuckDB's spill file names
    // are not unique per process: each read-only process spills into its own folder.
    temp_directory: path.join(dataDir, readOnly ? `${fileName}.tmp-${process.pid}` : `${fileName}.tmp`),
  };
}

/**
 * The only folders of the data folder SQL may read (and COPY into): the segment cache (ingest
 * reads it; also in main/sync/downloadPhase.ts), exports (main/workbench/exportTarget.ts writes
 * there), the user's imported files and the Sales and Trends / Finance files (main/sales keeps
 * them; the sales loader reads them). Never the data folder itself: settings, logs, query
 * history and saved queries stay out of the workbench's reach.
 */
export const SQL_FOLDERS = ['segments', 'exports', 'imports', 'sales'] as const;

async function resolvedDir(dir: string, create = true): Promise<string> {
  if (create) await mkdir(dir, { recursive: true });
  return realpath(dir);
}

/**
 * The SQL_FOLDERS of `dataDir` and `extraDirs`, created and resolved (DuckDB compares real paths).
 * A read-only warehouse creates nothing: only the folders that exist are listed.
 */
export async function sqlReadableDirs(dataDir: string, extraDirs: readonly string[] = [], create = true): Promise<string[]> {
  const dirs = [...SQL_FOLDERS.map((folder) => path.join(dataDir, folder)), ...extraDirs];
  const resolved = await Promise.all(dirs.map((dir) => resolvedDir(dir, create).catch((error: unknown) => {
    if (create) throw error;
    return undefined;
  })));
  return resolved.filter((dir): dir is string => dir !== undefined);
}

/**
 * After setup, file access is limited to `readableDirs` and the configuration is locked, so SQL
 * typed by the user cannot undo any of it. DuckDB itself adds the attached file (and its WAL) and
 * the temp folder to what it may reach, whatever is set here: the workbench's own walls
 * (readOnlyGate.ts, readOnlyRun.ts) are what keep SQL from writing those.
 */
export async function lockDown(connection: DuckDBConnection, readableDirs: readonly string[]): Promise<void> {
  await connection.run(`SET allowed_directories = [${readableDirs.map(sqlString).join(', ')}]`);
  await connection.run('SET enable_external_access = false');
  await connection.run('SET lock_configuration = true');
}

/** The warehouse with the CLI's streaming query (types.ts's Warehouse is what every other caller sees). */
export type OpenWarehouse = Warehouse & QueryStreamer;

/** `fileName`: another file of the data folder than orchard.duckdb (a rebuild builds its new warehouse beside it). */
export async function openWarehouse(options: WarehouseOptions & { fileName?: string }): Promise<OpenWarehouse> {
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? silentLogger;
  const readOnly = options.readOnly ?? false;
  const dataDir = await resolvedDir(options.dataDir, !readOnly);
  const dataFolderRoots = [...new Set([dataDir, path.resolve(options.dataDir)])];
  const readableDirs = await sqlReadableDirs(dataDir, options.readableDirs, !readOnly);
  const filePath = path.join(dataDir, options.fileName ?? DATABASE_FILE);

  const instance = await DuckDBInstance.create(':memory:', instanceConfig(dataDir, options.fileName, readOnly)).catch((error: unknown) => {
    throw openFailed(error, filePath);
  });
  const connections: DuckDBConnection[] = [];
  try {
    const setup = await instance.connect();
    try {
      await setup.run(`ATTACH ${sqlString(filePath)} AS ${quoteIdent(WAREHOUSE_CATALOG)}${readOnly ? ' (READ_ONLY)' : ''}`);
      await setup.run(`USE ${quoteIdent(WAREHOUSE_CATALOG)}`);
      if (!readOnly) await migrate(setup, now, { dataFolderRoots });
      // Only the warehouse itself: a rebuild's file beside it is compacted once it is swapped in.
      if (!readOnly && options.fileName === undefined && options.compaction !== false) {
        await compactIfFragmented(setup, WAREHOUSE_CATALOG, filePath, logger, options.compaction);
      }
      await attachResultsDatabase(setup);
      for (let i = 0; i < 6; i += 1) {
        const connection = await instance.connect();
        connections.push(connection);
        await connection.run(`USE ${quoteIdent(WAREHOUSE_CATALOG)}`);
      }
      // Raw rows have no meaningful order; dropping it lets DuckDB insert faster.
      await connections[0]?.run('SET SESSION preserve_insertion_order = false');
      await lockDown(setup, readableDirs);
    } finally {
      setup.closeSync();
    }
    const [writer, reader, query, pages, insights, insightsLookups] = connections.map((connection) => new ConnectionLane(connection));
    if (writer === undefined || reader === undefined || query === undefined || pages === undefined || insights === undefined
      || insightsLookups === undefined) throw new Error('connections missing');
    const lanes = { writer, reader, query, pages, insights, insightsLookups };
    const sales = await openSalesStore(lanes, { readOnly });
    let closing: Promise<void> | undefined;
    /** Counts ended ingests: readers that cache what the tables hold compare it (insightsReader.ts). */
    let generation = 0;
    const counted = <T>(work: Promise<T>): Promise<T> => work.finally(() => { generation += 1; });
    logger.info('warehouse.opened', { path: filePath });
    return {
      path: filePath,
      dataDir,
      readOnly,
      ingestInstance: (input, signal) => counted(ingestInstance({ lane: lanes.writer, now, logger, dataFolderRoots }, input, signal)),
      ingestInstances: (inputs, signal, onLoaded) => counted(ingestInstances({ lane: lanes.writer, now, logger, dataFolderRoots }, inputs, signal, onLoaded)),
      metadata: createMetadataStore({ writer: lanes.writer, reader: lanes.reader, now, dataFolderRoots }),
      sales,
      query: createQueryService({ query: lanes.query, pages: lanes.pages, maxResults: options.maxResults ?? 16 }),
      streamQuery: (sql, sink, signal) => streamQuery(lanes.query, sql, sink, signal),
      imports: createUserImports({ writer: lanes.writer, reader: lanes.reader }),
      insights: createInsightsReader(lanes.insights, lanes.insightsLookups, () => generation),
      whileWritesPaused: (task, signal) => lanes.writer.run(async (connection) => {
        // Folds the WAL into the file first. A reader attaching READ_ONLY replays a WAL too, so a
        // checkpoint DuckDB declines (a read-only warehouse, a transaction it waits for) is not fatal.
        if (!readOnly) {
          await connection.run('CHECKPOINT').catch((error: unknown) => {
            logger.warn('warehouse.checkpoint_skipped', { error: error instanceof Error ? error.message : String(error) });
          });
        }
        return task();
      }, signal),
      close() {
        closing ??= (async () => {
          await Promise.all(Object.values(lanes).map((lane) => lane.close()));
          instance.closeSync();
          logger.info('warehouse.closed', { path: filePath });
        })();
        return closing;
      },
    };
  } catch (error) {
    for (const connection of connections) connection.closeSync();
    instance.closeSync();
    throw openFailed(error, filePath);
  }
}
