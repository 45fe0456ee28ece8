// The Insights pages as tabs (WAI-ARIA tabs pattern): one tab stop, arrow keys move between tabs
// and show them, Home and End jump to the first and last.
import { useRef, type KeyboardEvent } from 'react';

export interface TabItem {
  id: string;
  label: string;
}

export function tabId(id: string): string {
  return `insights-tab-${id}`;
}

export function panelId(id: string): string {
  return `insights-panel-${id}`;
}

export function InsightsTabs({ tabs, current, onSelect }: { tabs: readonly TabItem[]; current: string; onSelect: (id: string) => void }) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((t) => t.id === current);
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
    const target = moves[e.key];
    if (target === undefined) return;
    e.preventDefault();
    const next = tabs[(target + tabs.length) % tabs.length];
    if (next === undefined) return;
    onSelect(next.id);
    list.current?.querySelector<HTMLButtonElement>(`#${tabId(next.id)}`)?.focus();
  };
  return (
    <div className="insights-tabs" role="tablist" aria-label="Insights pages" ref={list} onKeyDown={onKeyDown}>
      {tabs.map((t) => (
        <button key={t.id} type="button" role="tab" id={tabId(t.id)} aria-selected={t.id === current} aria-controls={panelId(t.id)} tabIndex={t.id === current ? 0 : -1} onClick={() => onSelect(t.id)}>
          {t.label}
        </button>
      ))}
    </div>
  );
}
