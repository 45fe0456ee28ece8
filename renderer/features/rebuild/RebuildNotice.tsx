// Shown above every section when the warehouse is missing, damaged, read-only or a rebuild was
// interrupted: says what happened and offers the rebuild from the downloaded files (no call to
// Apple), with its progress and result.
import { useEffect, useState } from 'react';
import { OrchardError } from '../../../shared/errors';
import type { RebuildProgress, RebuildSummary, WarehouseHealth, WarehouseState } from '../../../shared/rebuild';
import { useClient } from '../../ipc/ClientContext';
import { beginConfirmation } from '../../ipc/confirmations';
import { countOf, formatCount } from '../sync/format';

/** The states a rebuild from the cache puts right. */
const REBUILDABLE: ReadonlySet<WarehouseState> = new Set(['missing', 'damaged', 'interrupted']);

export function RebuildNotice() {
  const client = useClient();
  const [health, setHealth] = useState<WarehouseHealth | null>(null);
  const [progress, setProgress] = useState<RebuildProgress | null>(null);
  const [result, setResult] = useState<RebuildSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    client.invoke('warehouse:health', {}).then(setHealth, () => setHealth(null));
    return client.on('warehouse:rebuildProgress', setProgress);
  }, [client]);

  if (result) {
    return (
      <div className="notice-item tone-info" role="status" data-testid="rebuild-result">
        <span>{progress?.message ?? `Rebuild ${result.outcome}: ${countOf(result.instancesLoaded, 'instance')}, ${countOf(result.rowsLoaded, 'row')}.`}</span>
        <button type="button" onClick={() => setResult(null)}>Dismiss</button>
      </div>
    );
  }
  if (!health || health.state === 'ok') return null;
  const canRebuild = REBUILDABLE.has(health.state) && (health.cachedInstances > 0 || (health.keptSalesFiles ?? 0) > 0);
  const running = progress !== null && progress.phase !== 'finished';
  const rebuildWith = (confirmation: string) => {
    setError(null);
    setProgress({ phase: 'checking', instances: { done: 0, total: 0 }, rows: 0, message: 'Checking the downloaded files…' });
    client.invoke('warehouse:rebuild', { confirmation }).then(
      (summary) => {
        setResult(summary);
        client.invoke('warehouse:health', {}).then(setHealth, () => undefined);
      },
      (e: unknown) => {
        setProgress(null);
        // A rebuild that stopped keeps the previous warehouse: the health now says it was interrupted.
        client.invoke('warehouse:health', {}).then(setHealth, () => undefined);
        // CANCELLED: the user said no in the desktop app's own dialog; nothing changed.
        if (!(e instanceof OrchardError && e.code === 'CANCELLED')) setError(e instanceof OrchardError ? e.message : String(e));
      },
    );
  };
  const rebuild = () => {
    setError(null);
    beginConfirmation(client, { action: 'warehouse:rebuild' }, {
      runNow: rebuildWith,
      askUser: (ticket) => {
        if (window.confirm('Rebuild the warehouse from the downloaded files? No call to Apple is made; this can take a while.')) rebuildWith(ticket);
      },
    }).catch((e: unknown) => setError(e instanceof OrchardError ? e.message : String(e)));
  };
  return (
    <div className={`notice-item ${health.state === 'readOnly' ? 'tone-warning' : 'tone-error'}`} role="alert" data-testid="rebuild-notice" data-state={health.state}>
      <span>
        {running ? `${progress.message} (${formatCount(progress.instances.done)} / ${countOf(progress.instances.total, 'instance')}, ${countOf(progress.rows, 'row')})` : health.message}
        {error && ` ${error}`}
      </span>
      {canRebuild && (
        <button type="button" onClick={rebuild} disabled={running}>
          {running ? 'Rebuilding…' : 'Rebuild from downloaded files'}
        </button>
      )}
      {running && <button type="button" onClick={() => void client.invoke('warehouse:cancelRebuild', {})}>Cancel rebuild</button>}
    </div>
  );
}
