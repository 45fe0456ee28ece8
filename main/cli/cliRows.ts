// Query results as text, page by page: an aligned table whose column widths are fixed by the first
// page (so later pages line up), CSV, one JSON array, or JSON lines. JSON gives numbers as numbers
// where the number is exact (BIGINT within 2^53, DECIMAL whose text a double reproduces), else the
// exact string DuckDB gave. CSV text cells that start like a formula get a leading ' (shared/csvSafety.ts)
// unless the format is 'csv-raw' (`--raw-csv`).
import { isTextColumnType, neutraliseFormula } from '../../shared/csvSafety';
import type { QueryFormat } from './cliArgs';

type Cell = unknown;

export interface RowWriter {
  /** Text for one page of rows (the first call also carries the header or the opening bracket). */
  page(rows: Cell[][]): string;
  /** Text after the last page. */
  end(): string;
}

const MAX_WIDTH = 60;

/** '1.50' and '1.5' are the same number; leading zeros and a trailing '.' do not count either. */
function normalDecimal(text: string): string {
  const negative = text.startsWith('-');
  let [whole = '', fraction = ''] = text.replace(/^[-+]/, '').split('.');
  whole = whole.replace(/^0+(?=\d)/, '');
  fraction = fraction.replace(/0+$/, '');
  const body = fraction ? `${whole}.${fraction}` : whole;
  return negative && body !== '0' ? `-${body}` : body;
}

export function jsonCell(value: Cell, type: string): Cell {
  if (typeof value !== 'string') return value ?? null;
  const t = type.toUpperCase();
  if (/^(U?BIGINT|U?HUGEINT|U?INTEGER|U?SMALLINT|U?TINYINT)$/.test(t) && /^-?\d+$/.test(value)) {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value;
  }
  if (t.startsWith('DECIMAL') && /^-?\d+(\.\d+)?$/.test(value)) {
    const n = Number(value);
    return Number.isFinite(n) && normalDecimal(String(n)) === normalDecimal(value) ? n : value;
  }
  return value;
}

function csvCell(v: Cell, guard = false): string {
  if (v === null || v === undefined) return '';
  const text = typeof v === 'object' ? JSON.stringify(v) : String(v);
  const s = guard ? neutraliseFormula(text) : text;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function tableCell(v: Cell): string {
  if (v === null || v === undefined) return 'NULL';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** A later page's wider value is shown whole (up to MAX_WIDTH), never cut to a misleading number. */
function fit(text: string, width: number): string {
  return text.length > MAX_WIDTH ? `${text.slice(0, MAX_WIDTH - 1)}…` : text.padEnd(width);
}

export function createRowWriter(columns: readonly { name: string; type: string }[], format: QueryFormat): RowWriter {
  let first = true;
  const names = columns.map((c) => c.name);
  const object = (row: Cell[]) => Object.fromEntries(names.map((name, i) => [name, jsonCell(row[i], columns[i]?.type ?? '')]));
  switch (format) {
    case 'jsonl':
      return { page: (rows) => rows.map((r) => `${JSON.stringify(object(r))}\n`).join(''), end: () => '' };
    case 'json':
      return {
        page(rows) {
          const text = rows.map((r, i) => `${first && i === 0 ? '[\n' : ',\n'}${JSON.stringify(object(r))}`).join('');
          if (rows.length) first = false;
          return text;
        },
        end: () => (first ? '[]\n' : '\n]\n'),
      };
    case 'csv':
    case 'csv-raw': {
      // Only text columns (and the header's names): a number such as -2 stays a number.
      const guarded = format === 'csv' ? columns.map((c) => isTextColumnType(c.type)) : columns.map(() => false);
      return {
        page(rows) {
          const header = first ? [`${names.map((n) => csvCell(n, format === 'csv')).join(',')}\n`] : [];
          first = false;
          return [...header, ...rows.map((r) => `${r.map((cell, i) => csvCell(cell, guarded[i])).join(',')}\n`)].join('');
        },
        end: () => '',
      };
    }
    case 'table': {
      let widths: number[] = [];
      const line = (cells: string[]) => `${cells.map((c, i) => fit(c, widths[i] ?? 0)).join('  ').trimEnd()}\n`;
      return {
        page(rows) {
          const text = rows.map((r) => names.map((_, i) => tableCell(r[i])));
          let header = '';
          if (first) {
            widths = names.map((name, i) => Math.min(MAX_WIDTH, Math.max(name.length, ...text.map((r) => (r[i] ?? '').length))));
            header = line(names) + `${widths.map((w) => '-'.repeat(w)).join('  ')}\n`;
            first = false;
          }
          return header + text.map(line).join('');
        },
        end: () => '',
      };
    }
  }
}
