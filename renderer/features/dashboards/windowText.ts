// How a tile names the dates it covers: "28 days to Dec 5, 2025", counted in its granularity's periods.
import type { TileResult } from '../../../shared/dashboards';
import { formatDay } from '../sync/format';

const UNIT_WORD = { DAILY: ['day', 'days'], WEEKLY: ['week', 'weeks'], MONTHLY: ['month', 'months'] } as const;

/** "28 days to Dec 5, 2025": the periods the tile covers, counted in its granularity. */
export function windowText(result: Pick<TileResult, 'window' | 'granularity'>): string {
  const { from, to } = result.window;
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  const periods = result.granularity === 'DAILY' ? days
    : result.granularity === 'WEEKLY' ? Math.max(1, Math.round(days / 7))
      : (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
  const [one, many] = UNIT_WORD[result.granularity];
  return `${periods.toLocaleString('en-US')} ${periods === 1 ? one : many} to ${formatDay(to)}`;
}
