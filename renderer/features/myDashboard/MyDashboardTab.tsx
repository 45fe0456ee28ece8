// "My dashboard": the user's saved workbench queries pinned as tiles (layout in
// <data folder>/dashboard.json), each re-run with the Insights controls where it declares
// parameters. Pinned from the workbench's chart view ("Pin to My dashboard").
import { useCallback, useState } from 'react';
import type { DashboardControls } from '../../../shared/dashboards';
import type { OrchardError } from '../../../shared/errors';
import type { PinList, PinSize, PinView } from '../../../shared/pins';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { asOrchardError, useClient } from '../../ipc/ClientContext';
import { useLoad } from '../sync/useLoad';
import { PinTile } from './PinTile';
import '../workbench/workbench.css';
import './myDashboard.css';

export interface MyDashboardTabProps {
  controls: DashboardControls;
  openInWorkbench: (sql: string) => void;
}

export function MyDashboardTab({ controls, openInWorkbench }: MyDashboardTabProps) {
  const client = useClient();
  const pins = useLoad<PinList>(() => client.invoke('pins:list', {}), 'pins');
  const { set, reload } = pins;
  const [actionError, setActionError] = useState<OrchardError | null>(null);
  // Bumped by "Run again": every tile runs its query anew (new data after a sync).
  const [version, setVersion] = useState(0);

  const act = useCallback(
    (action: () => Promise<PinList>) => {
      setActionError(null);
      action().then(set, (e: unknown) => {
        setActionError(asOrchardError(e));
        reload();
      });
    },
    [set, reload],
  );
  const onMove = useCallback((pin: PinView, position: number) => act(() => client.invoke('pins:move', { pinId: pin.id, position })), [act, client]);
  const onResize = useCallback((pin: PinView, size: PinSize) => act(() => client.invoke('pins:move', { pinId: pin.id, size })), [act, client]);
  const onRemove = useCallback(
    (pin: PinView) => act(async () => {
      await client.invoke('pins:remove', { pinId: pin.id });
      return client.invoke('pins:list', {});
    }),
    [act, client],
  );

  if (pins.error) return <ErrorState error={pins.error} onRetry={reload} />;
  if (pins.loading || pins.data === undefined) return <Loading label="Opening My dashboard…" />;
  const { data } = pins;
  return (
    <div className="my-dashboard" aria-label="My dashboard">
      {data.notice && <p className="notice" role="alert">{data.notice}</p>}
      {actionError && <p className="notice" role="alert">{actionError.message}</p>}
      {data.pins.length > 0 && (
        <div className="filters">
          <button type="button" onClick={() => setVersion((v) => v + 1)}>Run again</button>
          <span className="muted">{data.pins.length} {data.pins.length === 1 ? 'tile' : 'tiles'} · each runs its saved query with the apps, range and granularity above; a “Last N” range ends where every chosen app’s data end, as on the built-in pages (filters and comparison apply to those pages only).</span>
        </div>
      )}
      {data.pins.length === 0 ? (
        <EmptyState title="Nothing pinned yet">
          Pin your own queries here: in the SQL workbench, save a query, show its result as a chart and press “Pin to My dashboard”. A
          query that writes <code>:app</code> (one app), <code>IN :apps</code>, <code>:from</code>, <code>:to</code> or{' '}
          <code>:granularity</code> is re-run with the controls above.
        </EmptyState>
      ) : (
        <div className="pin-grid">
          {data.pins.map((pin, index) => (
            <PinTile
              key={pin.id}
              pin={pin}
              index={index}
              count={data.pins.length}
              controls={controls}
              version={version}
              onMove={onMove}
              onResize={onResize}
              onRemove={onRemove}
              openInWorkbench={openInWorkbench}
            />
          ))}
        </div>
      )}
      <p className="muted pin-note">Layout saved in {data.file}. Removing a tile keeps its saved query.</p>
    </div>
  );
}
