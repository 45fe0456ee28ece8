// Saved queries: the .sql files in the data folder's queries/ folder (shown, so it can be opened,
// shared or kept in git); each opens in a new tab.
import { useEffect, useState } from 'react';
import type { SavedQueries } from '../../../shared/workbench';
import { asOrchardError, useClient } from '../../ipc/ClientContext';
import { beginConfirmation } from '../../ipc/confirmations';

export function SavedPanel({ version, onOpen }: { version: number; onOpen: (title: string, sql: string, savedName: string) => void }) {
  const client = useClient();
  const [saved, setSaved] = useState<SavedQueries | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    client.invoke('query:savedList', {}).then(
      (list) => live && (setSaved(list), setError(null)),
      (e: unknown) => live && setError(asOrchardError(e).message),
    );
    return () => {
      live = false;
    };
  }, [client, version, reload]);

  const removeWith = async (name: string, confirmation: string) => {
    await client.invoke('query:deleteSaved', { name, confirmation }).catch((e: unknown) => {
      const failure = asOrchardError(e);
      // CANCELLED: the user said no in the desktop app's own dialog; nothing changed.
      if (failure.code !== 'CANCELLED') setError(failure.message);
    });
    setReload((n) => n + 1);
  };
  const remove = (name: string) =>
    beginConfirmation(client, { action: 'query:deleteSaved', name }, {
      runNow: (ticket) => void removeWith(name, ticket),
      askUser: (ticket) => {
        if (window.confirm(`Delete the saved query “${name}”? Its .sql file is deleted.`)) void removeWith(name, ticket);
      },
    }).catch((e: unknown) => setError(asOrchardError(e).message));

  return (
    <div className="wb-saved">
      <div className="wb-panel-bar">
        <span className="muted">Plain .sql files</span>
        <button type="button" className="wb-small" onClick={() => setReload((n) => n + 1)}>
          Refresh
        </button>
      </div>
      {saved && (
        <p className="wb-folder">
          <span className="muted">Folder: </span>
          <code title={saved.folder}>{saved.folder}</code>
          <button type="button" className="wb-small" onClick={() => void navigator.clipboard?.writeText(saved.folder)} aria-label="Copy folder path">
            Copy
          </button>
        </p>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      {saved?.queries.length === 0 && <p className="wb-note">Save a tab’s query (Ctrl/Cmd+S) to keep it here as a .sql file.</p>}
      <ul className="wb-entries" aria-label="Saved queries">
        {saved?.queries.map((query) => (
          <li key={query.fileName} className="wb-saved-item">
            <button type="button" className="wb-entry" aria-label={`Open ${query.name}`} onClick={() => onOpen(query.name, query.sql, query.name)} title={query.sql}>
              <span>{query.name}</span>
              <span className="wb-meta">{new Date(query.modifiedAt).toLocaleString()}</span>
            </button>
            <button type="button" className="wb-small" aria-label={`Delete ${query.name}`} onClick={() => void remove(query.name)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
