// The dashboard controls every tile shares: held here, persisted in localStorage (a view setting,
// not data), and turned into the DashboardControls main receives.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DashboardControls } from '../../../shared/dashboards';
import { parseControlsState, toControls, type ControlsState } from './controlsModel';

const STORAGE_KEY = 'orchard.dashboardControls';

function readStored(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export interface DashboardControlsHandle {
  state: ControlsState;
  update: (change: Partial<ControlsState>) => void;
  /** What the tiles ask for; null while nothing can be asked (no app chosen, a bad custom range). */
  controls: DashboardControls | null;
  /** Changes whenever `controls` does: tiles re-request when it changes. */
  key: string;
}

export function useDashboardControls(selectedApp: string | undefined): DashboardControlsHandle {
  const [state, setState] = useState<ControlsState>(() => parseControlsState(readStored(), new Date()));
  useEffect(() => {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    } catch {
      // Storage full or disabled: the controls still work for this session.
    }
  }, [state]);
  const update = useCallback((change: Partial<ControlsState>) => setState((previous) => ({ ...previous, ...change })), []);
  const controls = useMemo(() => toControls(state, selectedApp, new Date()), [state, selectedApp]);
  const key = useMemo(() => JSON.stringify(controls), [controls]);
  return { state, update, controls, key };
}
