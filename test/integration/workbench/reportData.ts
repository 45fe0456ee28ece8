// Small, deterministic segment files for any catalogue report: one row per day, territory and
// device, with the values the example queries filter on.
import { findReport } from '../../../shared/reportCatalogue';
import type { Workspace } from '../warehouse/support';
import { segmentText } from '../warehouse/support';

const TERRITORIES = ['US', 'DE', 'JP'];
const DEVICES = ['iPhone', 'iPad'];
const VALUES: Record<string, (day: number, i: number) => string> = {
  'App Apple Identifier': () => '1476097583',
  'App Name': () => 'Example App',
  'Event': (_, i) => (i % 2 === 0 ? 'Impression' : 'Page view'),
  'Download Type': (_, i) => (i % 2 === 0 ? 'First-time download' : 'Redownload'),
  'App Version': (_, i) => `1.${i % 3}`,
  'Platform Version': () => 'iOS 18.1',
  'Pre-Order': () => '',
};

function valueFor(header: string, type: string, date: string, day: number, i: number): string {
  if (type === 'DATE') return date;
  const fixed = VALUES[header];
  if (fixed) return fixed(day, i);
  if (header === 'Territory') return TERRITORIES[i % TERRITORIES.length] ?? 'US';
  if (header === 'Device') return DEVICES[i % DEVICES.length] ?? 'iPhone';
  if (type === 'BIGINT') return String(10 + ((day * 7 + i * 3) % 90));
  if (type === 'DECIMAL(18,2)' || type === 'DOUBLE') return `${day}.${i % 10}0`;
  return `${header} ${i % 2}`;
}

/** `days` daily rows × 6 (territory, device) combinations. */
export function reportSegment(reportName: string, days: number): string {
  const report = findReport(reportName);
  if (report === undefined) throw new Error(`unknown report ${reportName}`);
  const rows: string[][] = [];
  for (let day = 1; day <= days; day += 1) {
    const date = `2026-01-${String(day).padStart(2, '0')}`;
    for (let i = 0; i < 6; i += 1) rows.push(report.columns.map((c) => valueFor(c.header, c.type, date, day, i)));
  }
  return segmentText(report.columns.map((c) => c.header), rows);
}

export async function ingestReport(ws: Workspace, reportName: string, days = 14): Promise<void> {
  await ws.ingest({ instanceId: `inst-${reportName.replace(/\W+/g, '-')}`, reportName, texts: [reportSegment(reportName, days)] });
}
