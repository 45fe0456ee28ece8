// Chart shaping on real DuckDB: a split into many series keeps the top N (by total) and sums the
// rest into "Other" — totals per day are unchanged — and days without rows are zeros.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, newId, type WorkbenchHarness } from './harness';

let h: WorkbenchHarness;
let resultId: string;
// 20 territories over 10 days; territory Tnn has weight nn; day 5 has no rows at all and T01
// has none on day 2.
const SQL = `SELECT DATE '2026-03-01' + d::INTEGER AS day, 'T' || lpad(t::VARCHAR, 2, '0') AS territory, (t * 10 + d)::BIGINT AS downloads
  FROM range(10) r(d), range(1, 21) s(t) WHERE d <> 5 AND NOT (t = 1 AND d = 2)`;

beforeAll(async () => {
  h = await createHarness({ previewBudgetMs: 60_000 });
  const reply = await h.call('query:run', { runId: newId(), sql: SQL });
  resultId = reply.result?.resultId ?? '';
});
afterAll(async () => {
  await h.cleanup();
});

const total = (values: (number | null)[]) => values.reduce<number>((a, v) => a + (v ?? 0), 0);

describe('query:chart top N and Other', () => {
  it('draws the 8 largest series by default and folds the rest into Other, keeping the totals', async () => {
    const chart = await h.call('query:chart', { resultId, x: 'day', y: ['downloads'], splitBy: 'territory', aggregate: 'sum' });
    expect(chart.series.map((s) => s.label)).toEqual(['T20', 'T19', 'T18', 'T17', 'T16', 'T15', 'T14', 'T13', 'Other']);
    expect(chart.truncated).toBe(false);
    // Day 5 had no rows: it is on the axis as zeros, not a hole.
    expect(chart.x.values).toHaveLength(10);
    expect(chart.x.values[5]).toBe('2026-03-06');
    expect(chart.series.every((s) => s.values[5] === 0)).toBe(true);
    const other = chart.series.at(-1)?.values ?? [];
    // Other on day 0 = Σ t*10 for t = 1..12.
    expect(other[0]).toBe(780);
    const perDay = chart.x.values.map((_, i) => chart.series.reduce((a, s) => a + (s.values[i] ?? 0), 0));
    const check = await h.call('query:run', { runId: newId(), sql: `SELECT sum(downloads)::DOUBLE FROM (${SQL})` });
    expect(total(perDay)).toBe(check.firstRows[0]?.[0]);
  });

  it('takes N from the request, averages Other over its rows, and leaves out Other when nothing is left', async () => {
    const three = await h.call('query:chart', { resultId, x: 'day', y: ['downloads'], splitBy: 'territory', aggregate: 'sum', topN: 3 });
    expect(three.series.map((s) => s.label)).toEqual(['T20', 'T19', 'T18', 'Other']);
    const avg = await h.call('query:chart', { resultId, x: 'day', y: ['downloads'], splitBy: 'territory', aggregate: 'avg', topN: 18 });
    // Other = T01 and T02: day 0 (10 + 20) / 2, day 1 (11 + 21) / 2, day 2 only T02's 22; day 5 stays a gap.
    expect(avg.series.at(-1)?.values.slice(0, 3)).toEqual([15, 16, 22]);
    expect(avg.x.values).toHaveLength(9);
    const all = await h.call('query:chart', { resultId, x: 'day', y: ['downloads'], splitBy: 'territory', aggregate: 'count', topN: 20 });
    expect(all.series).toHaveLength(20);
    expect(all.series.some((s) => s.label === 'Other')).toBe(false);
    expect(all.series.find((s) => s.label === 'T01')?.values.slice(0, 3)).toEqual([1, 1, 0]);
  });
});

describe('query:chart with categories along x', () => {
  // Twelve territories with their downloads, the query ordering them largest first.
  const BARS = `SELECT territory, sum(n)::BIGINT AS downloads FROM (
      SELECT 'T' || lpad(t::VARCHAR, 2, '0') AS territory, (t * t)::BIGINT AS n FROM range(1, 13) r(t), range(3) s(k)
    ) GROUP BY 1 ORDER BY downloads DESC`;
  let bars: string;
  beforeAll(async () => {
    bars = (await h.call('query:run', { runId: newId(), sql: BARS })).result?.resultId ?? '';
  });

  it('keeps the order of the query (its ORDER BY), not the alphabet', async () => {
    const chart = await h.call('query:chart', { resultId: bars, x: 'territory', y: ['downloads'], aggregate: 'sum' });
    expect(chart.x.values).toEqual(['T12', 'T11', 'T10', 'T09', 'T08', 'T07', 'T06', 'T05', 'T04', 'T03', 'T02', 'T01']);
    expect(chart.series[0]?.values[0]).toBe(3 * 144);
  });

  it('with a top N, draws the N largest in the query order and one Other bar for the rest', async () => {
    const alphabetical = (await h.call('query:run', { runId: newId(), sql: `${BARS.replace('ORDER BY downloads DESC', 'ORDER BY territory')}` })).result?.resultId ?? '';
    const chart = await h.call('query:chart', { resultId: alphabetical, x: 'territory', y: ['downloads'], aggregate: 'sum', topN: 3 });
    expect(chart.x.values).toEqual(['T10', 'T11', 'T12', 'Other']);
    // Other = 3 × Σ t² for t = 1..9.
    expect(chart.series[0]?.values.at(-1)).toBe(3 * 285);
    const check = await h.call('query:run', { runId: newId(), sql: `SELECT sum(downloads)::DOUBLE FROM (${BARS})` });
    expect(total(chart.series[0]?.values ?? [])).toBe(check.firstRows[0]?.[0]);
    const none = await h.call('query:chart', { resultId: bars, x: 'territory', y: ['downloads'], aggregate: 'sum', topN: 12 });
    expect(none.x.values).not.toContain('Other');
  });
});
