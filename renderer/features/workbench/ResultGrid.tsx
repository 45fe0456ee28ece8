// The result grid: TanStack Table for the column model (sizes, resizing), TanStack Virtual (via
// useRowWindow) for the rows, so any number of rows scrolls while only visible ones exist in the
// DOM. Sorting is done by main (the header reports it up); cells and rows copy as TSV.
import { forwardRef, useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import type { CellValue, QueryColumn, SortOrder } from '../../../shared/workbench';
import { alignment, formatCount, isNumericType, isTemporalType, toTsv } from './cellFormat';
import { canvasMeasure } from './canvasMeasure';
import { contentWidths, SAMPLE_ROWS } from './columnWidths';
import { GridCell } from './GridCell';
import { HeaderCell, type GridRow } from './HeaderCell';
import type { ResultRows } from './useResultRows';
import { useRowWindow } from './useRowWindow';

export const ROW_HEIGHT = 26;
const HEADER_HEIGHT = 44;
/** Rows one copy may hold; larger selections are what Export is for. */
export const MAX_COPY_ROWS = 10_000;

export interface ResultGridHandle {
  goToRow(index: number): void;
  copySelection(): Promise<void>;
}

interface ResultGridProps {
  columns: QueryColumn[];
  totalRows: number;
  rows: ResultRows;
  sort: SortOrder | null;
  /** Null while the result is still being counted: sorting waits for it. */
  onSort: ((sort: SortOrder | null) => void) | null;
  fetchRange: (offset: number, limit: number) => Promise<CellValue[][]>;
  onAnnounce: (message: string) => void;
}

function initialWidth(column: QueryColumn): number {
  if (isNumericType(column.type) || isTemporalType(column.type)) return Math.max(110, Math.min(220, column.name.length * 9 + 40));
  return Math.max(140, Math.min(260, column.name.length * 9 + 40));
}

export const ResultGrid = forwardRef<ResultGridHandle, ResultGridProps>(function ResultGrid(props, ref) {
  const { columns, totalRows, rows, sort, onSort, fetchRange, onAnnounce } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const rowWindow = useRowWindow(scrollRef, totalRows, ROW_HEIGHT, HEADER_HEIGHT);
  const [active, setActive] = useState({ row: 0, col: 0 });
  const [selection, setSelection] = useState<{ anchor: number; focus: number } | null>(null);
  /** Widths measured from the header and the first page's cells, once they have arrived. */
  const [measured, setMeasured] = useState<number[] | null>(null);

  const columnDefs = useMemo<ColumnDef<GridRow, CellValue | undefined>[]>(
    () => columns.map((column, i) => ({ id: String(i), header: column.name, accessorFn: (row) => row.cells?.[i], size: measured?.[i] ?? initialWidth(column), minSize: 48, maxSize: 2000 })),
    [columns, measured],
  );
  // `rows` changes identity whenever pages arrive.
  const data = useMemo(() => rowWindow.rows.map((placed) => ({ index: placed.index, cells: rows.rowAt(placed.index) })), [rowWindow.rows, rows]);
  const table = useReactTable({
    data,
    columns: columnDefs,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => String(row.index),
    columnResizeMode: 'onChange',
    enableColumnResizing: true,
    // The rows change with every scroll; nothing here depends on them being reset.
    autoResetAll: false,
  });

  useEffect(() => {
    if (measured !== null || scrollRef.current === null) return;
    const sample = Array.from({ length: Math.min(SAMPLE_ROWS, totalRows) }, (_, i) => rows.rowAt(i));
    if (sample.some((row) => row === undefined)) return;
    const measure = canvasMeasure(scrollRef.current);
    if (measure) setMeasured(contentWidths(columns, sample, measure));
  }, [rows, columns, totalRows, measured]);

  // A new sort starts reading from its first row.
  const sortKey = sort === null ? '' : `${sort.column}\u0000${sort.desc}`;
  const shownSort = useRef(sortKey);
  useEffect(() => {
    if (shownSort.current === sortKey) return;
    shownSort.current = sortKey;
    scrollRef.current?.scrollTo({ top: 0 });
    setActive((current) => ({ row: 0, col: current.col }));
    setSelection(null);
  }, [sortKey]);

  const first = rowWindow.rows[0]?.index ?? 0;
  const last = rowWindow.rows.at(-1)?.index ?? -1;
  useEffect(() => {
    rows.request(first, last);
  }, [rows, first, last]);

  const move = useCallback(
    (row: number, col: number, extend = false) => {
      const r = Math.max(0, Math.min(totalRows - 1, row));
      const c = Math.max(0, Math.min(columns.length - 1, col));
      setActive({ row: r, col: c });
      setSelection((current) => (extend ? { anchor: current?.anchor ?? active.row, focus: r } : null));
      rowWindow.scrollToRow(r);
    },
    [totalRows, columns.length, rowWindow, active.row],
  );

  const selectedRange = (): [number, number] | null => {
    if (selection === null) return null;
    return [Math.min(selection.anchor, selection.focus), Math.max(selection.anchor, selection.focus)];
  };

  const copySelection = async () => {
    const range = selectedRange();
    let text: string;
    if (range === null) {
      text = toTsv([[rows.rowAt(active.row)?.[active.col]]]);
    } else {
      const count = range[1] - range[0] + 1;
      if (count > MAX_COPY_ROWS) {
        onAnnounce(`Select at most ${formatCount(MAX_COPY_ROWS)} rows to copy; export the result for more.`);
        return;
      }
      const cached = Array.from({ length: count }, (_, i) => rows.rowAt(range[0] + i));
      const complete = cached.every((r) => r !== undefined) ? (cached as CellValue[][]) : await fetchRange(range[0], count);
      text = toTsv(complete, columns.map((c) => c.name));
    }
    await navigator.clipboard.writeText(text);
    onAnnounce(range === null ? 'Copied 1 cell.' : `Copied ${formatCount(range[1] - range[0] + 1)} rows with their header.`);
  };

  useImperativeHandle(ref, () => ({
    goToRow(index) {
      move(index, active.col);
      scrollRef.current?.focus();
    },
    copySelection,
  }));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const mod = event.metaKey || event.ctrlKey;
    const page = rowWindow.visibleCount - 1;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active.row + 1, active.col, event.shiftKey),
      ArrowUp: () => move(active.row - 1, active.col, event.shiftKey),
      ArrowRight: () => move(active.row, active.col + 1),
      ArrowLeft: () => move(active.row, active.col - 1),
      PageDown: () => move(active.row + page, active.col, event.shiftKey),
      PageUp: () => move(active.row - page, active.col, event.shiftKey),
      Home: () => (mod ? move(0, 0, event.shiftKey) : move(active.row, 0)),
      End: () => (mod ? move(totalRows - 1, columns.length - 1, event.shiftKey) : move(active.row, columns.length - 1)),
    };
    const action = keys[event.key];
    if (action && totalRows > 0) {
      event.preventDefault();
      action();
    } else if (mod && event.key.toLowerCase() === 'c') {
      event.preventDefault();
      void copySelection().catch((e: unknown) => onAnnounce(`Could not copy: ${e instanceof Error ? e.message : String(e)}`));
    } else if (mod && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      setSelection({ anchor: 0, focus: totalRows - 1 });
    }
  };

  const range = selectedRange();
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const gutterWidth = 20 + 7.5 * formatCount(totalRows).length;
  const width = gutterWidth + table.getTotalSize();
  const activeId = `wb-cell-${active.row}-${active.col}`;
  const activeRendered = rowWindow.rows.some((r) => r.index === active.row);

  return (
    <div
      ref={scrollRef}
      className="wb-grid"
      role="grid"
      aria-label="Query results"
      aria-rowcount={totalRows + 1}
      aria-colcount={columns.length + 1}
      aria-multiselectable="true"
      aria-activedescendant={activeRendered ? activeId : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div className="wb-grid-header" role="rowgroup" style={{ width, height: HEADER_HEIGHT }}>
        <div role="row" aria-rowindex={1} className="wb-row wb-header-row">
          <div role="columnheader" aria-colindex={1} className="wb-gutter wb-th" style={{ width: gutterWidth }}>
            #
          </div>
          {headers.map((header, i) => (
            <HeaderCell key={header.id} header={header} column={columns[i]} index={i} sort={sort} onSort={onSort} />
          ))}
        </div>
      </div>
      <div className="wb-grid-body" role="rowgroup" style={{ height: rowWindow.spacerHeight, width }}>
        <div className="wb-grid-layer" style={{ height: Math.min(rowWindow.bodyHeight, rowWindow.spacerHeight), top: HEADER_HEIGHT }}>
          {table.getRowModel().rows.map((row, i) => {
            const placed = rowWindow.rows[i];
            if (placed === undefined) return null;
            const loaded = row.original.cells !== undefined;
            const selected = range !== null && placed.index >= range[0] && placed.index <= range[1];
            return (
              <div
                key={row.id}
                role="row"
                aria-rowindex={placed.index + 2}
                aria-selected={selected}
                className={`wb-row${selected ? ' wb-selected' : ''}${placed.index % 2 ? ' wb-odd' : ''}`}
                style={{ transform: `translateY(${placed.top}px)`, width }}
              >
                <div
                  role="rowheader"
                  aria-colindex={1}
                  className="wb-gutter"
                  style={{ width: gutterWidth }}
                  onPointerDown={(e) => {
                    e.preventDefault();
                    setActive({ row: placed.index, col: active.col });
                    setSelection((current) => (e.shiftKey && current ? { anchor: current.anchor, focus: placed.index } : { anchor: placed.index, focus: placed.index }));
                    scrollRef.current?.focus();
                  }}
                >
                  {formatCount(placed.index + 1)}
                </div>
                {row.getVisibleCells().map((cell, c) => {
                  const column = columns[c];
                  const isActive = active.row === placed.index && active.col === c;
                  return (
                    <GridCell
                      key={cell.id}
                      id={`wb-cell-${placed.index}-${c}`}
                      value={cell.getValue<CellValue | undefined>()}
                      type={column?.type ?? ''}
                      loaded={loaded}
                      width={cell.column.getSize()}
                      align={column ? alignment(column) : 'left'}
                      colIndex={c + 2}
                      active={isActive}
                      onPointerDown={(e) => {
                        if (e.shiftKey) {
                          setSelection((current) => ({ anchor: current?.anchor ?? active.row, focus: placed.index }));
                        } else {
                          setSelection(null);
                        }
                        setActive({ row: placed.index, col: c });
                      }}
                    />
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
});
