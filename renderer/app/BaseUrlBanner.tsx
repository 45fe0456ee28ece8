// A persistent warning on every screen while API calls (and the signed API token) go to a host
// other than Apple's, so a test or demo setup can never pass for the real App Store Connect.
import { useEffect, useState } from 'react';
import { useClient } from '../ipc/ClientContext';

export function BaseUrlBanner() {
  const client = useClient();
  const [host, setHost] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    client.invoke('app:info', {}).then(
      (info) => live && setHost(info.ascBaseUrl),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client]);
  if (host === undefined) return null;
  return (
    <div className="notice-item tone-warning" role="status" aria-label="Not connected to Apple">
      <span>
        Not Apple: App Store Connect calls go to <code>{host}</code> (set by ORCHARD_ASC_BASE_URL). Data shown here does not come from Apple.
      </span>
    </div>
  );
}
