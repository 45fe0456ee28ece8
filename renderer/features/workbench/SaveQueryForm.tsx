// Names a tab's query before it is saved as `<name>.sql` in the queries folder.
import { useEffect, useRef, useState } from 'react';
import { SAFE_NAME } from '../../../shared/workbench';
import { exportName } from './ExportDialog';

export function SaveQueryForm({ initial, onSave, onCancel }: { initial: string; onSave: (name: string) => void; onCancel: () => void }) {
  const [name, setName] = useState(() => exportName(initial));
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.select();
  }, []);
  const valid = SAFE_NAME.test(name.trim());
  return (
    <form
      className="wb-save-form"
      aria-label="Save query"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) onSave(name.trim());
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <label>
        Query name
        <input ref={input} value={name} onChange={(e) => setName(e.target.value)} aria-invalid={!valid} />
      </label>
      <button type="submit" className="primary wb-small" disabled={!valid}>
        Save
      </button>
      <button type="button" className="wb-small" onClick={onCancel}>
        Don’t save
      </button>
      {!valid && <span className="error">Letters, digits, spaces and _ . ( ) - only.</span>}
    </form>
  );
}
