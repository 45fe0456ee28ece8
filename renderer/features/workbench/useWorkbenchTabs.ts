// The editor's tabs: loaded from main, changed here, and saved back shortly after each change
// (and when the page goes away), so they come back after a restart.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { QueryTab, TabsState } from '../../../shared/workbench';
import type { OrchardClient } from '../../ipc/client';

const SAVE_AFTER_MS = 400;
const MAX_TABS = 50;

export interface WorkbenchTabs {
  state: TabsState | null;
  active: QueryTab | null;
  activate(id: string): void;
  /** Opens a new tab and makes it active; returns its ID. */
  open(title?: string, sql?: string, savedName?: string): string;
  close(id: string): void;
  update(id: string, change: Partial<Omit<QueryTab, 'id'>>): void;
}

function nextTitle(tabs: readonly QueryTab[]): string {
  const used = new Set(tabs.map((t) => t.title));
  for (let n = tabs.length + 1; ; n += 1) if (!used.has(`Query ${n}`)) return `Query ${n}`;
}

export function useWorkbenchTabs(client: OrchardClient): WorkbenchTabs {
  const [state, setState] = useState<TabsState | null>(null);
  const pending = useRef<TabsState | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    let live = true;
    client.invoke('query:tabs', {}).then((loaded) => live && setState((current) => current ?? loaded), () => undefined);
    return () => {
      live = false;
    };
  }, [client]);

  const flush = useCallback(() => {
    clearTimeout(timer.current);
    const toSave = pending.current;
    pending.current = null;
    if (toSave) void client.invoke('query:saveTabs', toSave).catch(() => undefined);
  }, [client]);

  // Saved when the page goes away too (section change, reload, window closed).
  useEffect(() => {
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [flush]);

  const change = useCallback(
    (apply: (current: TabsState) => TabsState) => {
      setState((current) => {
        if (current === null) return current;
        const next = apply(current);
        pending.current = next;
        clearTimeout(timer.current);
        timer.current = setTimeout(flush, SAVE_AFTER_MS);
        return next;
      });
    },
    [flush],
  );

  const open = useCallback(
    (title?: string, sql = '', savedName?: string) => {
      const id = crypto.randomUUID();
      change((current) => {
        const tab: QueryTab = { id, title: (title ?? nextTitle(current.tabs)).slice(0, 200), sql, ...(savedName ? { savedName } : {}) };
        const tabs = [...current.tabs, tab].slice(-MAX_TABS);
        return { tabs, activeId: id };
      });
      return id;
    },
    [change],
  );

  const close = useCallback(
    (id: string) =>
      change((current) => {
        const index = current.tabs.findIndex((t) => t.id === id);
        const tabs = current.tabs.filter((t) => t.id !== id);
        if (tabs.length === 0) {
          const fresh = { id: crypto.randomUUID(), title: 'Query 1', sql: '' };
          return { tabs: [fresh], activeId: fresh.id };
        }
        const activeId = current.activeId === id ? (tabs[Math.min(index, tabs.length - 1)]?.id ?? tabs[0]?.id ?? '') : current.activeId;
        return { tabs, activeId };
      }),
    [change],
  );

  const activate = useCallback((id: string) => change((current) => ({ ...current, activeId: id })), [change]);
  const update = useCallback(
    (id: string, patch: Partial<Omit<QueryTab, 'id'>>) => change((current) => ({ ...current, tabs: current.tabs.map((t) => (t.id === id ? { ...t, ...patch } : t)) })),
    [change],
  );

  const active = state?.tabs.find((t) => t.id === state.activeId) ?? state?.tabs[0] ?? null;
  return { state, active, activate, open, close, update };
}
