// One result cell: NULL is a marked token (never confused with an empty string), numbers are
// right-aligned in tabular figures, anything nested shows as JSON.
import { memo } from 'react';
import type { CellValue } from '../../../shared/workbench';
import { cellText } from './cellFormat';

interface GridCellProps {
  id: string;
  value: CellValue | undefined;
  loaded: boolean;
  width: number;
  align: 'left' | 'right';
  colIndex: number;
  active: boolean;
  onPointerDown: (event: React.PointerEvent) => void;
}

export const GridCell = memo(function GridCell({ id, value, loaded, width, align, colIndex, active, onPointerDown }: GridCellProps) {
  const isNull = loaded && value === null;
  const text = cellText(value);
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
