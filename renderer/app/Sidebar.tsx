// Left navigation between the app's sections, under the switcher of the app being worked on.
import type { ReactNode } from 'react';
import { SECTIONS, type SectionId } from './sections';

export function Sidebar({ current, onSelect, switcher }: { current: SectionId; onSelect: (id: SectionId) => void; switcher?: ReactNode }) {
  const shortcut = navigator.platform.toLowerCase().includes('mac') ? '⌘' : 'Ctrl+';
  return (
    <nav className="sidebar" aria-label="Sections">
      <div className="brand">Orchard</div>
      {switcher}
      <ul>
        {SECTIONS.map((s, i) => (
          <li key={s.id}>
            <button
              type="button"
              className="nav-item"
              aria-current={s.id === current ? 'page' : undefined}
              title={`${s.label} (${shortcut}${i + 1})`}
              onClick={() => onSelect(s.id)}
            >
              {s.label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
