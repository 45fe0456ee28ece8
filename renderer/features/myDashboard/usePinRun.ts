// Runs one tile's saved query under the dashboard controls. A change of controls (or leaving the
// page) cancels the run still in flight in main, so stale tiles never hold the query connection.
import { useEffect, useState } from 'react';
import type { DashboardControls } from '../../../shared/dashboards';
import type { OrchardError } from '../../../shared/errors';
import type { PinRunResult } from '../../../shared/pins';
import { asOrchardError, useClient } from '../../ipc/ClientContext';

export interface PinRunState {
  /** The newest finished run; kept on screen while the next one runs. */
  result: PinRunResult | null;
  error: OrchardError | null;
  running: boolean;
}

export function usePinRun(pinId: string, controls: DashboardControls, version: number): PinRunState {
  const client = useClient();
  const [state, setState] = useState<PinRunState>({ result: null, error: null, running: true });
  const key = JSON.stringify(controls);

  useEffect(() => {
    const requestId = crypto.randomUUID();
    let settled = false;
    setState((previous) => ({ ...previous, running: true }));
    client.invoke('pins:run', { requestId, pinId, controls: JSON.parse(key) as DashboardControls }).then(
      (result) => {
        settled = true;
        setState({ result, error: null, running: false });
      },
      (e: unknown) => {
        if (settled) return;
        settled = true;
        const error = asOrchardError(e);
        if (error.code !== 'CANCELLED') setState({ result: null, error, running: false });
      },
    );
    return () => {
      if (settled) return;
      settled = true;
      void client.invoke('pins:cancel', { requestId }).catch(() => undefined);
    };
  }, [client, pinId, key, version]);

  return state;
}
