// Column widths from content: the header (name and type) and a sample of the first page's cells
// are measured in the grid's own fonts, so short codes stay narrow and long labels get room.
import type { CellValue, QueryColumn } from '../../../shared/workbench';
import { displayText } from './cellFormat';

export const MIN_COLUMN = 56;
export const MAX_COLUMN = 420;
/** Rows of the first page that are measured: enough to see typical values, cheap to measure. */
export const SAMPLE_ROWS = 200;
/** Cell padding, the border, and room for the sort mark in the header. */
const CELL_PADDING = 18;
const HEADER_EXTRA = 16;

export interface TextMeasure {
  cell(text: string): number;
  header(text: string): number;
  type(text: string): number;
}

/** Widths in pixels, one per column: widest of header and sampled cells, within bounds. */
export function contentWidths(columns: readonly QueryColumn[], rows: readonly (readonly CellValue[] | undefined)[], measure: TextMeasure): number[] {
  const sample = rows.slice(0, SAMPLE_ROWS);
  return columns.map((column, c) => {
    const header = Math.max(measure.header(column.name) + HEADER_EXTRA, measure.type(column.type));
    let widest = 0;
    for (const row of sample) {
      const value = row?.[c];
      // NULL shows as a small token, about as wide as four characters.
      const text = value === null || value === undefined ? 'NULL' : displayText(value, column.type);
      widest = Math.max(widest, measure.cell(text.length > 200 ? text.slice(0, 200) : text));
    }
    return Math.round(Math.min(MAX_COLUMN, Math.max(MIN_COLUMN, header + CELL_PADDING, widest + CELL_PADDING)));
  });
}
