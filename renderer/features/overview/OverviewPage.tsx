// Overview: what Orchard holds and what to do next. Filled with per-app cards once keys and
// sync exist; until then it guides a new user to the first step.
import { useCommand } from '../../ipc/ClientContext';
import { ErrorState, Loading } from '../../components/States';

export function OverviewPage({ onNavigate }: { onNavigate: (section: 'keys') => void }) {
  const [info, reload] = useCommand('app:info', {});
  if (info.state === 'loading') return <Loading />;
  if (info.state === 'error') return <ErrorState error={info.error} onRetry={reload} />;
  return (
    <section className="page" aria-labelledby="overview-title">
      <h1 id="overview-title">Overview</h1>
      <div className="card">
        <h2>Welcome to Orchard</h2>
        <p>
          Orchard downloads your App Store Connect Analytics Reports into a private database on this computer, so you
          can browse them and query them with SQL, offline.
        </p>
        <p>Start by adding an App Store Connect API key.</p>
        <button type="button" className="primary" onClick={() => onNavigate('keys')}>
          Add an API key
        </button>
      </div>
      <dl className="facts">
        <dt>Version</dt>
        <dd>{info.data.version}</dd>
        <dt>Data folder</dt>
        <dd>
          <code>{info.data.dataDir}</code>
        </dd>
        <dt>Mode</dt>
        <dd>{info.data.mode === 'electron' ? 'Desktop app' : 'Browser'}{info.data.demo ? ' · demo data' : ''}</dd>
      </dl>
    </section>
  );
}
