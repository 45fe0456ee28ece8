// Insights' Overview: App Store Connect's Analytics headline numbers for the selected app (or all
// apps), offline, from the restatement-correct views. Each tile's number opens as SQL.
import { useState } from 'react';
import { HEADLINE_PERIODS, type HeadlinePeriod } from '../../../shared/insights';
import { useClient } from '../../ipc/ClientContext';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { useLoad } from '../sync/useLoad';
import { useSyncFinished } from '../sync/useSyncFinished';
import { HeadlineTileCard } from './HeadlineTileCard';

/** `allApps` lives in the Insights page, whose heading names what the numbers cover. */
export function OverviewTab({ appId, allApps, setAllApps, openInWorkbench }: {
  appId: string | undefined;
  allApps: boolean;
  setAllApps: (all: boolean) => void;
  openInWorkbench: (sql: string) => void;
}) {
  const client = useClient();
  const [days, setDays] = useState<HeadlinePeriod>(28);
  const scope = allApps ? 'all' : appId;
  const headlines = useLoad(scope ? () => client.invoke('insights:headlines', { appId: scope, days }) : null, `${scope ?? ''}:${days}`);
  useSyncFinished(appId, headlines.reload);

  return (
    <div aria-busy={headlines.loading || headlines.reloading}>
      <div className="filters">
        <div role="radiogroup" aria-label="Period" className="segmented">
          {HEADLINE_PERIODS.map((p) => (
            <button key={p} type="button" role="radio" aria-checked={p === days} onClick={() => setDays(p)}>
              {p} days
            </button>
          ))}
        </div>
        <div role="radiogroup" aria-label="Apps" className="segmented">
          <button type="button" role="radio" aria-checked={!allApps} onClick={() => setAllApps(false)}>This app</button>
          <button type="button" role="radio" aria-checked={allApps} onClick={() => setAllApps(true)}>All apps</button>
        </div>
        {headlines.data && headlines.data.tiles[0] && (
          <span className="muted">Each number covers the last {days} days every chosen app has published, against the {days} days before.</span>
        )}
      </div>
      {!scope ? (
        <EmptyState title="No app selected">Choose an app in Apps to see its numbers.</EmptyState>
      ) : headlines.error ? (
        <ErrorState error={headlines.error} onRetry={headlines.reload} />
      ) : headlines.loading || !headlines.data ? (
        <Loading label="Computing headline numbers…" />
      ) : (
        <div className="headline-grid">
          {headlines.data.tiles.map((tile) => (
            <HeadlineTileCard key={tile.id} tile={tile} onOpenSql={openInWorkbench} />
          ))}
        </div>
      )}
    </div>
  );
}
