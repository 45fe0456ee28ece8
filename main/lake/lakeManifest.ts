// The lake's own metadata under `<lake>/_orchard/`: one manifest per snapshot (which files make up
// each table, with rows, sizes and SHA-256) and `current.json`, the one pointer readers follow.
// Both are written to a temporary name, flushed, then renamed, so a reader or a killed publish
// only ever sees a whole file. Read back through zod: a lake folder is shared, untrusted input.
import { randomUUID } from 'node:crypto';
import { open, readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { OrchardError } from '../../shared/errors';

export const META_DIR = '_orchard';
export const SNAPSHOTS_DIR = 'snapshots';
export const CURRENT_FILE = 'current.json';
export const MANIFEST_FORMAT = 1;

const fileSchema = z.object({
  /** Relative to the lake, forward slashes. */
  path: z.string().min(1),
  rows: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

const partitionSchema = z.object({
  /** `app_id=…/month=…`, or '' for an unpartitioned table. */
  key: z.string(),
  rows: z.number().int().nonnegative(),
  /** count and an order-free sum of row hashes, computed by DuckDB: equal means the same rows. */
  fingerprint: z.string(),
  /** Last date in the partition (YYYY-MM-DD), when the table has a date column. */
  maxDate: z.string().nullable(),
  files: z.array(fileSchema),
});

const tableSchema = z.object({
  schema: z.string(),
  name: z.string(),
  columns: z.array(z.object({ name: z.string(), type: z.string() })),
  /**
   * Hive partition columns in directory order: `app_id` or `vendor` (a column's value as text) and
   * `month` (`YYYY-MM` of a DATE column). One named like a column of the table replaces it: the
   * column then lives only in the directory name and is cast back to its type when read.
   */
  partitionBy: z.array(z.object({ name: z.enum(['app_id', 'vendor', 'month']), column: z.string() })),
  dateColumn: z.string().nullable(),
  rows: z.number().int().nonnegative(),
  dataUpTo: z.string().nullable(),
  partitions: z.array(partitionSchema),
});

const publisherSchema = z.object({ host: z.string(), user: z.string(), pid: z.number().int() });

export const snapshotSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  snapshot: z.number().int().positive(),
  parent: z.number().int().positive().nullable(),
  createdAt: z.string(),
  publisher: publisherSchema,
  duckdbVersion: z.string(),
  tables: z.array(tableSchema),
  /** What this publish wrote (the rest was carried over from the parent). */
  written: z.object({ files: z.number().int(), bytes: z.number().int(), partitions: z.number().int() }),
});

export const currentSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  snapshot: z.number().int().positive(),
  manifest: z.string(),
  createdAt: z.string(),
  publisher: publisherSchema,
});

export type LakeFile = z.infer<typeof fileSchema>;
export type LakePartition = z.infer<typeof partitionSchema>;
export type LakeTable = z.infer<typeof tableSchema>;
export type LakeSnapshot = z.infer<typeof snapshotSchema>;
export type LakeCurrent = z.infer<typeof currentSchema>;
export type LakePublisher = z.infer<typeof publisherSchema>;

export const metaDir = (lakeDir: string) => path.join(lakeDir, META_DIR);
export const snapshotPath = (lakeDir: string, n: number) => path.join(lakeDir, META_DIR, SNAPSHOTS_DIR, `${n}.json`);
export const currentPath = (lakeDir: string) => path.join(lakeDir, META_DIR, CURRENT_FILE);

/** Writes `text` beside `target`, flushes it, then renames it over `target` (atomic on one file system). */
export async function writeAtomically(target: string, text: string): Promise<void> {
  const temp = `${target}.${randomUUID()}.tmp`;
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

async function readJson<T>(file: string, schema: z.ZodType<T>, what: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new OrchardError('WAREHOUSE_DAMAGED', `The lake's ${what} (${file}) is not valid JSON.`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new OrchardError('WAREHOUSE_DAMAGED', `The lake's ${what} (${file}) is not one Orchard wrote: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

export const readCurrent = (lakeDir: string) => readJson(currentPath(lakeDir), currentSchema, 'current.json');

export async function readSnapshot(lakeDir: string, n: number): Promise<LakeSnapshot | undefined> {
  const snapshot = await readJson(snapshotPath(lakeDir, n), snapshotSchema, `snapshot ${n}`);
  if (snapshot && snapshot.snapshot !== n) throw new OrchardError('WAREHOUSE_DAMAGED', `The lake's snapshot file ${n}.json names snapshot ${snapshot.snapshot}.`);
  return snapshot;
}

/** The snapshot `current.json` names, or undefined for a folder nothing was published to. */
export async function readCurrentSnapshot(lakeDir: string): Promise<{ current: LakeCurrent; snapshot: LakeSnapshot } | undefined> {
  const current = await readCurrent(lakeDir);
  if (!current) return undefined;
  const snapshot = await readSnapshot(lakeDir, current.snapshot);
  if (!snapshot) throw new OrchardError('WAREHOUSE_DAMAGED', `The lake's current.json names snapshot ${current.snapshot}, whose manifest is missing.`);
  return { current, snapshot };
}

/** Snapshot numbers that have a manifest, ascending (a killed publish may leave one current.json never named). */
export async function listSnapshotNumbers(lakeDir: string): Promise<number[]> {
  const names = await readdir(path.join(metaDir(lakeDir), SNAPSHOTS_DIR)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  return names.map((name) => /^(\d+)\.json$/.exec(name)?.[1]).filter((n): n is string => n !== undefined).map(Number).sort((a, b) => a - b);
}
