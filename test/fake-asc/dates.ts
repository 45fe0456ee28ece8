// Calendar arithmetic on UTC day numbers (days since 1970-01-01), the unit the fake schedules in.

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

export function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Parses a strict `YYYY-MM-DD`; undefined for anything else, including impossible dates. */
export function isoToDay(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const ms = Date.parse(`${text}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) return undefined;
  return dayOf(ms);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function dayOfMonth(day: number): number {
  return new Date(day * DAY_MS).getUTCDate();
}

export function firstOfMonth(day: number): number {
  const d = new Date(day * DAY_MS);
  return dayOf(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
}

export function firstOfPreviousMonth(day: number): number {
  const d = new Date(day * DAY_MS);
  return dayOf(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1));
}

export function firstOfNextMonth(day: number): number {
  const d = new Date(day * DAY_MS);
  return dayOf(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
}

/** `yyyymmdd`, as in S3 keys. */
export function compactDate(day: number): string {
  return dayToIso(day).replaceAll('-', '');
}

/** `YYYYMMDDTHHMMSSZ`, as in `X-Amz-Date`. */
export function amzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

export function parseAmzDate(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return Number.isNaN(ms) ? undefined : ms;
}
