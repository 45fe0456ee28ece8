// Runs a callback when a sync of the app ends, so screens refresh from events, never by polling.
import { useEffect, useRef } from 'react';
import type { SyncSummary } from '../../../shared/sync';
import { useClient } from '../../ipc/ClientContext';

export function useSyncFinished(appId: string | undefined, onFinished: (summary: SyncSummary) => void): void {
  const client = useClient();
  const callback = useRef(onFinished);
  callback.current = onFinished;
  useEffect(() => {
    if (appId === undefined) return undefined;
    return client.on('sync:finished', (summary) => {
      if (summary.appId === appId) callback.current(summary);
    });
  }, [client, appId]);
}
