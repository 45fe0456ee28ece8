// Counts in the sync's messages and summary lines: thousands separators and singular or plural
// nouns ("1 instance", "257 instances", "19,391 rows"), never "instance(s)".
const COUNT = new Intl.NumberFormat('en-US');

/** `n` with thousands separators. */
export function countLabel(n: number): string {
  return COUNT.format(n);
}

/** `n` and the noun, plural unless n is 1 (`plural(2, 'instance')` → "2 instances"). */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${COUNT.format(n)} ${n === 1 ? singular : pluralForm}`;
}
