// How result cells read: exact numbers right-aligned, NULL as a marked token distinct from an
// empty string, intervals as DuckDB writes them, doubles without binary noise, nested values as
// JSON; and how they copy (tab-separated, spreadsheet-safe, the exact value).
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
  return isNumericType(column.type) || column.type === 'INTERVAL' ? 'right' : 'left';
}

interface IntervalValue {
  months: number;
  days: number;
  /** Microseconds as an exact integer string (BIGINT). */
  micros: string | number;
}

function isInterval(value: CellValue | undefined): value is { [key: string]: CellValue } & IntervalValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof value.months === 'number' && typeof value.days === 'number' && (typeof value.micros === 'string' || typeof value.micros === 'number');
}

const plural = (n: number, unit: string) => `${n} ${unit}${Math.abs(n) === 1 ? '' : 's'}`;

/** DuckDB's own text for an interval: `1 year 2 months 3 days 04:05:06.5`, `-1 day -00:00:03`. */
export function formatInterval({ months, days, micros }: IntervalValue): string {
  const parts: string[] = [];
  const years = Math.trunc(months / 12);
  if (years !== 0) parts.push(plural(years, 'year'));
  if (months % 12 !== 0) parts.push(plural(months % 12, 'month'));
  if (days !== 0) parts.push(plural(days, 'day'));
  const total = BigInt(micros);
  if (total !== 0n || parts.length === 0) {
    const magnitude = total < 0n ? -total : total;
    const seconds = magnitude / 1_000_000n;
    const fraction = (magnitude % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
    const pad = (n: bigint) => n.toString().padStart(2, '0');
    parts.push(`${total < 0n ? '-' : ''}${pad(seconds / 3600n)}:${pad((seconds / 60n) % 60n)}:${pad(seconds % 60n)}${fraction ? `.${fraction}` : ''}`);
  }
  return parts.join(' ');
}

/** DuckDB's sentinel dates for ±infinity, as @duckdb/node-api writes them. */
const INFINITE_DATES: Readonly<Record<string, string>> = { '5881580-07-11': 'infinity', '-5877641-06-23': '-infinity' };

/**
 * What a cell shows, by its column's DuckDB type. BIGINT, HUGEINT and DECIMAL arrive as exact
 * strings and stay exact; DOUBLE and FLOAT drop binary noise (0.30000000000000004 reads 0.3).
 */
export function displayText(value: CellValue | undefined, type: string): string {
  if (type === 'INTERVAL' && isInterval(value)) return formatInterval(value);
  if ((type === 'DOUBLE' || type === 'FLOAT') && typeof value === 'number' && Number.isFinite(value) && !Number.isInteger(value)) {
    return String(Number(value.toPrecision(type === 'FLOAT' ? 7 : 15)));
  }
  if (type === 'DATE' && typeof value === 'string') return INFINITE_DATES[value] ?? value;
  if (type.startsWith('MAP(') && Array.isArray(value)) {
    const entries = value.map((entry) => (typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? `${cellText(entry.key)}=${cellText(entry.value)}` : cellText(entry)));
    return `{${entries.join(', ')}}`;
  }
  return cellText(value);
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
