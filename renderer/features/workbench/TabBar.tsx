// The query tabs: one per open query, each closable, plus a button for a new one.
import type { KeyboardEvent } from 'react';
import type { QueryTab } from '../../../shared/workbench';

interface TabBarProps {
  tabs: QueryTab[];
  activeId: string;
  busy: (tabId: string) => boolean;
  /** Tabs of saved queries with edits not saved yet. */
  unsaved: ReadonlySet<string>;
  onActivate: (id: string) => void;
  onClose: (id: string) => void;
  onNew: () => void;
}

export function TabBar({ tabs, activeId, busy, unsaved, onActivate, onClose, onNew }: TabBarProps) {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const index = tabs.findIndex((t) => t.id === activeId);
    const next = tabs[(index + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    if (next) {
      onActivate(next.id);
      document.getElementById(`wb-tab-${next.id}`)?.focus();
    }
    event.preventDefault();
  };
  return (
    <div className="wb-tabbar">
      <div role="tablist" aria-label="Query tabs" className="wb-tabs" onKeyDown={onKeyDown}>
        {tabs.map((tab) => {
          const selected = tab.id === activeId;
          return (
            <div key={tab.id} className={`wb-tab${selected ? ' wb-tab-active' : ''}`}>
              <button
                id={`wb-tab-${tab.id}`}
                type="button"
                role="tab"
                aria-selected={selected}
                aria-controls="wb-tabpanel"
                tabIndex={selected ? 0 : -1}
                onClick={() => onActivate(tab.id)}
                onAuxClick={(e) => e.button === 1 && onClose(tab.id)}
                title={tab.savedName ? `${tab.title} (saved as ${tab.savedName}.sql${unsaved.has(tab.id) ? ', with unsaved edits' : ''})` : tab.title}
                aria-description={unsaved.has(tab.id) ? 'unsaved edits' : undefined}
                data-unsaved={unsaved.has(tab.id) || undefined}
              >
                {busy(tab.id) && <span className="wb-busy" aria-hidden="true" />}
                {tab.title}
                {unsaved.has(tab.id) && <span className="wb-unsaved" aria-hidden="true">●</span>}
              </button>
              <button type="button" className="wb-tab-close" aria-label={`Close ${tab.title}`} title="Close tab" onClick={() => onClose(tab.id)}>
                ×
              </button>
            </div>
          );
        })}
      </div>
      <button type="button" className="wb-new-tab" aria-label="New query tab" title="New query tab (Alt+N)" onClick={onNew}>
        +
      </button>
    </div>
  );
}
