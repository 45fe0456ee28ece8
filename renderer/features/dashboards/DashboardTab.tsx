// One dashboard page (Acquisition, Monetization, Usage, Performance): its tiles in a grid, each
// asking main for its own rows under the shared controls.
import { useEffect } from 'react';
import type { DashboardControls, DashboardPage } from '../../../shared/dashboards';
import { useClient } from '../../ipc/ClientContext';
import { EmptyState } from '../../components/States';
import { TileCard } from './TileCard';
import { useTileRequests, type TileRequests } from './useTileRequests';

export function DashboardTab({ page, controls, controlsKey, openInWorkbench, onRequests }: {
  page: DashboardPage;
  controls: DashboardControls | null;
  controlsKey: string;
  openInWorkbench: (sql: string) => void;
  /** Lets the controls bar show Stop while this page's tiles run. */
  onRequests: (requests: Pick<TileRequests, 'busy' | 'stop' | 'reload'> | null) => void;
}) {
  const client = useClient();
  const requests = useTileRequests(client, page.id, page.tiles, controls, controlsKey);
  const { busy, stop, reload } = requests;
  useEffect(() => onRequests({ busy, stop, reload }), [onRequests, busy, stop, reload]);
  useEffect(() => () => onRequests(null), [onRequests]);
  if (controls === null) return <EmptyState title="No app chosen">Choose an app (or all apps) in the controls above.</EmptyState>;
  return (
    <>
      <p className="muted dash-description">{page.description}</p>
      <div className="dash-grid">
        {page.tiles.map((tile) => (
          <TileCard key={tile.id} tile={tile} run={requests.runs[tile.id]} onRetry={reload} openInWorkbench={openInWorkbench} />
        ))}
      </div>
    </>
  );
}
