// Downloads one segment into the verified cache: re-lists the instance's segments when the
// presigned URL has expired or is refused, retries a damaged file, and quarantines it after the
// last try so it can be inspected but never ingested. A file that failed the same way in several
// syncs in a row is no longer downloaded until the user clears the quarantine.
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { OrchardError } from '../../shared/errors';
import type { Segment } from '../../shared/ascTypes';
import type { SegmentFetcher } from '../asc/segments';
import { openQuarantine, STOP_AFTER_SYNCS, type FailureRecord, type Quarantine } from './quarantine';
import { inflatedLimit, isWritten, promote, verify, writeHashed, type Verdict } from './segmentFile';

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

type Refusal = Extract<Verdict, { ok: false }>;

/** Refusals that re-downloading cannot cure: Apple's file itself is the problem. */
const FINAL_REASONS = new Set<Refusal['reason']>(['inflated-too-large']);

export async function downloadSegment(segment: Segment, finalPath: string, deps: SegmentDownloadDeps): Promise<DownloadedSegment> {
  const maxRelists = deps.maxRelists ?? 3;
  const quarantine = openQuarantine(deps.quarantineDir);
  const stopped = await quarantine.stopped(segment.id, segment.checksum);
  if (stopped) throw stoppedError(stopped);
  // The file already failed a whole round of tries in an earlier sync: one try is enough now.
  const maxAttempts = (await quarantine.previous(segment.id, segment.checksum)) ? 1 : (deps.maxAttempts ?? 3);
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
    let written;
    try {
      written = await writeHashed(download.body, finalPath, onBytes, deps.signal, {
        maxBytes: current.sizeInBytes,
        maxInflatedBytes: inflatedLimit(current.sizeInBytes),
      });
    } catch (error) {
      // A connection that broke mid-body is a damaged try like a truncated one: retry it.
      if (!(error instanceof OrchardError) || error.code !== 'NETWORK' || ++damaged >= maxAttempts) throw error;
      deps.onBytes?.(-counted);
      counted = 0;
      current = await freshSegment(current.id, deps.relist);
      continue;
    }
    if (isWritten(written) && deps.signal?.aborted) {
      await rm(written.tempPath, { force: true });
      throwIfCancelled(deps.signal);
    }
    const verdict = isWritten(written) ? await verify(written, current) : written;
    if (verdict.ok && isWritten(written)) {
      await promote(written, finalPath);
      await quarantine.forget(current.id);
      return { segmentId: current.id, filePath: finalPath, bytes: written.bytes, checksum: current.checksum.toLowerCase() };
    }
    if (verdict.ok) throw new OrchardError('INTERNAL', 'A report file was verified without being written.');
    damaged += 1;
    // Bytes of a damaged try don't count towards progress; the retry downloads them again.
    deps.onBytes?.(-counted);
    counted = 0;
    if (damaged >= maxAttempts || FINAL_REASONS.has(verdict.reason)) {
      throw await refuse(quarantine, current, verdict, damaged, isWritten(written) ? written.tempPath : undefined);
    }
    if (isWritten(written)) await rm(written.tempPath, { force: true });
    // A fresh listing gives a fresh URL and, if Apple re-generated the file, its new checksum.
    current = await freshSegment(current.id, deps.relist);
  }
}

const REASON_TEXT: Record<Refusal['reason'], string> = {
  size: 'wrong size',
  checksum: 'checksum mismatch',
  'not-gzip': 'not a gzip file',
  'inflated-too-large': 'decompresses to far more data than any real report file',
};

async function refuse(quarantine: Quarantine, segment: Segment, verdict: Refusal, tries: number, damagedFile: string | undefined): Promise<OrchardError> {
  const what = `${REASON_TEXT[verdict.reason]}: expected ${verdict.expected}, got ${verdict.actual}`;
  const { streak, keptAt } = await quarantine.record(
    { segmentId: segment.id, checksum: segment.checksum, reason: verdict.reason, message: what },
    damagedFile,
  );
  const kept = keptAt ? 'It was quarantined and not loaded.' : 'Nothing of it was kept or loaded.';
  const repeated =
    streak >= STOP_AFTER_SYNCS
      ? ` It failed the same way in ${streak} syncs in a row, so Apple's file, not the network, is the likely cause; Orchard stops downloading it until you clear the quarantine on the Sync page.`
      : streak > 1
        ? ` It failed the same way in ${streak} syncs in a row.`
        : '';
  return new OrchardError('CHECKSUM_MISMATCH', `A report file was refused after ${tries} ${tries === 1 ? 'try' : 'tries'} (${what}). ${kept}${repeated}`, {
    segmentId: segment.id,
    reason: verdict.reason,
    syncsInARow: streak,
    ...(keptAt ? { quarantinedAt: keptAt } : {}),
  });
}

function stoppedError(record: FailureRecord): OrchardError {
  return new OrchardError(
    'CHECKSUM_MISMATCH',
    `A report file failed the same way in ${record.streak} syncs in a row (${record.message}), so Apple's file, not the network, is the likely cause. Orchard no longer downloads it; clear the quarantine on the Sync page to try again.`,
    { segmentId: record.segmentId, reason: record.reason, syncsInARow: record.streak, stopped: true },
  );
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
