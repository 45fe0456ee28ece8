// Finance reports against the fake: fiscal months loaded per region and ZZ with totals per currency
// equal to the truth, a file whose trailer disagrees refused with the difference named (and nothing
// of it kept), FINANCE_DETAIL's metadata lines skipped, and a Sales and Reports key refused.
import { afterEach, describe, expect, it } from 'vitest';
import { OrchardError } from '../../../shared/errors';
import { startSalesHarness, type SalesHarness } from './salesHarness';

let h: SalesHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const MINOR: Record<string, number> = { JPY: 0 };

describe('Finance reports', () => {
  it('loads ZZ and per-region months; settled money per currency equals the truth', { timeout: 120_000 }, async () => {
    h = await startSalesHarness();
    const summary = await h.syncFinance({ regions: ['ZZ', 'US', 'EU'], detail: true });
    expect(summary.errors).toEqual([]);
    // Fiscal 2024-10 … 2025-01 are out; 2025-02 (ends 03-01) is published a week later.
    expect(summary.outcomes).toMatchObject({ 'loaded': 16, 'not-yet': 4 });
    const rows = await h.sql(`SELECT currency, CAST(sum(proceeds) AS VARCHAR) AS p FROM sales.finance_monthly WHERE fiscal_month = '2025-01' GROUP BY 1 ORDER BY 1`);
    const truth = h.fake.sales.truth('2024-12-29', '2025-02-01');
    const expected = new Map<string, number>();
    for (const t of truth) expected.set(t.currency, (expected.get(t.currency) ?? 0) + t.proceedsMinor);
    expect(rows.map((r) => [r.currency, Math.round(Number(r.p) * 10 ** (MINOR[String(r.currency)] ?? 2))]))
      .toEqual([...expected.entries()].filter(([, v]) => v !== 0).sort(([a], [b]) => a.localeCompare(b)));
    const detail = await h.sql(`SELECT count(*) AS n, count(DISTINCT partner_share_currency) AS c FROM sales.finance_detail WHERE _fiscal_month = '2025-01'`);
    expect(Number(detail[0]?.n)).toBeGreaterThan(0);
    expect(Number(detail[0]?.c)).toBeGreaterThan(5);
  });

  it('refuses a file whose rows do not add up to its trailer, naming the difference', { timeout: 120_000 }, async () => {
    h = await startSalesHarness();
    h.fake.sales.trailerSkew.set('US/2025-01', 100);
    const summary = await h.syncFinance({ regions: ['US'] });
    expect(summary.errors).toHaveLength(1);
    expect(summary.errors[0]).toMatchObject({ region: 'US', fiscalMonth: '2025-01' });
    expect(summary.errors[0]?.message).toMatch(/does not add up to its own trailer.*difference -1\.00/);
    expect(await h.sql(`SELECT count(*) AS n FROM sales.financial WHERE _fiscal_month = '2025-01'`)).toEqual([{ n: '0' }]);
    expect(await h.sql(`SELECT count(*) AS n FROM sales.financial WHERE _fiscal_month = '2024-12'`)).not.toEqual([{ n: '0' }]);
    // Apple fixes the file: the next sync asks again and loads it.
    h.fake.sales.trailerSkew.clear();
    expect((await h.syncFinance({ regions: ['US'] })).errors).toEqual([]);
    expect(await h.sql(`SELECT outcome FROM orchard.sales_dates WHERE report_type = 'FINANCIAL' AND report_date = '2025-01'`)).toEqual([{ outcome: 'loaded' }]);
  });

  it('tells a Sales and Reports key that finance needs the Finance or Admin role', { timeout: 60_000 }, async () => {
    h = await startSalesHarness({ role: 'SALES_AND_REPORTS' });
    const error = await h.syncFinance().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrchardError);
    expect((error as OrchardError).code).toBe('FORBIDDEN');
  });
});
