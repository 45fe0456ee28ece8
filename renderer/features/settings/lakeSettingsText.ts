// Words for Settings › Lake folder: what the running publish is doing and how the last one ended.
import type { LakeLastPublish, LakePublishPhase, LakePublishProgress } from '../../../shared/ipc/lakeCommands';
import { countOf, formatBytes, formatDateTime } from '../sync/format';

const PHASES: Readonly<Record<LakePublishPhase, string>> = {
  waiting: 'Waiting for writes to the warehouse to finish',
  reading: 'Opening the warehouse',
  writing: 'Writing Parquet files',
  checksums: 'Checking the new files',
  committing: 'Committing the snapshot',
  cleaning: 'Removing files no recent snapshot uses',
};

export function progressDetail(p: LakePublishProgress): string {
  if (p.phase === 'writing' && p.tablesTotal > 0) return `${PHASES.writing}: ${p.message} (${p.tablesDone + 1} of ${p.tablesTotal})`;
  return PHASES[p.phase];
}

/** 0..1: the tables written so far; the last phases are short and count as the end. */
export function progressValue(p: LakePublishProgress): number {
  if (p.phase === 'waiting' || p.phase === 'reading' || p.tablesTotal === 0) return 0;
  return p.phase === 'writing' ? p.tablesDone / p.tablesTotal : 1;
}

export function lastPublishLine(last: LakeLastPublish): string {
  const when = formatDateTime(last.endedAt);
  const how = last.trigger === 'after-sync' ? ' after a sync' : '';
  if (last.outcome === 'published') {
    const written = last.filesWritten === 0
      ? 'nothing had changed, no file written'
      : `${countOf(last.filesWritten ?? 0, 'file')} written (${formatBytes(last.bytesWritten ?? 0)})`;
    return `Published snapshot ${last.snapshot ?? '?'} on ${when}${how}: ${written}; ${countOf(last.tables ?? 0, 'table')}, ${countOf(last.rows ?? 0, 'row')}.`;
  }
  if (last.outcome === 'cancelled') return `The publish of ${when} was cancelled: the lake keeps its previous snapshot.`;
  return `The publish of ${when}${how} failed: ${last.error?.message ?? 'no reason was recorded.'}`;
}
