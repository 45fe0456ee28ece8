// "A new version of Orchard is available", with a link to the release page (opened in the
// browser: the app window never navigates away). Dismiss hides it until the next start.
import { useClient } from '../../ipc/ClientContext';
import { useAvailableUpdate } from './useAvailableUpdate';

export function UpdateNotice() {
  const { available, dismiss } = useAvailableUpdate(useClient());
  if (!available) return null;
  return (
    <div className="notice-item" role="status" aria-label="New version available">
      <span>
        Orchard {available.latestVersion} is available (you have {available.currentVersion}).{' '}
        <a href={available.url} target="_blank" rel="noreferrer">
          Download {available.releaseName}
        </a>
      </span>
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
