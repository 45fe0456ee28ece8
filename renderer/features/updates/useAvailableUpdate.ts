// Asks main once whether a newer Orchard is out (main reads the release feed; the page never
// touches the network). Holds only an `available` answer: off, up to date or failed show nothing.
import { useCallback, useEffect, useState } from 'react';
import type { UpdateStatus } from '../../../shared/ipc/updateCommands';
import type { OrchardClient } from '../../ipc/client';

export type AvailableUpdate = Extract<UpdateStatus, { state: 'available' }>;

export function useAvailableUpdate(client: OrchardClient): { available: AvailableUpdate | undefined; dismiss: () => void } {
  const [available, setAvailable] = useState<AvailableUpdate | undefined>();
  useEffect(() => {
    let live = true;
    client.invoke('updates:check', {}).then(
      (status) => {
        if (live && status.state === 'available') setAvailable(status);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client]);
  const dismiss = useCallback(() => setAvailable(undefined), []);
  return { available, dismiss };
}
