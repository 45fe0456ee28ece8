// Zero-filling chart data of additive aggregates (sum, count): a day without rows for a series
// means zero for it, not a gap, so lines of counts stay whole. Daily date axes also get the days
// missing from the whole result (no rows at all) inserted as zeros.
import type { ChartAggregate, ChartData } from '../../shared/workbench';

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

const isAdditive = (aggregate: ChartAggregate) => aggregate === 'sum' || aggregate === 'count';

/** Every day from the first to the last date when the dates are daily (some consecutive), else null. */
function dailyRange(values: readonly (string | number)[], maxPoints: number): string[] | null {
  if (values.length < 2 || !values.every((v) => typeof v === 'string' && DATE_ONLY.test(v))) return null;
  const times = values.map((v) => Date.parse(`${String(v)}T00:00:00Z`));
  let smallest = Number.POSITIVE_INFINITY;
  for (let i = 1; i < times.length; i += 1) smallest = Math.min(smallest, (times[i] ?? 0) - (times[i - 1] ?? 0));
  // Weekly or monthly results have no consecutive days: filling days there would invent zeros.
  if (smallest !== DAY_MS) return null;
  const first = times[0] ?? 0;
  const days = Math.round(((times.at(-1) ?? first) - first) / DAY_MS) + 1;
  if (days > maxPoints) return null;
  return Array.from({ length: days }, (_, i) => new Date(first + i * DAY_MS).toISOString().slice(0, 10));
}

export function zeroFill(data: ChartData, aggregate: ChartAggregate, maxPoints: number): ChartData {
  if (!isAdditive(aggregate)) return data;
  const days = data.x.type === 'DATE' ? dailyRange(data.x.values, maxPoints) : null;
  if (days === null || days.length === data.x.values.length) {
    return { ...data, series: data.series.map((s) => ({ ...s, values: s.values.map((v) => v ?? 0) })) };
  }
  const at = new Map(data.x.values.map((v, i) => [String(v), i]));
  return {
    ...data,
    x: { ...data.x, values: days },
    series: data.series.map((s) => ({
      ...s,
      values: days.map((day) => {
        const i = at.get(day);
        return i === undefined ? 0 : (s.values[i] ?? 0);
      }),
    })),
  };
}
