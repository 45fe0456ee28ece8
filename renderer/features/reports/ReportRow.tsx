// One report in the Reports list: name with its level badge, category, status with the reason,
// granularities, instances by state, the include-in-sync switch and a way to its instances.
import type { ReportView } from '../../../shared/browse';
import { categoryLabel } from '../../../shared/browse';
import { formatCount } from '../sync/format';
import { GRANULARITY_LABELS, statusLook } from './reportText';

export function ReportRow({ report, onToggle, onOpenInstances, disabled }: {
  report: ReportView;
  onToggle: (included: boolean) => void;
  onOpenInstances: () => void;
  disabled: boolean;
}) {
  // A report left out of sync has no status of its own: say that, not "not synced yet".
  const look = report.status === undefined && !report.selected ? { label: 'Not in sync', tone: 'muted' as const } : statusLook(report.status);
  const reason = report.reason ?? (report.selected ? 'Sync to see what Apple has produced for this report.' : 'Turn it on to download it with the next sync.');
  const i = report.instances;
  return (
    <div className="report-row" role="listitem" aria-label={report.name} data-selected={report.selected}>
      <label className="switch" title={report.selected ? 'Included in sync' : 'Not included in sync'}>
        <input type="checkbox" role="switch" checked={report.selected} disabled={disabled}
          aria-label={`Include ${report.name} in sync`} onChange={(e) => onToggle(e.target.checked)} />
        <span className="switch-track" aria-hidden="true" />
      </label>
      <div className="report-main">
        <div className="report-title" title={report.name}>
          <strong>{report.name}</strong>
          {report.level !== 'Single' && <span className={`badge level-${report.level.toLowerCase()}`}>{report.level}</span>}
        </div>
        <div className="report-reason muted" title={reason}>{categoryLabel(report.category)} · {reason}</div>
      </div>
      <span className={`status status-${look.tone}`}>{look.label}</span>
      <span className="granularities" aria-label="Granularities">
        {report.granularities.map((g) => <span key={g} className="chip" title={GRANULARITY_LABELS[g]}>{GRANULARITY_LABELS[g]}</span>)}
      </span>
      <span className="report-counts">
        {i.total === 0 ? <span className="muted">No instances</span> : (
          <>
            <span className="count-downloaded">{formatCount(i.downloaded)} downloaded</span>
            {i.pending > 0 && <span className="count-pending"> · {formatCount(i.pending)} pending</span>}
            {i.failed > 0 && <span className="count-failed"> · {formatCount(i.failed)} failed</span>}
            {i.expired > 0 && <span className="count-expired"> · {formatCount(i.expired)} expired</span>}
          </>
        )}
      </span>
      <button type="button" onClick={onOpenInstances} aria-label={`Instances of ${report.name}`}>Instances</button>
    </div>
  );
}
