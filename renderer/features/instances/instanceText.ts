// Labels, ordering and date arithmetic for the Instances screen.
import type { InstanceState, InstanceView } from '../../../shared/browse';

export const STATE_LABELS: Record<InstanceState, string> = {
  downloaded: 'Downloaded',
  pending: 'Pending',
  expired: 'Expired',
  failed: 'Failed',
};

export const STATES: readonly InstanceState[] = ['downloaded', 'pending', 'failed', 'expired'];

/** When two instances share a day (ongoing and snapshot), the cell shows the most useful state. */
const RANK: Record<InstanceState, number> = { downloaded: 0, failed: 1, pending: 2, expired: 3 };

export function bestOf(instances: readonly InstanceView[]): InstanceView | undefined {
  return [...instances].sort((a, b) => RANK[a.state] - RANK[b.state])[0];
}

const DAY_MS = 86_400_000;

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to && days.length < 400; d = addDays(d, 1)) days.push(d);
  return days;
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
