// One result cell: NULL is a marked token (never confused with an empty string), numbers are
// right-aligned in tabular figures, intervals and doubles read as people write them (displayText).
import { memo } from 'react';
import type { CellValue } from '../../../shared/workbench';
import { displayText } from './cellFormat';

interface GridCellProps {
  id: string;
  value: CellValue | undefined;
  /** The column's DuckDB type: how the value reads. */
  type: string;
  loaded: boolean;
  width: number;
  align: 'left' | 'right';
  colIndex: number;
  active: boolean;
  onPointerDown: (event: React.PointerEvent) => void;
}

export const GridCell = memo(function GridCell({ id, value, type, loaded, width, align, colIndex, active, onPointerDown }: GridCellProps) {
  const isNull = loaded && value === null;
  const text = displayText(value, type);
  return (
    <div
      id={id}
      role="gridcell"
      aria-colindex={colIndex}
      aria-selected={active}
      className={`wb-cell${align === 'right' ? ' wb-num' : ''}${active ? ' wb-active' : ''}`}
      style={{ width }}
      data-null={isNull || undefined}
      title={loaded && text.length > 40 ? text : undefined}
      onPointerDown={onPointerDown}
    >
      {!loaded ? <span className="wb-loading-cell" aria-hidden="true" /> : isNull ? <span className="wb-null">NULL</span> : text === '' ? <span className="wb-empty" aria-label="empty string" /> : text}
    </div>
  );
});
