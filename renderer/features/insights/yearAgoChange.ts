// The line a headline card shows for the same dates a year ago, when main sent them.
import type { HeadlineTile } from '../../../shared/insights';

/** "+4.2% vs a year ago"; null when the warehouse does not reach back a year. */
export function yearAgoChange(tile: HeadlineTile): { text: string; tone: string } | null {
  if (tile.yearAgo === undefined) return null;
  const { changePercent } = tile.yearAgo;
  if (changePercent === null) return { text: 'no data a year ago to compare', tone: 'muted' };
  const sign = changePercent > 0 ? '+' : '';
  return { text: `${sign}${changePercent.toFixed(1)}% vs a year ago`, tone: changePercent < 0 ? 'down' : 'up' };
}
