// A compact multi-select: a disclosure button naming the choice ("Territory: any", "2 apps") that
// opens a list of checkboxes. Native <details>, so it opens with Enter/Space and closes with Escape.
import { useRef, type ReactNode } from 'react';

export interface Option {
  value: string;
  label: string;
}

export function MultiSelect({ label, options, selected, onChange, onOpen, status, anyLabel = 'any' }: {
  label: string;
  options: readonly Option[];
  selected: readonly string[];
  onChange: (values: string[]) => void;
  /** Called the first time the list opens (to load its values). */
  onOpen?: () => void;
  /** Shown instead of the list while it loads or when it failed. */
  status?: ReactNode;
  anyLabel?: string;
}) {
  const details = useRef<HTMLDetailsElement>(null);
  const summary = selected.length === 0 ? anyLabel : selected.length === 1 ? (options.find((o) => o.value === selected[0])?.label ?? selected[0]) : `${selected.length} chosen`;
  const toggle = (value: string, on: boolean) => onChange(on ? [...selected, value] : selected.filter((v) => v !== value));
  // Values chosen earlier stay listed (and removable) even when the loaded values lack them.
  const listed = [...options, ...selected.filter((v) => !options.some((o) => o.value === v)).map((v) => ({ value: v, label: v }))];
  return (
    <details className="multi-select" ref={details}
      onToggle={() => details.current?.open && onOpen?.()}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && details.current?.open) {
          details.current.open = false;
          details.current.querySelector('summary')?.focus();
        }
      }}>
      <summary aria-label={`${label}: ${summary}`}><span className="muted">{label}:</span> {summary}</summary>
      <div className="multi-select-list" role="group" aria-label={label}>
        {selected.length > 0 && <button type="button" className="link" onClick={() => onChange([])}>Clear</button>}
        {status ?? listed.map((o) => (
          <label key={o.value} className="check">
            <input type="checkbox" checked={selected.includes(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} />
            {o.label}
          </label>
        ))}
      </div>
    </details>
  );
}
