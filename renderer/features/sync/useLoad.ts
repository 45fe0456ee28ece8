// Loads data for a screen and keeps showing the last good result while it reloads (after a sync
// or an action), so refreshes do not flash a spinner. Stale answers of older loads are dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OrchardError } from '../../../shared/errors';
import { asOrchardError } from '../../ipc/ClientContext';

export interface Load<T> {
  data: T | undefined;
  error: OrchardError | undefined;
  /** True while there is no data to show yet (first load, or a retry after an error). */
  loading: boolean;
  reloading: boolean;
  reload(): void;
  /** Replace the data with an action's answer (which is the fresh state). */
  set(data: T): void;
}

export function useLoad<T>(load: (() => Promise<T>) | null, key: string): Load<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<OrchardError | undefined>(undefined);
  const [busy, setBusy] = useState(load !== null);
  const [nonce, setNonce] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);
  const lastKey = useRef(key);

  useEffect(() => {
    if (lastKey.current !== key) {
      lastKey.current = key;
      setData(undefined);
      setError(undefined);
    }
    const run = loadRef.current;
    if (run === null) {
      setBusy(false);
      return;
    }
    const mine = ++generation.current;
    setBusy(true);
    run().then(
      (value) => {
        if (mine !== generation.current) return;
        setData(value);
        setError(undefined);
        setBusy(false);
      },
      (err: unknown) => {
        if (mine !== generation.current) return;
        setError(asOrchardError(err));
        setBusy(false);
      },
    );
  }, [key, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const set = useCallback((value: T) => {
    generation.current += 1;
    setData(value);
    setError(undefined);
    setBusy(false);
  }, []);
  return { data, error, loading: busy && data === undefined, reloading: busy && data !== undefined, reload, set };
}
