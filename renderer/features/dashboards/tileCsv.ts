// A tile's rows as CSV (RFC 4180: quotes doubled, fields with commas, quotes or line breaks
// quoted), built in the renderer from exactly the rows the tile shows.
import { neutraliseFormula } from '../../../shared/csvSafety';
import type { TileCell } from '../../../shared/dashboards';

function field(cell: TileCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  const text = String(cell);
  // Text that starts like a formula gets a leading ' (the one rule of shared/csvSafety); numbers stay numbers.
  const safe = typeof cell === 'string' ? neutraliseFormula(text) : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function tileCsv(columns: readonly string[], rows: readonly (readonly TileCell[])[]): string {
  return [columns, ...rows].map((row) => columns.map((_, i) => field(row[i])).join(',')).join('\r\n') + '\r\n';
}

/** "Downloads by territory 2026-01-01 to 2026-01-28.csv": letters, digits, spaces and - _ only. */
export function exportFileName(title: string, from: string, to: string, extension: 'csv' | 'png'): string {
  const base = `${title} ${from} to ${to}`.replace(/[^\p{L}\p{N} _-]+/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 100);
  return `${base || 'tile'}.${extension}`;
}
