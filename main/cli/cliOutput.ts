// How the CLI prints: query results as an aligned table, CSV or JSON lines on stdout; progress
// and summaries on stderr, so stdout stays clean for pipes.
import type { ReportStatus, SyncProgress, SyncSummary } from '../../shared/sync';
import type { StatusCheck } from '../sync/statusCheck';

type Cell = string | number | boolean | null | unknown;

export function formatRows(columns: string[], rows: Cell[][], format: 'table' | 'csv' | 'json'): string {
  if (format === 'json') return rows.map((r) => JSON.stringify(Object.fromEntries(columns.map((c, i) => [c, r[i] ?? null])))).join('\n');
  if (format === 'csv') return [columns, ...rows].map((r) => r.map(csvCell).join(',')).join('\n');
  const text = [columns, ...rows.map((r) => r.map((v) => (v === null || v === undefined ? 'NULL' : typeof v === 'object' ? JSON.stringify(v) : String(v))))];
  const widths = columns.map((_, i) => Math.min(60, Math.max(...text.map((r) => String(r[i] ?? '').length))));
  const line = (r: Cell[]) => r.map((v, i) => String(v ?? '').slice(0, 60).padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(text[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...text.slice(1).map(line)].join('\n');
}

function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function progressLine(p: SyncProgress): string {
  const parts = [`[${p.phase}]`, p.message];
  if (p.instances.total) parts.push(`instances ${p.instances.done}/${p.instances.total}`);
  if (p.segments.total) parts.push(`files ${p.segments.done}/${p.segments.total}`);
  if (p.rows) parts.push(`rows ${p.rows}`);
  return parts.join('  ');
}

export function summaryText(s: SyncSummary): string {
  const lines = [
    `Sync ${s.outcome}: ${s.reports} report(s), ${s.instancesIngested} instance(s) loaded, ${s.instancesSkipped} already loaded, ` +
      `${s.segmentsDownloaded} file(s) / ${s.bytesDownloaded} bytes downloaded, ${s.rowsLoaded} rows, ${s.quarantined} quarantined.`,
    ...s.notes.map((n) => `  note: ${n}`),
    ...s.issues.map((i) => `  problem: ${i.reportName ? `${i.reportName}: ` : ''}${i.error.message}`),
  ];
  return lines.join('\n');
}

export function statusText(check: StatusCheck): string {
  const requests = check.requests.length
    ? check.requests.map((r) => `  ${r.accessType.padEnd(18)} ${r.id}${r.stoppedDueToInactivity ? '  STOPPED (inactivity)' : ''}`)
    : ['  none: run `orchard sync` with an Admin key to request reports'];
  const reports = check.reports.map((r: ReportStatus) => `  ${r.status.padEnd(10)} ${r.reportName} — ${r.reason}`);
  return ['Requests:', ...requests, 'Reports:', ...(reports.length ? reports : ['  none listed yet'])].join('\n');
}
