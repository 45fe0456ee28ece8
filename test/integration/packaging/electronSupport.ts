// Electron's support window from the hand-kept table in test/fixtures/electron-support.json:
// a major is supported from its stable date until the day the third newer major ships (its
// end-of-support date), i.e. Electron supports the latest three stable majors.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const tableSchema = z.object({
  source: z.string().min(1),
  majors: z.array(z.object({ major: z.number().int().positive(), stable: isoDate, endOfSupport: isoDate }).strict()).min(3),
});
export type SupportTable = z.infer<typeof tableSchema>;

export function loadSupportTable(root: string): SupportTable {
  return tableSchema.parse(JSON.parse(readFileSync(path.join(root, 'test', 'fixtures', 'electron-support.json'), 'utf8')));
}

export type SupportVerdict =
  | { supported: true; until: string }
  | { supported: false; reason: string };

/** Whether `major` is in Electron's support window on `day` (YYYY-MM-DD), by the table. */
export function supportOn(table: SupportTable, major: number, day: string): SupportVerdict {
  const row = table.majors.find((m) => m.major === major);
  if (!row) return { supported: false, reason: `Electron ${major} is not in test/fixtures/electron-support.json: add its row` };
  if (day < row.stable) return { supported: false, reason: `Electron ${major} is not stable until ${row.stable}` };
  if (day >= row.endOfSupport) return { supported: false, reason: `Electron ${major} left support on ${row.endOfSupport}: move to a newer major` };
  const newer = table.majors.filter((m) => m.major > major && m.stable <= day).length;
  if (newer >= 3) return { supported: false, reason: `${newer} newer Electron majors are stable on ${day}: only the latest three are supported` };
  return { supported: true, until: row.endOfSupport };
}

/** Rows that contradict the policy: each major's support ends the day the third newer one ships. */
export function tableContradictions(table: SupportTable): string[] {
  const found: string[] = [];
  const sorted = [...table.majors].sort((a, b) => a.major - b.major);
  sorted.forEach((row, i) => {
    if (row.endOfSupport <= row.stable) found.push(`${row.major}: ends before it starts`);
    const next = sorted[i + 1];
    if (next && (next.major !== row.major + 1 || next.stable <= row.stable)) found.push(`${row.major} → ${next.major}: majors must be consecutive with later stable dates`);
    const third = sorted.find((m) => m.major === row.major + 3);
    if (third && third.stable !== row.endOfSupport) found.push(`${row.major}: end of support ${row.endOfSupport} is not ${third.major}'s stable date ${third.stable}`);
  });
  return found;
}
