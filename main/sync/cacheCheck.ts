// Checks the segment cache against its manifests: a file deleted or changed behind Orchard's back
// is found before a rebuild relies on it. Cheap by default (size and modification time, hashing
// only files whose time changed); `deep` hashes every file (`orchard verify`).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { SyncStore } from './syncStore';
import { absoluteFile, listCachedInstances, markUnverified, type CachedInstance, type ManifestSegment } from './segmentManifest';

export type CacheProblemKind = 'missing' | 'damaged';

export interface CacheProblem {
  instance: CachedInstance;
  segmentId: string;
  file: string;
  problem: CacheProblemKind;
}

export interface CacheCheck {
  instances: CachedInstance[];
  files: number;
  bytes: number;
  problems: CacheProblem[];
  /** Manifests that could not be read (kept for a person to look at, never trusted). */
  unreadable: string[];
}

async function md5(file: string, gunzip: boolean): Promise<string> {
  const hash = createHash('md5');
  const sink = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) hash.update(chunk);
  };
  if (gunzip) await pipeline(createReadStream(file), createGunzip(), sink);
  else await pipeline(createReadStream(file), sink);
  return hash.digest('hex');
}

/** Apple's checksum is over the gzip bytes or, per the fact sheet's doubt, the decompressed ones. */
export async function matchesChecksum(file: string, checksum: string): Promise<boolean> {
  const want = checksum.trim().toLowerCase();
  if ((await md5(file, false)) === want) return true;
  return (await md5(file, true).catch(() => null)) === want;
}

/**
 * A cached file still is what was verified: same size and, unless its modification time is the one
 * the manifest noted, the same MD5 (size alone is not identity: a byte changed in place keeps it).
 */
export async function stillVerified(file: string, expected: { bytes: number; checksum: string; mtimeMs?: number }): Promise<boolean> {
  const info = await stat(file).catch(() => null);
  if (info === null || !info.isFile() || info.size !== expected.bytes) return false;
  if (expected.mtimeMs !== undefined && info.mtimeMs === expected.mtimeMs) return true;
  return matchesChecksum(file, expected.checksum);
}

/**
 * A load failure a damaged cached file could explain: anything but a stop. DuckDB does not say so
 * in one way ("Failed to decode gzip stream", a CSV sniffing error, zlib's "incorrect data check"),
 * and hashing an instance's few files after a failure costs little.
 */
export function mayBeDamagedFile(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code !== 'CANCELLED' && code !== 'DISK_FULL';
}

/**
 * After a load failed to inflate: hashes the instance's files and, for those that no longer match,
 * makes the manifest distrust their modification time so every later check hashes them (found
 * damaged: fetched again while Apple lists the instance, else a hole). Returns the damaged IDs.
 */
export async function distrustDamaged(manifestPath: string | undefined, segments: readonly { segmentId: string; filePath: string; checksum: string }[]): Promise<string[]> {
  const damaged: string[] = [];
  for (const s of segments) if (!(await matchesChecksum(s.filePath, s.checksum).catch(() => false))) damaged.push(s.segmentId);
  if (damaged.length && manifestPath !== undefined) await markUnverified(manifestPath, damaged).catch(() => undefined);
  return damaged;
}

async function checkSegment(dataDir: string, segment: ManifestSegment, deep: boolean): Promise<CacheProblemKind | null> {
  const file = absoluteFile(dataDir, segment.file);
  const info = await stat(file).catch(() => null);
  if (info === null || !info.isFile()) return 'missing';
  if (info.size !== segment.bytes) return 'damaged';
  if (!deep && info.mtimeMs === segment.mtimeMs) return null;
  return (await matchesChecksum(file, segment.checksum)) ? null : 'damaged';
}

export async function checkCache(dataDir: string, options: { deep?: boolean; onInstance?: (done: number, total: number) => void } = {}): Promise<CacheCheck> {
  const { instances, unreadable } = await listCachedInstances(dataDir);
  const problems: CacheProblem[] = [];
  let files = 0;
  let bytes = 0;
  for (const [index, instance] of instances.entries()) {
    for (const segment of instance.manifest.segments) {
      files += 1;
      bytes += segment.bytes;
      const problem = await checkSegment(dataDir, segment, options.deep ?? false);
      if (problem !== null) problems.push({ instance, segmentId: segment.segmentId, file: segment.file, problem });
    }
    options.onInstance?.(index + 1, instances.length);
  }
  return { instances, files, bytes, problems, unreadable };
}

/** Instance IDs with at least one missing or damaged file. */
export function damagedInstanceIds(check: CacheCheck): Set<string> {
  return new Set(check.problems.map((p) => p.instance.manifest.instanceId));
}

/**
 * Before a sync: instances whose cached files went missing or changed are treated as not loaded,
 * so the sync fetches them again while Apple still lists them. Returns the store to list with and
 * the holes, for a note about those Apple no longer serves.
 */
export async function withCacheHoles(store: SyncStore, dataDir: string): Promise<{ store: SyncStore; holes: Map<string, CacheProblem[]> }> {
  const check = await checkCache(dataDir);
  const holes = new Map<string, CacheProblem[]>();
  for (const p of check.problems) holes.set(p.instance.manifest.instanceId, [...(holes.get(p.instance.manifest.instanceId) ?? []), p]);
  if (holes.size === 0) return { store, holes };
  return {
    holes,
    store: {
      ...store,
      async ingestedInstanceIds(ids) {
        const ingested = await store.ingestedInstanceIds(ids);
        for (const id of holes.keys()) ingested.delete(id);
        return ingested;
      },
    },
  };
}

/** One note per cache hole the sync could not fill. */
export function holeNotes(holes: Map<string, CacheProblem[]>, refetched: ReadonlySet<string>): string[] {
  return [...holes.entries()]
    .filter(([id]) => !refetched.has(id))
    .map(([, problems]) => {
      const m = problems[0]!.instance.manifest;
      return `${m.reportName} (${m.granularity.toLowerCase()} ${m.processingDate}): ${problems.length} cached file(s) ${problems.map((p) => p.problem).join('/')} and not fetched again (Apple no longer lists the instance, or it was not part of this sync). Rows already loaded stay in the warehouse, but a rebuild cannot restore them.`;
    });
}
