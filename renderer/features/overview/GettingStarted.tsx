// The overview for a new user: the four steps from nothing to a first query, each ticked off once
// done (a key stored, an app chosen, a first sync, a first query) and the next one offered as the
// main button. It disappears when all four are done.
import { useCommand } from '../../ipc/ClientContext';
import type { OverviewTarget } from './OverviewPage';

interface Step {
  id: 'key' | 'app' | 'sync' | 'query';
  text: string;
  done: boolean;
  action: { label: string; run: () => void };
}

export function GettingStarted({ appId, synced, onNavigate, onSync }: {
  appId: string | undefined;
  /** The selected app has had a sync that loaded what Apple had. */
  synced: boolean;
  onNavigate: (section: OverviewTarget) => void;
  onSync: () => void;
}) {
  const [keys] = useCommand('keys:list', {});
  const [history] = useCommand('query:history', { limit: 1 });
  if (keys.state === 'loading' || history.state === 'loading') return null;
  const steps: Step[] = [
    { id: 'key', text: 'Add an App Store Connect API key (an Admin key can also ask Apple for reports).', done: keys.state === 'ready' && keys.data.length > 0,
      action: { label: 'Add an API key', run: () => onNavigate('keys') } },
    { id: 'app', text: 'Pick the app to work with.', done: appId !== undefined, action: { label: 'Choose an app', run: () => onNavigate('apps') } },
    { id: 'sync', text: 'Sync: Orchard downloads what Apple has produced (for a new request, Apple needs 24–48 hours for the first data).', done: synced,
      action: { label: 'Sync now', run: onSync } },
    { id: 'query', text: 'Ask your first question in SQL, or open a report’s data from the Instances screen.', done: history.state === 'ready' && history.data.length > 0,
      action: { label: 'Open the SQL workbench', run: () => onNavigate('workbench') } },
  ];
  const next = steps.find((s) => !s.done);
  if (next === undefined) return null;
  const doneCount = steps.filter((s) => s.done).length;
  return (
    <section className="card getting-started" aria-label="Getting started">
      <h2>Welcome to Orchard</h2>
      <p>
        Orchard downloads your App Store Connect Analytics Reports into a private database on this computer, so you can browse
        them and query them with SQL, offline.
      </p>
      <p className="muted" role="status" aria-label="Steps done">{doneCount} of {steps.length} steps done</p>
      <ol className="steps">
        {steps.map((s) => (
          <li key={s.id} data-step={s.id} data-done={s.done} aria-label={`${s.text}${s.done ? ' (done)' : ''}`}>
            <span className="step-mark" aria-hidden="true">{s.done ? '✓' : ''}</span>
            <span className={s.done ? 'muted' : undefined}>{s.text}</span>{' '}
            {!s.done && (
              <button type="button" className={s === next ? 'primary' : undefined} disabled={s.id === 'sync' && appId === undefined} onClick={s.action.run}>
                {s.action.label}
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
