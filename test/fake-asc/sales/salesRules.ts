// Apple's table of valid Sales and Trends combinations (fact sheet §1.2) as the fake enforces it,
// the versions it currently demands, and when a report for a date becomes available or expires.
// Written independently of Orchard's own table on purpose: the client is tested against this one.

import { DAY_MS, HOUR_MS } from '../dates';

export type SalesFrequency = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';

export interface SalesCombination {
  reportType: string;
  subTypes: readonly string[];
  frequencies: readonly SalesFrequency[];
  /** Versions Apple still answers for; the last one is "the latest version for this report". */
  versions: readonly string[];
}

export const SALES_COMBINATIONS: readonly SalesCombination[] = [
  { reportType: 'SALES', subTypes: ['SUMMARY'], frequencies: ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'], versions: ['1_0'] },
  { reportType: 'PRE_ORDER', subTypes: ['SUMMARY'], frequencies: ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'], versions: ['1_0'] },
  { reportType: 'SUBSCRIPTION', subTypes: ['SUMMARY'], frequencies: ['DAILY'], versions: ['1_4'] },
  { reportType: 'SUBSCRIPTION_EVENT', subTypes: ['SUMMARY'], frequencies: ['DAILY'], versions: ['1_3'] },
  { reportType: 'SUBSCRIBER', subTypes: ['DETAILED'], frequencies: ['DAILY'], versions: ['1_3'] },
  { reportType: 'SUBSCRIPTION_OFFER_CODE_REDEMPTION', subTypes: ['SUMMARY'], frequencies: ['DAILY'], versions: ['1_0'] },
];

export function combinationOf(reportType: string, subType: string, frequency: string): SalesCombination | undefined {
  return SALES_COMBINATIONS.find(
    (c) => c.reportType === reportType && c.subTypes.includes(subType) && (c.frequencies as readonly string[]).includes(frequency),
  );
}

/** A parsed `filter[reportDate]`: the UTC day range [firstDay, lastDay] the file covers. */
export interface SalesPeriod {
  frequency: SalesFrequency;
  firstDay: number;
  lastDay: number;
  /** As Apple would print it in the filter: YYYY-MM-DD, YYYY-MM or YYYY. */
  label: string;
}

const utcDay = (y: number, m: number, d: number) => Math.floor(Date.UTC(y, m, d) / DAY_MS);

/** Parses the date filter for a frequency (§1.3); undefined when its shape is wrong. */
export function parsePeriod(frequency: SalesFrequency, text: string): SalesPeriod | undefined {
  if (frequency === 'DAILY' || frequency === 'WEEKLY') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) return undefined;
    const day = utcDay(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    if (new Date(day * DAY_MS).toISOString().slice(0, 10) !== text) return undefined;
    if (frequency === 'DAILY') return { frequency, firstDay: day, lastDay: day, label: text };
    // Weekly reports are asked for by their ending Sunday (Monday-to-Sunday weeks).
    if ((((day + 4) % 7) + 7) % 7 !== 0) return undefined;
    return { frequency, firstDay: day - 6, lastDay: day, label: text };
  }
  if (frequency === 'MONTHLY') {
    const m = /^(\d{4})-(\d{2})$/.exec(text);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return undefined;
    const y = Number(m[1]);
    const mo = Number(m[2]) - 1;
    return { frequency, firstDay: utcDay(y, mo, 1), lastDay: utcDay(y, mo + 1, 1) - 1, label: text };
  }
  const m = /^(\d{4})$/.exec(text);
  if (!m) return undefined;
  const y = Number(m[1]);
  return { frequency, firstDay: utcDay(y, 0, 1), lastDay: utcDay(y + 1, 0, 1) - 1, label: text };
}

/** Reports appear around 8 a.m. Pacific (~15:00 UTC): the next day, Monday, 5 days or 6 days after the period. */
export function availableAtMs(period: SalesPeriod): number {
  const delayDays = period.frequency === 'MONTHLY' ? 5 : period.frequency === 'YEARLY' ? 6 : 1;
  return (period.lastDay + delayDays) * DAY_MS + 15 * HOUR_MS;
}

/** Daily, weekly and monthly reports are kept for a year; yearly ones indefinitely (§1.5). */
export function expired(period: SalesPeriod, nowMs: number, retentionDays: number): boolean {
  if (period.frequency === 'YEARLY') return false;
  return period.firstDay < Math.floor(nowMs / DAY_MS) - retentionDays;
}
