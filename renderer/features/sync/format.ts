// Formatting shared by the browse and sync screens: sizes, speeds, relative times, dates.

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

export function formatSpeed(bytesPerSecond: number): string {
  return `${formatBytes(Math.round(bytesPerSecond))}/s`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** "just now", "5 minutes ago", "in 3 hours" — relative to now. */
export function relativeTime(iso: string, now = Date.now()): string {
  const ms = Date.parse(iso) - now;
  const abs = Math.abs(ms);
  if (!Number.isFinite(ms)) return '';
  if (abs < 60_000) return ms < 0 ? 'just now' : 'in under a minute';
  const [value, unit] =
    abs < 3_600_000 ? [Math.round(abs / 60_000), 'minute'] : abs < 172_800_000 ? [Math.round(abs / 3_600_000), 'hour'] : [Math.round(abs / 86_400_000), 'day'];
  const text = `${value} ${unit}${value === 1 ? '' : 's'}`;
  return ms < 0 ? `${text} ago` : `in ${text}`;
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** `YYYY-MM-DD` as a short readable date, without shifting it through a time zone. */
export function formatDay(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : date.toLocaleDateString(undefined, { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
}

/**
 * Counts inside a message from main, made readable: "257 instance(s)" → "257 instances",
 * "1 file(s)" → "1 file", "19391 rows" → "19,391 rows". Main's run summaries were written before
 * this rule; dates and IDs (digits joined to "-", ":" or letters) are left alone.
 */
export function readableCounts(text: string): string {
  return text
    .replace(/(?<![\w.:/-])(\d{4,})(?= [a-z])/g, (_, digits: string) => formatCount(Number(digits)))
    .replace(/(?<![\w.:/-])(\d[\d,]*) ((?:[a-z]+ )?)([a-z]+)\(s\)/g, (_, count: string, adjective: string, noun: string) =>
      `${count} ${adjective}${count === '1' ? noun : `${noun}s`}`);
}

/** "1 instance", "19,391 rows". */
export function countOf(n: number, noun: string): string {
  return `${formatCount(n)} ${n === 1 ? noun : `${noun}s`}`;
}
