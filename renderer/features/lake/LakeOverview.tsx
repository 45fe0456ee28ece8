// The Overview over a lake: no first steps (no key to add, nothing to sync), but which snapshot is
// open, who published it when, and where its data can be read.
import { useCommand } from '../../ipc/ClientContext';
import { PageSection } from '../../components/PageSection';
import { formatDateTime } from '../sync/format';
import { useLakeMode } from './lakeMode';

export type LakeOverviewTarget = 'insights' | 'sales' | 'workbench';

export function LakeOverview({ onNavigate }: { onNavigate: (section: LakeOverviewTarget) => void }) {
  const mode = useLakeMode();
  const [info] = useCommand('app:info', {});
  const published = mode.lake?.published;
  return (
    <PageSection id="overview" title="Overview" wide>
      <section className="card" aria-label="Lake">
        <h2>Browsing a published lake</h2>
        {published ? (
          <dl className="facts">
            <dt>Lake folder</dt>
            <dd><code>{published.dir}</code></dd>
            <dt>Snapshot</dt>
            <dd>{published.snapshot}</dd>
            <dt>Published by</dt>
            <dd>{published.publisher}</dd>
            <dt>Published on</dt>
            <dd>{formatDateTime(published.at)}</dd>
          </dl>
        ) : (
          <p>{mode.message}</p>
        )}
        <p className="muted">Read-only: the numbers are the publisher’s as of this snapshot. No Apple key is needed and nothing syncs here.</p>
        <div className="button-row">
          <button type="button" className="primary" onClick={() => onNavigate('insights')}>Open Insights</button>
          <button type="button" onClick={() => onNavigate('workbench')}>Open the SQL workbench</button>
          <button type="button" onClick={() => onNavigate('sales')}>Sales and Trends</button>
        </div>
      </section>
      {info.state === 'ready' && (
        <dl className="facts">
          <dt>Version</dt>
          <dd>{info.data.version}</dd>
          <dt>Mode</dt>
          <dd>{info.data.mode === 'electron' ? 'Desktop app' : 'Browser'} · read-only lake</dd>
        </dl>
      )}
    </PageSection>
  );
}
