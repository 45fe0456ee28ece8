// The apps the default key sees (apps:list), for the switcher and for naming the selected app.
// While the list is unknown — no key yet, offline, or the selected app is not in it — it is asked
// again whenever `refresh` changes (the shell passes the current section), e.g. after the first
// key was added.
import { useEffect, useRef, useState } from 'react';
import type { App } from '../../shared/ascTypes';
import type { OrchardClient } from '../ipc/client';

export function useAppChoice(client: OrchardClient, appId: string | undefined, refresh: string): { apps: App[]; appName?: string } {
  const [apps, setApps] = useState<App[]>([]);
  const known = useRef(false);
  useEffect(() => {
    if (known.current && (appId === undefined || apps.some((a) => a.id === appId))) return undefined;
    let current = true;
    client.invoke('apps:list', {}).then(
      (list) => {
        if (!current) return;
        known.current = true;
        setApps(list.apps);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [client, refresh, appId, apps]);
  const appName = apps.find((a) => a.id === appId)?.name;
  return appName === undefined ? { apps } : { apps, appName };
}
