// Past sync runs of the app, newest first: outcome, counts, notes about requests, and each
// problem with what to do about it.
import { ERROR_HINTS, type ErrorCode } from '../../../shared/errors';
import type { SyncIssue, SyncSummary } from '../../../shared/sync';
import { suggestFix } from './fixes';
import { countOf, formatBytes, formatCount, formatDateTime, readableCounts } from './format';

const OUTCOME_LABELS: Record<SyncSummary['outcome'], string> = {
  succeeded: 'Succeeded',
  partial: 'Finished with problems',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

const MAX_LISTED = 50;

/** Problems of one kind share one fix: a run where every file failed shows one entry, not forty. */
function groupIssues(issues: readonly SyncIssue[]): { code: ErrorCode; first: SyncIssue; issues: SyncIssue[] }[] {
  const groups = new Map<ErrorCode, SyncIssue[]>();
  for (const issue of issues) groups.set(issue.error.code, [...(groups.get(issue.error.code) ?? []), issue]);
  return [...groups.entries()].flatMap(([code, list]) => (list[0] ? [{ code, first: list[0], issues: list }] : []));
}

function duration(s: SyncSummary): string {
  const secs = Math.max(0, Math.round((Date.parse(s.endedAt) - Date.parse(s.startedAt)) / 1000));
  return secs < 90 ? `${secs} s` : `${Math.round(secs / 60)} min`;
}

export function RunHistory({ runs }: { runs: SyncSummary[] }) {
  return (
    <ul className="run-list" aria-label="Sync history">
      {runs.map((r) => (
        <li key={r.runId} data-outcome={r.outcome} aria-label={`Sync ${formatDateTime(r.startedAt)}: ${OUTCOME_LABELS[r.outcome]}`}>
          <div className="run-head">
            <span className={`status status-${r.outcome}`}>{OUTCOME_LABELS[r.outcome]}</span>
            <span>{formatDateTime(r.startedAt)} · {duration(r)}</span>
            <span className="muted">
              {countOf(r.instancesIngested, 'instance')} · {countOf(r.rowsLoaded, 'row')} · {formatBytes(r.bytesDownloaded)}
              {r.instancesSkipped > 0 ? ` · ${formatCount(r.instancesSkipped)} already loaded` : ''}
            </span>
          </div>
          {r.notes.map((n, i) => <div key={i} className="run-note muted">{readableCounts(n)}</div>)}
          {groupIssues(r.issues).map((group) => (
            <div key={group.code} className="run-issue">
              <div className="error">
                {group.issues.length > 1 ? `${group.issues.length} problems of this kind, for example ` : ''}
                {group.first.reportName ? `${group.first.reportName}: ` : ''}{readableCounts(group.first.error.message)}
              </div>
              <div className="fix" title={ERROR_HINTS[group.code]}>Suggested fix: {suggestFix(group.first)}</div>
              {group.issues.length > 1 && (
                <details>
                  <summary className="muted">All {group.issues.length}</summary>
                  <ul className="issue-list">
                    {group.issues.slice(0, MAX_LISTED).map((issue, k) => (
                      <li key={k}>{issue.reportName ? `${issue.reportName}: ` : ''}{issue.error.message}</li>
                    ))}
                    {group.issues.length > MAX_LISTED && <li className="muted">…and {group.issues.length - MAX_LISTED} more</li>}
                  </ul>
                </details>
              )}
            </div>
          ))}
        </li>
      ))}
    </ul>
  );
}
