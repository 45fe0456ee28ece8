// `publishLake`: the warehouse's user-facing tables and views as a Hive-partitioned Parquet lake
// any engine reads. Under the lake's lock it opens the warehouse file READ_ONLY in its own DuckDB,
// writes only changed partitions to new files inside one read transaction (one consistent view of
// the warehouse), checksums them, writes the snapshot manifest, then swaps `current.json`: a
// publish killed at any moment leaves the previous snapshot whole. Old files go after a grace period.
import { mkdir, readdir, realpath } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { OrchardError } from '../../shared/errors';
import { openFailed } from '../warehouse/errors';
import { quoteIdent, sqlString } from '../warehouse/sql';
import { collectGarbage, fileDigest, mapLimited } from './lakeFiles';
import { acquireLakeLock, thisPublisher } from './lakeLock';
import {
  MANIFEST_FORMAT, META_DIR, SNAPSHOTS_DIR, currentPath, listSnapshotNumbers, readCurrentSnapshot, snapshotPath, writeAtomically,
  type LakeSnapshot, type LakeTable,
} from './lakeManifest';
import { SOURCE_CATALOG, isProvenanceColumn, listLakeTables, type TableSpec } from './lakeTables';
import { writeTable, type ReportProvenance } from './lakeWrite';

export interface PublishProgress {
  phase: 'reading' | 'writing' | 'checksums' | 'committing' | 'cleaning';
  message: string;
  tablesDone: number;
  tablesTotal: number;
}

export interface PublishOptions {
  now?: () => Date;
  /** Snapshots whose files are kept (beyond the grace period). Default 5. */
  keepSnapshots?: number;
  /** How long a file no kept snapshot names stays, for readers of an older snapshot. Default 1 hour. */
  graceMs?: number;
  staleLockAfterMs?: number;
  onProgress?: (progress: PublishProgress) => void;
  signal?: AbortSignal;
}

export interface PublishSummary {
  snapshot: number;
  lakeDir: string;
  tables: number;
  rows: number;
  written: LakeSnapshot['written'];
  reusedPartitions: number;
  deleted: { files: number; manifests: number };
}

const DEFAULT_KEEP = 5;
const DEFAULT_GRACE_MS = 60 * 60_000;

/** Refuses a folder that holds other things: the clean-up must never touch a user's files. */
async function prepareLakeDir(lakeDir: string): Promise<string> {
  await mkdir(lakeDir, { recursive: true });
  const entries = await readdir(lakeDir);
  if (entries.length && !entries.includes(META_DIR)) {
    throw new OrchardError('BAD_INPUT', `${lakeDir} is not empty and is not an Orchard lake (no ${META_DIR} folder): choose an empty or new folder.`);
  }
  await mkdir(path.join(lakeDir, META_DIR, SNAPSHOTS_DIR), { recursive: true });
  return realpath(lakeDir);
}

async function openSource(warehousePath: string): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  const threads = String(os.availableParallelism());
  const instance = await DuckDBInstance.create(':memory:', {
    threads, autoinstall_known_extensions: 'false', autoload_known_extensions: 'false', allow_community_extensions: 'false',
    temp_directory: path.join(os.tmpdir(), 'orchard-lake-spill'),
  });
  try {
    const connection = await instance.connect();
    await connection.run(`ATTACH ${sqlString(warehousePath)} AS ${quoteIdent(SOURCE_CATALOG)} (READ_ONLY)`);
    return { instance, connection };
  } catch (error) {
    instance.closeSync();
    throw openFailed(error, warehousePath);
  }
}

const VIEW_GRANULARITY: Readonly<Record<string, string>> = { main: 'DAILY', weekly: 'WEEKLY', monthly: 'MONTHLY' };

/** Report views (rows carry `_segment_key`, before schema 7 `_instance_id`) of a warehouse that keeps orchard.vintages: their granularity and the schema version. */
async function reportProvenance(connection: DuckDBConnection, tables: TableSpec[]): Promise<(table: TableSpec) => ReportProvenance | undefined> {
  const has = (schema: string, name: string) => tables.some((t) => t.schema === schema && t.name === name);
  const versions = await connection.runAndReadAll(
    `SELECT count(*) FROM duckdb_tables() WHERE database_name = ${sqlString(SOURCE_CATALOG)} AND schema_name = 'orchard' AND table_name = 'schema_version'`,
  );
  if (!has('orchard', 'vintages') || Number(versions.getRowsJson()[0]?.[0]) === 0) return () => undefined;
  const version = await connection.runAndReadAll(`SELECT CAST(max(version) AS VARCHAR) FROM ${quoteIdent(SOURCE_CATALOG)}.orchard.schema_version`);
  const schemaVersion = String(version.getRowsJson()[0]?.[0] ?? '0');
  return (table) => {
    const granularity = VIEW_GRANULARITY[table.schema];
    return granularity && table.columns.some((c) => isProvenanceColumn(c.name)) ? { granularity, schemaVersion } : undefined;
  };
}

