// Test helper: everything a fake serves for one app, read the way a correct client would — list the
// instances' segments over the API, download the gzip TSV files from the S3 stand-in, and keep per
// (report, granularity, Date) the rows of the newest processingDate.

import { gunzipSync } from 'node:zlib';
import type { FakeAsc, Granularity } from './types';

export type Row = Record<string, string>;

/** `<report name>|<granularity>` → Date → the winning vintage's rows. */
export type ServedData = Map<string, Map<string, Row[]>>;

export const servedKey = (reportName: string, granularity: Granularity) => `${reportName}|${granularity}`;

function parseTsv(text: string): Row[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line !== '');
  const [header = '', ...rest] = lines;
  const names = header.split('\t');
  return rest.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(names.map((name, i) => [name, cells[i] ?? '']));
  });
}

async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

export async function readServedData(fake: FakeAsc, token: string, appId: string, dateColumn: (reportName: string) => string): Promise<ServedData> {
  const winners = new Map<string, { processingDate: string; rows: Row[] }>();
  await inBatches(fake.instances({ appId }), 12, async (instance) => {
    const res = await fetch(`${fake.baseUrl}/v1/analyticsReportInstances/${instance.id}/segments?limit=200`, { headers: { Authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`segments of ${instance.id}: HTTP ${res.status}`);
    const segments = ((await res.json()) as { data: Array<{ attributes: { url: string } }> }).data;
    const byDate = new Map<string, Row[]>();
    for (const segment of segments) {
      const file = await fetch(segment.attributes.url);
      if (file.status !== 200) throw new Error(`download: HTTP ${file.status}`);
      for (const row of parseTsv(gunzipSync(Buffer.from(await file.arrayBuffer())).toString('utf8'))) {
        const date = row[dateColumn(instance.reportName)] ?? '';
        byDate.set(date, [...(byDate.get(date) ?? []), row]);
      }
    }
    for (const [date, rows] of byDate) {
      const key = `${servedKey(instance.reportName, instance.granularity)}|${date}`;
      const current = winners.get(key);
      if (!current || instance.processingDate > current.processingDate) winners.set(key, { processingDate: instance.processingDate, rows });
    }
  });
  const data: ServedData = new Map();
  for (const [key, { rows }] of winners) {
    const cut = key.lastIndexOf('|');
    const report = key.slice(0, cut);
    const dates = data.get(report) ?? new Map<string, Row[]>();
    dates.set(key.slice(cut + 1), rows);
    data.set(report, dates);
  }
  return data;
}

/** Sum of a numeric column over rows (empty cells skipped); money columns come back in cents. */
export function sumOf(rows: readonly Row[], column: string, where: (row: Row) => boolean = () => true): number {
  let sum = 0;
  for (const row of rows) {
    const cell = row[column] ?? '';
    if (cell === '' || !where(row)) continue;
    sum += cell.includes('.') ? Math.round(Number(cell) * 100) : Number(cell);
  }
  return sum;
}
