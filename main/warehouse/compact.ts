// Gives a fragmented warehouse file its free blocks back. DuckDB reuses a file's free blocks but
// never shrinks it: migration 7 rewrote every raw table and left a 10M-row file at 123 MB of which
// 54% free (46 MB once compacted). On a read-write open, a file at least `minFileBytes` long and
// at least `minFreeShare` free is copied by DuckDB's own COPY FROM DATABASE into
// `orchard.duckdb.compacting`, which is renamed over the original in one atomic step. A kill
// before the rename leaves the original whole (the copy is deleted next time); any failure (a full
// disk, a file another process still holds on Windows) keeps the original and is only logged.
import type { DuckDBConnection } from '@duckdb/node-api';
import { rename, rm, stat } from 'node:fs/promises';
import type { Logger } from '../logging/logger';
import { quoteIdent, sqlString } from './sql';

export interface CompactionPolicy {
  minFileBytes: number;
  /** Free blocks ÷ all blocks. */
  minFreeShare: number;
}

/** A rewrite as large as a migration's, not the few free blocks every ingest leaves (3% at 100M rows). */
export const DEFAULT_COMPACTION: CompactionPolicy = { minFileBytes: 64 * 2 ** 20, minFreeShare: 0.4 };

export const COMPACTING_SUFFIX = '.compacting';
const COPY_CATALOG = 'orchard_compacting';

const exists = (file: string) => stat(file).then(() => true, () => false);
const removeCopy = async (copy: string) => {
  await rm(copy, { force: true });
  await rm(`${copy}.wal`, { force: true });
};

interface FileBlocks {
  total: number;
  free: number;
  blockSize: number;
}

async function blocksOf(connection: DuckDBConnection, catalog: string): Promise<FileBlocks | undefined> {
  const reader = await connection.runAndReadAll(
    `SELECT total_blocks, free_blocks, block_size FROM pragma_database_size() WHERE database_name = ${sqlString(catalog)}`);
  const row = reader.getRowsJson()[0];
  return row === undefined ? undefined : { total: Number(row[0]), free: Number(row[1]), blockSize: Number(row[2]) };
}

/**
 * Compacts the file attached as `catalog` (and in use) when the policy says so; returns whether it
 * did. On return the file is attached as `catalog` again, compacted or not.
 */
export async function compactIfFragmented(
  connection: DuckDBConnection, catalog: string, filePath: string, logger: Logger, policy: CompactionPolicy = DEFAULT_COMPACTION,
): Promise<boolean> {
  const copy = `${filePath}${COMPACTING_SUFFIX}`;
  await removeCopy(copy);
  // Most opens stop here, before any checkpoint: a file this small is never compacted.
  const fileBytes = (await stat(filePath).catch(() => undefined))?.size ?? 0;
  if (fileBytes < policy.minFileBytes) return false;
  // Free blocks are counted at a checkpoint: a migration just committed may not have had one.
  await connection.run(`CHECKPOINT ${quoteIdent(catalog)}`);
  const blocks = await blocksOf(connection, catalog);
  if (blocks === undefined || blocks.total === 0) return false;
  const bytes = blocks.total * blocks.blockSize;
  if (bytes < policy.minFileBytes || blocks.free / blocks.total < policy.minFreeShare) return false;
  const reattach = async () => {
    await connection.run(`ATTACH ${sqlString(filePath)} AS ${quoteIdent(catalog)}`);
    await connection.run(`USE ${quoteIdent(catalog)}`);
  };
  const started = Date.now();
  try {
    await connection.run(`ATTACH ${sqlString(copy)} AS ${quoteIdent(COPY_CATALOG)}`);
    try {
      await connection.run(`COPY FROM DATABASE ${quoteIdent(catalog)} TO ${quoteIdent(COPY_CATALOG)}`);
    } finally {
      await connection.run(`DETACH ${quoteIdent(COPY_CATALOG)}`);
    }
  } catch (error) {
    await removeCopy(copy);
    logger.warn('warehouse.compaction_failed', { path: filePath, error: error instanceof Error ? error.message : String(error) });
    return false;
  }
  await connection.run('USE memory');
  await connection.run(`DETACH ${quoteIdent(catalog)}`);
  try {
    // A WAL left beside either file would be replayed onto the other after the rename.
    if (await exists(`${filePath}.wal`) || await exists(`${copy}.wal`)) throw new Error('a write-ahead log is still open');
    await rename(copy, filePath);
  } catch (error) {
    await removeCopy(copy);
    await reattach();
    logger.warn('warehouse.compaction_failed', { path: filePath, error: error instanceof Error ? error.message : String(error) });
    return false;
  }
  await reattach();
  const after = await blocksOf(connection, catalog);
  logger.info('warehouse.compacted', {
    path: filePath, bytesBefore: bytes, bytesAfter: after === undefined ? null : after.total * after.blockSize, seconds: (Date.now() - started) / 1000,
  });
  return true;
}
