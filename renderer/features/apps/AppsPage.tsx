// Apps: the apps the default key can see; pick the one to work with.
import { useState } from 'react';
import { useClient, useCommand } from '../../ipc/ClientContext';
import { EmptyState, ErrorState, Loading } from '../../components/States';

export function AppsPage({ onNavigate, onSelected }: { onNavigate: (section: 'keys') => void; onSelected: (appId: string) => void }) {
  const client = useClient();
  const [nonce, setNonce] = useState(0);
  const [list, reload] = useCommand('apps:list', {}, String(nonce));
  const [selected, setSelected] = useState<string | undefined>();

  if (list.state === 'loading') return <Loading label="Asking App Store Connect for your apps…" />;
  if (list.state === 'error') {
    if (list.error.code === 'NOT_FOUND' && list.error.details?.reason === 'no-key') {
      return (
        <section className="page" aria-labelledby="apps-title">
          <h1 id="apps-title">Apps</h1>
          <EmptyState title="No API key yet" action={<button className="primary" onClick={() => onNavigate('keys')}>Add an API key</button>}>
            Add an App Store Connect API key to list the apps it can see.
          </EmptyState>
        </section>
      );
    }
    return <ErrorState error={list.error} onRetry={reload} />;
  }
  const current = selected ?? list.data.selectedAppId;
  return (
    <section className="page" aria-labelledby="apps-title">
      <h1 id="apps-title">Apps</h1>
      <div className="toolbar">
        <span className="muted">Seen with key {list.data.keyId} at {new Date(list.data.fetchedAt).toLocaleTimeString()}</span>
        <button type="button" onClick={() => setNonce((n) => n + 1)}>Refresh</button>
      </div>
      {list.data.apps.length === 0 ? (
        <EmptyState title="This key sees no apps">A team key sees the team's apps; check the key's role in App Store Connect.</EmptyState>
      ) : (
        <table className="table" aria-label="Apps">
          <thead>
            <tr><th>Name</th><th>Bundle ID</th><th>SKU</th><th>Apple ID</th><th /></tr>
          </thead>
          <tbody>
            {list.data.apps.map((app) => (
              <tr key={app.id} aria-selected={app.id === current}>
                <td>{app.name}</td>
                <td><code>{app.bundleId}</code></td>
                <td>{app.sku}</td>
                <td><code>{app.id}</code></td>
                <td>
                  {app.id === current ? (
                    <span className="badge">Selected</span>
                  ) : (
                    <button type="button" onClick={() => client.invoke('apps:select', { appId: app.id }).then((r) => (setSelected(r.selectedAppId), onSelected(r.selectedAppId)))} aria-label={`Work with ${app.name}`}>
                      Work with this app
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
