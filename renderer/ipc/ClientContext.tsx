// Makes the typed client available to every component, and offers a small hook for loading a
// command's result with loading / error / retry states.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { OrchardError } from '../../shared/errors';
import type { CommandInput, CommandName, CommandOutput } from '../../shared/ipc/contract';
import type { OrchardClient } from './client';
import { asOrchardError } from './asOrchardError';

const ClientContext = createContext<OrchardClient | null>(null);

export function ClientProvider({ client, children }: { client: OrchardClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useClient(): OrchardClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside ClientProvider');
  return client;
}

export type Loadable<T> =
  | { state: 'loading' }
  | { state: 'ready'; data: T }
  | { state: 'error'; error: OrchardError };

/** Runs a command on mount (and when `key` changes); `reload` runs it again. */
export function useCommand<N extends CommandName>(command: N, input: CommandInput<N>, key = '') {
  const client = useClient();
  const [value, setValue] = useState<Loadable<CommandOutput<N>>>({ state: 'loading' });
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    let live = true;
    setValue({ state: 'loading' });
    client.invoke(command, input).then(
      (data) => live && setValue({ state: 'ready', data }),
      (err: unknown) => live && setValue({ state: 'error', error: asOrchardError(err) }),
    );
    return () => {
      live = false;
    };
    // input is compared through `key`: callers pass a key that changes when the input does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, command, key, nonce]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return [value, reload] as const;
}

export { asOrchardError };
