// Downloads one segment into the verified cache: re-lists the instance's segments when the
// presigned URL has expired or is refused, retries a damaged file, and quarantines it after the
// last try so it can be inspected but never ingested.
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { OrchardError } from '../../shared/errors';
import type { Segment } from '../../shared/ascTypes';
import type { SegmentFetcher } from '../asc/segments';
import { promote, verify, writeHashed } from './segmentFile';

export interface SegmentDownloadDeps {
  fetchSegment: SegmentFetcher;
  /** Lists the instance's segments again (fresh URLs). */
  relist: () => Promise<Segment[]>;
  quarantineDir: string;
  /** Tries per segment for damaged files (size or checksum wrong). */
  maxAttempts?: number;
  /** Fresh URLs fetched per segment before giving up on a refusing download server. */
  maxRelists?: number;
  onBytes?: (n: number) => void;
  signal?: AbortSignal;
}

export interface DownloadedSegment {
  segmentId: string;
  filePath: string;
  bytes: number;
  checksum: string;
}

export async function downloadSegment(segment: Segment, finalPath: string, deps: SegmentDownloadDeps): Promise<DownloadedSegment> {
  const maxAttempts = deps.maxAttempts ?? 3;
  const maxRelists = deps.maxRelists ?? 3;
  await mkdir(path.dirname(finalPath), { recursive: true });
  let current = segment;
  let damaged = 0;
  let relists = 0;
  let counted = 0;
  const onBytes = (n: number) => {
    counted += n;
    deps.onBytes?.(n);
  };
  for (;;) {
    throwIfCancelled(deps.signal);
    let download;
    try {
      download = await deps.fetchSegment(current.url, { signal: deps.signal });
    } catch (error) {
      if (isUrlRefused(error) && relists < maxRelists) {
        relists += 1;
        current = await freshSegment(current.id, deps.relist);
        continue;
      }
      throw error;
    }
    let file;
    try {
      file = await writeHashed(download.body, finalPath, onBytes, deps.signal);
    } catch (error) {
      // A connection that broke mid-body is a damaged try like a truncated one: retry it.
      if (!(error instanceof OrchardError) || error.code !== 'NETWORK' || ++damaged >= maxAttempts) throw error;
      deps.onBytes?.(-counted);
      counted = 0;
      current = await freshSegment(current.id, deps.relist);
      continue;
    }
    if (deps.signal?.aborted) {
      await rm(file.tempPath, { force: true });
      throwIfCancelled(deps.signal);
    }
    const verdict = await verify(file, current);
    if (verdict.ok) {
      await promote(file, finalPath);
      return { segmentId: current.id, filePath: finalPath, bytes: file.bytes, checksum: current.checksum.toLowerCase() };
    }
    damaged += 1;
    // Bytes of a damaged try don't count towards progress; the retry downloads them again.
    deps.onBytes?.(-counted);
    counted = 0;
    if (damaged >= maxAttempts) {
      const quarantined = await quarantine(file.tempPath, deps.quarantineDir, current.id);
      throw new OrchardError(
        'CHECKSUM_MISMATCH',
        `A report file failed verification ${damaged} times (${verdict.reason}: expected ${verdict.expected}, got ${verdict.actual}). It was quarantined and not loaded.`,
        { segmentId: current.id, reason: verdict.reason, quarantinedAt: quarantined },
      );
    }
    await rm(file.tempPath, { force: true });
    // A fresh listing gives a fresh URL and, if Apple re-generated the file, its new checksum.
    current = await freshSegment(current.id, deps.relist);
  }
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new OrchardError('CANCELLED', 'The download was cancelled.');
}

function isUrlRefused(error: unknown): boolean {
  return error instanceof OrchardError && error.details?.reason === 'url-expired';
}

async function freshSegment(segmentId: string, relist: () => Promise<Segment[]>): Promise<Segment> {
  const found = (await relist()).find((s) => s.id === segmentId);
  if (!found) {
    throw new OrchardError('NOT_FOUND', 'A report file disappeared from Apple’s listing while it was downloading; the next sync will retry it.', {
      segmentId,
      reason: 'segment-gone',
    });
  }
  return found;
}

async function quarantine(tempPath: string, dir: string, segmentId: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const target = path.join(dir, `${segmentId}-${Date.now()}.csv.gz`);
  await rename(tempPath, target);
  return target;
}
