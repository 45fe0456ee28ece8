// One instance in detail: its state in words, its segments (size, checksum, state, rows loaded)
// and a way to open its rows in the SQL workbench.
import type { InstanceView } from '../../../shared/browse';
import { ErrorState, Loading } from '../../components/States';
import { useClient } from '../../ipc/ClientContext';
import { GRANULARITY_LABELS } from '../reports/reportText';
import { accessTypeLabel } from '../requests/requestText';
import { formatBytes, formatCount, formatDateTime, formatDay } from '../sync/format';
import { useLoad } from '../sync/useLoad';
import { STATE_LABELS } from './instanceText';

export function InstanceDetailPanel({ appId, instance, openInWorkbench, onClose }: {
  appId: string;
  instance: InstanceView;
  openInWorkbench: (sql: string) => void;
  onClose: () => void;
}) {
  const client = useClient();
  const detail = useLoad(() => client.invoke('browse:instance', { appId, instanceId: instance.instanceId }), `${instance.instanceId}|${instance.state}`);
  const title = `${formatDay(instance.processingDate)} · ${GRANULARITY_LABELS[instance.granularity]} · ${accessTypeLabel(instance.accessType)}`;
  return (
    <section className="card instance-detail" aria-label="Instance details">
      <div className="toolbar">
        <h2>{title}</h2>
        <button type="button" onClick={onClose} aria-label="Close instance details">Close</button>
      </div>
      <p>
        <span className={`status status-${instance.state}`}>{STATE_LABELS[instance.state]}</span> {instance.note}
      </p>
      <dl className="facts">
        <dt>Instance ID</dt><dd><code>{instance.instanceId}</code></dd>
        <dt>Rows loaded</dt><dd>{instance.rowCount === null ? '—' : formatCount(instance.rowCount)}</dd>
        <dt>Loaded at</dt><dd>{instance.ingestedAt ? formatDateTime(instance.ingestedAt) : '—'}</dd>
        <dt>Apple keeps it until</dt><dd>{formatDay(instance.expiresOn)}</dd>
      </dl>
      {detail.loading && <Loading label="Reading the instance’s files…" />}
      {detail.error && !detail.data && <ErrorState error={detail.error} onRetry={detail.reload} />}
      {detail.data && (
        <>
          {detail.data.segments.length === 0 ? (
            <p className="muted">No file of this instance has been downloaded yet.</p>
          ) : (
            <table className="table" aria-label="Segments">
              <thead><tr><th>Segment</th><th>Size</th><th>Checksum (MD5)</th><th>State</th><th>Rows loaded</th></tr></thead>
              <tbody>
                {detail.data.segments.map((s) => (
                  <tr key={s.segmentId}>
                    <td><code>{s.segmentId}</code>{s.error && <div className="error">{s.error}</div>}</td>
                    <td>{formatBytes(s.sizeInBytes)}</td>
                    <td><code>{s.checksum}</code></td>
                    <td>{s.state}</td>
                    <td>{s.rowCount === null ? '—' : formatCount(s.rowCount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="detail-actions">
            <button type="button" className="primary" disabled={instance.state !== 'downloaded'} aria-describedby="workbench-why"
              onClick={() => detail.data && openInWorkbench(detail.data.sql)}>
              Open rows in SQL workbench
            </button>
            <span id="workbench-why" className="muted">
              {instance.state === 'downloaded' ? <code>{detail.data.sql}</code> : 'Its rows are in the warehouse once it is downloaded.'}
            </span>
          </div>
        </>
      )}
    </section>
  );
}
