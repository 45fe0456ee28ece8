// The overview for a new user: the three steps from nothing to data, each with its button.
import type { OverviewTarget } from './OverviewPage';

export function GettingStarted({ onNavigate }: { onNavigate: (section: OverviewTarget) => void }) {
  return (
    <div className="card">
      <h2>Welcome to Orchard</h2>
      <p>
        Orchard downloads your App Store Connect Analytics Reports into a private database on this computer, so you can browse
        them and query them with SQL, offline.
      </p>
      <ol className="steps">
        <li>Add an App Store Connect API key (an Admin key can also ask Apple for reports). <button type="button" className="primary" onClick={() => onNavigate('keys')}>Add an API key</button></li>
        <li>Pick the app to work with. <button type="button" onClick={() => onNavigate('apps')}>Choose an app</button></li>
        <li>Request its reports; Apple produces the first data within 24–48 hours, then sync.</li>
      </ol>
    </div>
  );
}
