// Left navigation between the app's sections.
import { SECTIONS, type SectionId } from './sections';

export function Sidebar({ current, onSelect }: { current: SectionId; onSelect: (id: SectionId) => void }) {
  const shortcut = navigator.platform.toLowerCase().includes('mac') ? '⌘' : 'Ctrl+';
  return (
    <nav className="sidebar" aria-label="Sections">
      <div className="brand">Orchard</div>
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
