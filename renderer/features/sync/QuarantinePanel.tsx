// The Sync page's quarantine section: report files Orchard refused to load (kept for inspection,
// bounded in size), files it stopped downloading after failing the same way several syncs in a
// row, and a confirmed "clear" that empties <data>/quarantine so they are tried again.
import { useState } from 'react';
import type { OrchardError } from '../../../shared/errors';
import type { QuarantineListing } from '../../../shared/quarantine';
import { asOrchardError, useClient } from '../../ipc/ClientContext';
import { beginConfirmation } from '../../ipc/confirmations';
import { ErrorState } from '../../components/States';
import { formatBytes } from './format';
import { useLoad } from './useLoad';
import { useSyncFinished } from './useSyncFinished';

export function QuarantinePanel({ appId }: { appId: string | undefined }) {
  const client = useClient();
  const listing = useLoad(() => client.invoke('quarantine:list', {}), 'quarantine');
  const [error, setError] = useState<OrchardError | null>(null);
  useSyncFinished(appId, () => listing.reload());
  const clearWith = async (confirmation: string) => {
    setError(null);
    try {
      listing.set(await client.invoke('quarantine:clear', { confirmation }));
    } catch (e) {
      const failure = asOrchardError(e);
      // CANCELLED: the user said no in the desktop app's own dialog; nothing changed.
      if (failure.code !== 'CANCELLED') setError(failure);
    }
  };
  const clear = () =>
    beginConfirmation(client, { action: 'quarantine:clear' }, {
      runNow: (ticket) => void clearWith(ticket),
      askUser: (ticket) => {
        if (window.confirm('Delete the quarantined files? Files Orchard stopped downloading are tried again at the next sync.')) void clearWith(ticket);
      },
    }).catch((e: unknown) => setError(asOrchardError(e)));
  const data = listing.data;
  if (!data || (data.files.length === 0 && data.failures.length === 0)) return listing.error ? <ErrorState error={listing.error} onRetry={listing.reload} /> : null;
  return (
    <section aria-labelledby="quarantine-title" className="card">
      <h2 id="quarantine-title">Quarantine</h2>
      {error && <ErrorState error={error} />}
      <Summary data={data} />
      {data.failures.length > 0 && (
        <ul aria-label="Refused report files">
          {data.failures.map((f) => (
            <li key={f.segmentId}>
              <code>{f.segmentId}</code>: {f.reason}. Failed {f.syncsInARow} sync{f.syncsInARow === 1 ? '' : 's'} in a row
              {f.stopped ? ' — no longer downloaded: Apple’s file, not the network, is the likely cause.' : '.'}
            </li>
          ))}
        </ul>
      )}
      <div className="button-row">
        <button type="button" onClick={() => void clear()}>Clear quarantine</button>
      </div>
    </section>
  );
}

function Summary({ data }: { data: QuarantineListing }) {
  return (
    <p className="muted">
      {data.files.length} kept file{data.files.length === 1 ? '' : 's'}, {formatBytes(data.totalBytes)} of at most {formatBytes(data.capBytes)} (oldest removed first), in{' '}
      <code>{data.dir}</code>. They are never loaded.
    </p>
  );
}
