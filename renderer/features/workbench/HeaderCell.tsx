// A result column's header: its name (a button that cycles the server-side sort: ascending,
// descending, none), its DuckDB type, and a handle to resize it by mouse or arrow keys.
import type { Header } from '@tanstack/react-table';
import type { CellValue, QueryColumn, SortOrder } from '../../../shared/workbench';
import { alignment } from './cellFormat';

export interface GridRow {
  index: number;
  cells: CellValue[] | undefined;
}

function nextSort(current: SortOrder | null, column: string): SortOrder | null {
  if (current?.column !== column) return { column, desc: false };
  return current.desc ? null : { column, desc: true };
}

export function HeaderCell({ header, column, index, sort, onSort }: { header: Header<GridRow, unknown>; column: QueryColumn | undefined; index: number; sort: SortOrder | null; onSort: ((sort: SortOrder | null) => void) | null }) {
  if (column === undefined) return null;
  const sorted = sort?.column === column.name ? (sort.desc ? 'descending' : 'ascending') : 'none';
  const resize = header.getResizeHandler();
  const size = header.getSize();
  return (
    <div role="columnheader" aria-colindex={index + 2} aria-sort={sorted} className={`wb-th${alignment(column) === 'right' ? ' wb-num' : ''}`} style={{ width: size }}>
      <button
        type="button"
        className="wb-sort"
        disabled={onSort === null}
        title={onSort === null ? 'Sorting is available once the whole result is counted' : `Sort by ${column.name}`}
        onClick={() => onSort?.(nextSort(sort, column.name))}
      >
        <span className="wb-th-name">{column.name}</span>
        <span className="wb-sort-mark" aria-hidden="true">{sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : ''}</span>
      </button>
      <span className="wb-th-type">{column.type}</span>
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label={`Resize column ${column.name}`}
        aria-valuenow={size}
        aria-valuemin={48}
        aria-valuemax={2000}
        tabIndex={0}
        className={`wb-resizer${header.column.getIsResizing() ? ' wb-resizing' : ''}`}
        onMouseDown={resize}
        onTouchStart={resize}
        onDoubleClick={() => header.column.resetSize()}
        onKeyDown={(e) => {
          if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
          e.preventDefault();
          e.stopPropagation();
          const delta = (e.key === 'ArrowRight' ? 1 : -1) * (e.shiftKey ? 50 : 10);
          header.getContext().table.setColumnSizing((sizes) => ({ ...sizes, [header.column.id]: Math.max(48, Math.min(2000, size + delta)) }));
        }}
      />
    </div>
  );
}
