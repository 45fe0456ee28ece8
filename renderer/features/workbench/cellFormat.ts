// How result cells read: exact numbers right-aligned, NULL as a marked token distinct from an
// empty string, nested values as JSON; and how they copy (tab-separated, spreadsheet-safe).
import type { CellValue, QueryColumn } from '../../../shared/workbench';

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL(\(\d+,\d+\))?)$/;
const TEMPORAL = /^(DATE|TIMESTAMP.*|TIME.*)$/;

export function isNumericType(type: string): boolean {
  return NUMERIC.test(type);
}

export function isTemporalType(type: string): boolean {
  return TEMPORAL.test(type);
}

/** The cell's text; NULL is reported separately so it can be styled apart from ''. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function alignment(column: QueryColumn): 'left' | 'right' {
  return isNumericType(column.type) ? 'right' : 'left';
}

/** A TSV field: quoted (Excel's rules) when it holds a tab, a line break or a quote. */
function tsvField(value: CellValue | undefined): string {
  const text = cellText(value);
  return /[\t\n\r"]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toTsv(rows: readonly (readonly (CellValue | undefined)[])[], header?: readonly string[]): string {
  const lines = rows.map((row) => row.map(tsvField).join('\t'));
  return [...(header ? [header.map((h) => tsvField(h)).join('\t')] : []), ...lines].join('\n');
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
