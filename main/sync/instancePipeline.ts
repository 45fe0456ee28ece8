// One instance, end to end: list its segments right before downloading (URLs live 5 minutes),
// reuse verified files already in the cache, download the rest, then ingest all of them in one
// transaction. An instance with any unverified segment is not ingested.
import { access } from 'node:fs/promises';
import { OrchardError } from '../../shared/errors';
import { tableNameFor } from '../../shared/reportCatalogue';
import type { AnalyticsApi } from '../asc/analytics';
import type { SegmentFetcher } from '../asc/segments';
import { pathFromApi } from './dataPaths';
import { downloadSegment } from './segmentDownloader';
import type { IngestRequest, InstanceRef, SyncStore, VerifiedSegment } from './syncStore';

export interface PipelineDeps {
  api: Pick<AnalyticsApi, 'listSegments'>;
  fetchSegment: SegmentFetcher;
  store: SyncStore;
  cacheDir: string;
  quarantineDir: string;
  /** Hands a fully verified instance to the single DuckDB writer (batched with others). */
  ingest: (request: IngestRequest) => Promise<{ rows: number }>;
  signal?: AbortSignal;
  onSegmentsListed(count: number): void;
  onSegmentDone(reused: boolean): void;
  onBytes(n: number): void;
  onLoading(ref: InstanceRef): void;
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
  deps.onSegmentsListed(listed.length);

  const cached = new Map((await deps.store.verifiedSegments(ref.instance.id)).map((s) => [s.segmentId, s]));
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
    if (reuse && reuse.checksum.toLowerCase() === segment.checksum.toLowerCase() && (await exists(reuse.filePath))) {
      ready.push(reuse);
      deps.onSegmentDone(true);
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
  deps.onLoading(ref);
  // Not awaited here: the download slot is freed for the next instance while this one waits for
  // its batch, so batches can grow beyond the download concurrency.
  return { kind: 'submitted', ingested: deps.ingest({ ref, segments: ready }), downloaded, bytes };
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
