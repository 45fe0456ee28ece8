// The warehouse catalogue for the panel and the editor's completion; loaded when the workbench
// opens, on request, and again after every sync (new reports bring new views).
import { useCallback, useEffect, useState } from 'react';
import type { OrchardError } from '../../../shared/errors';
import type { WorkbenchCatalogue } from '../../../shared/workbench';
import { asOrchardError } from '../../ipc/ClientContext';
import type { OrchardClient } from '../../ipc/client';

/** `appId`: the selected app, which every example query filters by. */
export function useCatalogue(client: OrchardClient, appId?: string) {
  const [catalogue, setCatalogue] = useState<WorkbenchCatalogue | null>(null);
  const [error, setError] = useState<OrchardError | null>(null);
  const [loading, setLoading] = useState(false);
  const [nonce, setNonce] = useState(0);

  useEffect(() => {
    let live = true;
    setLoading(true);
    client.invoke('query:catalogue', appId ? { appId } : {}).then(
      (loaded) => {
        if (!live) return;
        setCatalogue(loaded);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(asOrchardError(e));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [client, nonce, appId]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  useEffect(() => client.on('sync:finished', reload), [client, reload]);
  return { catalogue, error, loading, reload };
}
