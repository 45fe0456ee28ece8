// Your own exchange rates: imported through the sales:importFxRates command (DuckDB reads the CSV),
// checked before they land, and used by sales.daily_converted, which shows the rate it used and
// keeps rows it could not convert instead of dropping them.
import { afterEach, describe, expect, it } from 'vitest';
import { startSalesHarness, DAILY_SALES, type SalesHarness } from './salesHarness';
import { createSalesService } from '../../../main/sales/salesService';
import { createSalesSettings } from '../../../main/sales/salesSettings';
import { silentLogger } from '../../../main/logging/logger';
import type { AscSession } from '../../../main/session/ascSession';

let h: SalesHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function service(harness: SalesHarness) {
  const settings = new Map<string, unknown>();
  return createSalesService({
    warehouse: harness.warehouse, session: {} as AscSession, keys: { list: async () => [] },
    settings: createSalesSettings({ get: (k) => settings.get(k as string), set: (k, v) => void settings.set(k as string, v), delete: (k) => void settings.delete(k as string), path: '' }),
    dataDir: harness.dataDir, now: () => harness.fake.clock.now(), logger: silentLogger, onProgress: () => undefined, onFinished: () => undefined,
  });
}

describe('FX rates', () => {
  it('converts with the user’s rates, names the rate used and keeps unconverted rows', { timeout: 120_000 }, async () => {
    h = await startSalesHarness();
    await h.sync([DAILY_SALES], { days: 5 });
    const sales = service(h);
    await sales.setReportingCurrency('USD');
    expect(await sales.importFxRates({ csv: 'currency,target_currency,rate,valid_from,valid_to\nEUR,USD,1.08,2025-01-01,2025-12-31\nGBP,USD,1.27,2025-01-01,2025-12-31\n', source: 'My rates' })).toEqual({ rows: 2 });
    const rows = await h.sql(`SELECT currency, any_value(rate_used)::VARCHAR AS rate, any_value(rate_source) AS source, count(*) AS n,
        CAST(sum(proceeds_converted) AS VARCHAR) AS converted, CAST(sum(proceeds) AS VARCHAR) AS original
      FROM sales.daily_converted GROUP BY 1 ORDER BY 1`);
    const eur = rows.find((r) => r.currency === 'EUR');
    expect(eur).toMatchObject({ rate: '1.08000000', source: 'My rates' });
    expect(Number(eur?.converted)).toBeCloseTo(Number(eur?.original) * 1.08, 4);
    expect(rows.find((r) => r.currency === 'USD')).toMatchObject({ rate: '1.00000000', source: 'same currency' });
    // JPY has no rate: its rows stay, unconverted and visible.
    expect(rows.find((r) => r.currency === 'JPY')).toMatchObject({ rate: null, converted: null });
    const total = await h.sql('SELECT count(*) AS n FROM sales.daily');
    expect(rows.reduce((n, r) => n + Number(r.n), 0)).toBe(Number(total[0]?.n));
  });

  it('refuses overlapping or malformed rates and keeps what was there', { timeout: 60_000 }, async () => {
    h = await startSalesHarness();
    const sales = service(h);
    await sales.importFxRates({ csv: 'currency,target_currency,rate,valid_from,valid_to\nEUR,USD,1.08,2025-01-01,2025-06-30\n', source: 'A' });
    await expect(sales.importFxRates({ csv: 'currency,target_currency,rate,valid_from,valid_to\nEUR,USD,1.10,2025-06-01,2025-12-31\n', source: 'B' }))
      .rejects.toThrow(/overlap/);
    await expect(sales.importFxRates({ csv: 'currency,target_currency,rate,valid_from,valid_to\neuro,USD,-1,2025-01-01,2025-02-01\n', source: 'C' }))
      .rejects.toThrow(/ISO codes/);
    await expect(sales.importFxRates({ csv: 'a;b\n1;2\n', source: 'D' })).rejects.toThrow(/could not be read|Expected the columns/);
    expect(await h.sql('SELECT source, rate::VARCHAR AS rate FROM sales.fx_rates')).toEqual([{ source: 'A', rate: '1.08000000' }]);
  });
});
