// Query history: every run with its outcome, searchable (main filters), newest first; an entry
// opens in a new tab.
import { useEffect, useState } from 'react';
import type { HistoryEntry } from '../../../shared/workbench';
import { asOrchardError, useClient } from '../../ipc/ClientContext';
import { beginConfirmation } from '../../ipc/confirmations';
import { ConfirmDialog } from '../requests/ConfirmDialog';
import { formatCount, formatDuration } from './cellFormat';

function firstLine(sql: string): string {
  return (sql.split('\n').find((line) => line.trim() !== '' && !line.trim().startsWith('--')) ?? sql).trim();
}

export function HistoryPanel({ version, onOpen }: { version: number; onOpen: (title: string, sql: string) => void }) {
  const client = useClient();
  const [search, setSearch] = useState('');
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cleared, setCleared] = useState(0);
  /** The ticket main issued while the page's own confirmation is open (browser mode). */
  const [asking, setAsking] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      client.invoke('query:history', { limit: 200, ...(search.trim() ? { search } : {}) }).then(
        (list) => live && (setEntries(list), setError(null)),
        (e: unknown) => live && setError(asOrchardError(e).message),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, search, version, cleared]);

  const clear = async (confirmation: string) => {
    setAsking(null);
    try {
      await client.invoke('query:clearHistory', { confirmation });
      setCleared((n) => n + 1);
    } catch (e) {
      const failure = asOrchardError(e);
      if (failure.code !== 'CANCELLED') setError(failure.message);
    }
  };
  const askClear = () =>
    beginConfirmation(client, { action: 'query:clearHistory' }, { runNow: (ticket) => void clear(ticket), askUser: setAsking }).catch((e: unknown) =>
      setError(asOrchardError(e).message),
    );

  return (
    <div className="wb-history">
      <div className="wb-panel-bar">
        <input type="search" aria-label="Search history" placeholder="Search history" value={search} onChange={(e) => setSearch(e.target.value)} />
        <button type="button" className="wb-small" onClick={() => void askClear()} disabled={!entries?.length}>
          Clear history
        </button>
      </div>
      {asking !== null && (
        <ConfirmDialog title="Clear the query history?" confirmLabel="Clear history" danger onCancel={() => setAsking(null)} onConfirm={() => void clear(asking)}>
          <p>Every past query and its outcome is deleted from this computer. Saved queries stay.</p>
        </ConfirmDialog>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      {entries?.length === 0 && <p className="wb-note">{search ? 'No run matches.' : 'Queries you run appear here.'}</p>}
      <ul className="wb-entries" aria-label="Query history">
        {entries?.map((entry) => (
          <li key={entry.id}>
            <button type="button" className="wb-entry" onClick={() => onOpen('From history', entry.sql)} title={entry.sql}>
              <code>{firstLine(entry.sql)}</code>
              <span className={`wb-meta wb-${entry.outcome}`}>
                {entry.outcome === 'succeeded' ? `${formatCount(entry.rows ?? 0)} rows` : entry.outcome} · {formatDuration(entry.elapsedMs)} ·{' '}
                {new Date(entry.startedAt).toLocaleString()}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
