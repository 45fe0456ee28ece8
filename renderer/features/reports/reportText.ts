// Words and badges for report states on the Reports and Overview screens.
import type { Granularity } from '../../../shared/ascTypes';

export interface StatusLook {
  label: string;
  tone: 'ok' | 'wait' | 'muted' | 'warn' | 'bad';
}

export function statusLook(status: string | undefined): StatusLook {
  switch (status) {
    case 'available':
      return { label: 'Available', tone: 'ok' };
    case 'requested':
      return { label: 'Waiting for Apple', tone: 'wait' };
    case 'no-data':
      return { label: 'No data', tone: 'muted' };
    case 'stale':
      return { label: 'Stale', tone: 'warn' };
    case 'stopped':
      return { label: 'Stopped', tone: 'bad' };
    case 'error':
      return { label: 'Error', tone: 'bad' };
    default:
      return { label: 'Not synced yet', tone: 'muted' };
  }
}

export const GRANULARITY_LABELS: Record<Granularity, string> = { DAILY: 'Daily', WEEKLY: 'Weekly', MONTHLY: 'Monthly' };