export async function publishLake(warehouse: { path: string }, lakeDirInput: string, options: PublishOptions = {}): Promise<PublishSummary> {
  const now = options.now ?? (() => new Date());
  const progress = options.onProgress ?? (() => undefined);
  const lakeDir = await prepareLakeDir(path.resolve(lakeDirInput));
  const lock = await acquireLakeLock(lakeDir, { now, staleAfterMs: options.staleLockAfterMs });
  try {
    const parent = await readCurrentSnapshot(lakeDir).catch((error: unknown) => {
      // A damaged pointer or manifest: publish everything again rather than refuse.
      if (error instanceof OrchardError && error.code === 'WAREHOUSE_DAMAGED') return undefined;
      throw error;
    });
    // Above every manifest on disk, named or not: a killed publish's manifest is never overwritten.
    const snapshot = Math.max(parent?.snapshot.snapshot ?? 0, ...(await listSnapshotNumbers(lakeDir))) + 1;
    const parentTables = new Map((parent?.snapshot.tables ?? []).map((t) => [`${t.schema}.${t.name}`, t]));

    progress({ phase: 'reading', message: 'Opening the warehouse', tablesDone: 0, tablesTotal: 0 });
    const { instance, connection } = await openSource(warehouse.path);
    const stop = () => connection.interrupt();
    options.signal?.addEventListener('abort', stop, { once: true });
    const writes = [];
    let duckdbVersion = '';
    try {
      duckdbVersion = String((await connection.runAndReadAll('SELECT version()')).getRowsJson()[0]?.[0] ?? '');
      await connection.run('BEGIN TRANSACTION');
      const tables = await listLakeTables(connection);
      const provenanceOf = await reportProvenance(connection, tables);
      for (const [i, table] of tables.entries()) {
        if (options.signal?.aborted) throw new OrchardError('CANCELLED', 'Stopped: the publish was cancelled; the lake keeps its previous snapshot.');
        progress({ phase: 'writing', message: `${table.schema}.${table.name}`, tablesDone: i, tablesTotal: tables.length });
        writes.push(await writeTable(connection, table, lakeDir, snapshot, parentTables.get(`${table.schema}.${table.name}`), provenanceOf(table)));
      }
      await connection.run('COMMIT');
    } finally {
      options.signal?.removeEventListener('abort', stop);
      connection.closeSync();
      instance.closeSync();
    }

    const newFiles = writes.flatMap((w) => w.table.partitions.flatMap((p) => p.newFiles));
    progress({ phase: 'checksums', message: `${newFiles.length} new file(s)`, tablesDone: writes.length, tablesTotal: writes.length });
    const digests = new Map(
      (await mapLimited(newFiles, 4, async (f) => [f.absolute, await fileDigest(f.absolute)] as const)),
    );
    const relative = (file: string) => path.relative(lakeDir, file).split(path.sep).join('/');
    const tables: LakeTable[] = writes.map(({ table }) => ({
      ...table,
      partitions: table.partitions.map(({ newFiles: fresh, ...p }) => ({
        ...p,
        files: [...p.files, ...fresh.map((f) => ({ path: relative(f.absolute), rows: f.rows, ...digests.get(f.absolute)! }))],
      })),
    }));
    const manifest: LakeSnapshot = {
      format: MANIFEST_FORMAT,
      snapshot,
      parent: parent?.snapshot.snapshot ?? null,
      createdAt: now().toISOString(),
      publisher: thisPublisher(),
      duckdbVersion,
      tables,
      written: {
        files: newFiles.length,
        bytes: [...digests.values()].reduce((n, d) => n + d.bytes, 0),
        partitions: writes.reduce((n, w) => n + w.writtenPartitions, 0),
      },
    };
    progress({ phase: 'committing', message: `snapshot ${snapshot}`, tablesDone: writes.length, tablesTotal: writes.length });
    await writeAtomically(snapshotPath(lakeDir, snapshot), JSON.stringify(manifest));
    await writeAtomically(currentPath(lakeDir), JSON.stringify({
      format: MANIFEST_FORMAT, snapshot, manifest: `${SNAPSHOTS_DIR}/${snapshot}.json`, createdAt: manifest.createdAt, publisher: manifest.publisher,
    }));

    progress({ phase: 'cleaning', message: 'Removing files no recent snapshot uses', tablesDone: writes.length, tablesTotal: writes.length });
    const deleted = await collectGarbage(lakeDir, { keep: options.keepSnapshots ?? DEFAULT_KEEP, graceMs: options.graceMs ?? DEFAULT_GRACE_MS, now: now() });
    const partitionsTotal = tables.reduce((n, t) => n + t.partitions.length, 0);
    return {
      snapshot,
      lakeDir,
      tables: tables.length,
      rows: tables.reduce((n, t) => n + t.rows, 0),
      written: manifest.written,
      reusedPartitions: partitionsTotal - manifest.written.partitions,
      deleted,
    };
  } finally {
    await lock.release();
  }
}
