// One instance, end to end: list its segments right before downloading (URLs live 5 minutes),
// reuse verified files already in the cache (known to the warehouse or to the cache's manifest,
// hashed again when in doubt), download the rest, record the instance in its manifest, then ingest
// all of them in one transaction. An instance with any unverified segment is not ingested.
import path from 'node:path';
import { OrchardError } from '../../shared/errors';
import { tableNameFor } from '../../shared/reportCatalogue';
import type { AnalyticsApi } from '../asc/analytics';
import type { SegmentFetcher } from '../asc/segments';
import { pathFromApi } from './dataPaths';
import { distrustDamaged, mayBeDamagedFile, stillVerified } from './cacheCheck';
import { downloadSegment } from './segmentDownloader';
import { manifestSegments, recordManifestRows, writeManifest, type KnownSegment } from './segmentManifest';
import type { IngestRequest, InstanceRef, SyncStore, VerifiedSegment } from './syncStore';
import { plural } from './wording';

export interface PipelineDeps {
  api: Pick<AnalyticsApi, 'listSegments'>;
  fetchSegment: SegmentFetcher;
  store: SyncStore;
  cacheDir: string;
  quarantineDir: string;
  /** Hands a fully verified instance to the single DuckDB writer (batched with others). */
  ingest: (request: IngestRequest) => Promise<{ rows: number }>;
  signal?: AbortSignal;
  /** The instance's files and their total size, as Apple lists them. */
  onSegmentsListed(count: number, bytes: number): void;
  /** `reusedBytes`: a verified file already in the cache counts as downloaded at once. */
  onSegmentDone(reused: boolean, reusedBytes?: number): void;
  onBytes(n: number): void;
}

/** 'submitted': every file is verified and the instance waits for (or is in) an ingest batch. */
export type InstanceOutcome = { kind: 'submitted'; ingested: Promise<{ rows: number }>; downloaded: number; bytes: number } | { kind: 'not-ready' };

export function segmentPath(cacheDir: string, ref: InstanceRef, segmentId: string): string {
  const i = ref.instance;
  return pathFromApi(cacheDir, ref.appId, tableNameFor(ref.reportName), i.granularity, [i.processingDate, '_', i.id], [segmentId, '.csv.gz']);
}

export async function processInstance(ref: InstanceRef, deps: PipelineDeps): Promise<InstanceOutcome> {
  const { signal } = deps;
  const listed = await deps.api.listSegments(ref.instance.id, { signal });
  // Apple may list an instance before its files exist: not ready yet, not zero rows.
  if (listed.length === 0) return { kind: 'not-ready' };
  deps.onSegmentsListed(listed.length, listed.reduce((n, s) => n + s.sizeInBytes, 0));

  // The cache folder sits in the data folder; the manifest keeps paths relative to it.
  const dataDir = path.dirname(deps.cacheDir);
  const folder = path.dirname(segmentPath(deps.cacheDir, ref, 'manifest'));
  // The manifest covers a warehouse deleted or rebuilt since: what the cache holds is never fetched
  // again. Its entries win over the warehouse's, as they carry the time the file was verified at.
  const known: KnownSegment[] = [...(await deps.store.verifiedSegments(ref.instance.id)), ...(await manifestSegments(dataDir, folder, ref.instance.id))];
  const cached = new Map(known.map((s) => [s.segmentId, s]));
  const ready: VerifiedSegment[] = [];
  let downloaded = 0;
  let bytes = 0;
  // A re-list (expired URL) refreshes every remaining segment's URL, not just the one that failed.
  const latest = new Map(listed.map((s) => [s.id, s]));
  const relist = async () => {
    const fresh = await deps.api.listSegments(ref.instance.id, { signal });
    for (const s of fresh) latest.set(s.id, s);
    return fresh;
  };
  for (const { id } of listed) {
    const segment = latest.get(id) ?? listed.find((s) => s.id === id)!;
    const reuse = cached.get(segment.id);
    if (reuse && reuse.checksum.toLowerCase() === segment.checksum.toLowerCase() && (await intact(dataDir, reuse))) {
      ready.push({ segmentId: reuse.segmentId, checksum: reuse.checksum, bytes: reuse.bytes, filePath: reuse.filePath });
      deps.onSegmentDone(true, reuse.bytes);
      continue;
    }
    try {
      const file = await downloadSegment(segment, segmentPath(deps.cacheDir, ref, segment.id), {
        fetchSegment: deps.fetchSegment,
        relist,
        quarantineDir: deps.quarantineDir,
        onBytes: deps.onBytes,
        signal,
      });
      const verified = { segmentId: file.segmentId, checksum: file.checksum, bytes: file.bytes, filePath: file.filePath };
      await deps.store.recordSegment(ref, verified, 'downloaded');
      ready.push(verified);
      downloaded += 1;
      bytes += file.bytes;
      deps.onSegmentDone(false);
    } catch (error) {
      if (error instanceof OrchardError && error.code === 'CHECKSUM_MISMATCH') {
        await deps.store.recordSegment(ref, { segmentId: segment.id, checksum: segment.checksum, bytes: segment.sizeInBytes }, 'quarantined', error.message);
      }
      throw error;
    }
  }
  const manifestPath = await writeManifest(dataDir, ref, ready, new Date()).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOSPC' || error.code === 'EDQUOT') throw new OrchardError('DISK_FULL', 'The disk is full: the cache manifest could not be saved.');
    throw error;
  });
  // Not awaited here: the download slot is freed for the next instance while this one waits for
  // its batch, so batches can grow beyond the download concurrency.
  const ingested = deps.ingest({ ref, segments: ready }).then(
    async (result) => {
      // Only a check for later rebuilds: a manifest without rows still rebuilds.
      await recordManifestRows(manifestPath, result.rows).catch(() => undefined);
      return result;
    },
    async (error: unknown) => {
      throw (await damagedCacheError(manifestPath, ready, error)) ?? error;
    },
  );
  return { kind: 'submitted', ingested, downloaded, bytes };
}

/** Same size and either the modification time it was verified at or, when in doubt, the same MD5. */
function intact(dataDir: string, segment: KnownSegment): Promise<boolean> {
  return stillVerified(path.resolve(dataDir, segment.filePath), segment);
}

/**
 * A load that failed to inflate may mean a cached file changed without its time changing: hashed,
 * a file that no longer matches is distrusted in the manifest (the next sync fetches it again
 * while Apple lists it) and named, instead of DuckDB's raw zlib message.
 */
async function damagedCacheError(manifestPath: string, segments: readonly VerifiedSegment[], error: unknown): Promise<OrchardError | null> {
  if (!mayBeDamagedFile(error)) return null;
  const damaged = await distrustDamaged(manifestPath, segments);
  if (damaged.length === 0) return null;
  return new OrchardError('CHECKSUM_MISMATCH', `${plural(damaged.length, 'cached report file')} changed on disk since ${damaged.length === 1 ? 'it was' : 'they were'} verified and ${damaged.length === 1 ? 'was' : 'were'} not loaded; the next sync downloads them again while Apple still lists them.`, {
    reason: 'cache-damaged',
    segmentIds: damaged,
  });
}
