// Every user-facing view against the fake's hidden truth after a real sync of every report: the
// `main` views equal the DAILY truth (so none mixes in weekly or monthly rows), and the `weekly`
// and `monthly` views equal Apple's own weekly and monthly instances — for every metric column.
import { afterEach, describe, expect, it } from 'vitest';
import { columnNameFor, tableNameFor } from '../../../shared/reportCatalogue';
import { fakeReportCatalogue } from '../../fake-asc';
import { APP_ID, sortedEntries, startSyncHarness, type SyncHarness } from './syncHarness';

const SCHEMAS = [['DAILY', 'main'], ['WEEKLY', 'weekly'], ['MONTHLY', 'monthly']] as const;

let h: SyncHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('views against the fake’s truth', () => {
  it('sums of every main, weekly and monthly view equal Apple’s latest instances of that granularity only', async () => {
    h = await startSyncHarness({ seed: 5 });
    // Every report by name: the default set lists some reports at some granularities only.
    const reportNames = fakeReportCatalogue().map((r) => r.name);
    await h.sync({ reportNames });
    h.fake.clock.advanceDays(12);
    expect((await h.sync({ reportNames })).outcome).toBe('succeeded');
    const tables = new Set((await h.sql(`SELECT DISTINCT table_name FROM orchard.instances WHERE state = 'ingested'`)).map((r) => String(r.table_name)));
    const compared: string[] = [];
    for (const report of fakeReportCatalogue()) {
      const table = tableNameFor(report.name);
      if (!tables.has(table)) continue;
      const date = columnNameFor(report.dateColumn);
      for (const [granularity, schema] of SCHEMAS) {
        // LEFT JOIN: a row whose key names no segment shows as a NULL granularity and fails too.
        const mixed = await h.sql(`SELECT DISTINCT k.granularity AS g FROM ${schema}.${table} AS t
          LEFT JOIN orchard.segment_keys AS k ON k.segment_key = t._segment_key`);
        expect(mixed.map((r) => r.g).filter((g) => g !== granularity), `${schema}.${table}`).toEqual([]);
        for (const metric of report.metrics) {
          const truth = h.fake.latestTotals({ appId: APP_ID, reportName: report.name, granularity, metric });
          const rows = await h.sql(`SELECT CAST(${date} AS VARCHAR) AS d, sum(${columnNameFor(metric)})::DOUBLE AS total
            FROM ${schema}.${table} GROUP BY 1 HAVING total IS NOT NULL`);
          const view = new Map(rows.map((r) => [String(r.d), Math.round(Number(r.total) * 100) / 100]));
          expect(sortedEntries(view), `${schema}.${table}.${metric}`).toEqual(sortedEntries(truth));
          if (truth.size > 0) compared.push(`${schema}.${table}`);
        }
      }
    }
    // The comparison covered daily, weekly and monthly data, not only empty views.
    expect(compared.some((name) => name.startsWith('main.'))).toBe(true);
    expect(compared.some((name) => name.startsWith('weekly.'))).toBe(true);
    expect(compared.some((name) => name.startsWith('monthly.'))).toBe(true);
  }, 180_000);
});
