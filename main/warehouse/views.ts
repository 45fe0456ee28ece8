// The user-facing views over a raw table, one granularity each so no view mixes them:
// `main.<report>` holds the DAILY rows, `weekly.<report>` and `monthly.<report>` Apple's own
// weekly and monthly instances — in each, only the rows Apple's restatement rule keeps. The rule
// is maintained at ingest (latest.ts), so a view is a plain filter on the raw table: `_latest`
// holds the kept row's granularity code, one integer comparison per row.
import { LATEST_CODES, LATEST_COLUMN, type ViewGranularity } from './tableLayout';
import { qualified, quoteIdent } from './sql';

/** Schema → the granularity its views show. */
export const VIEW_SCHEMAS: readonly (readonly [schema: string, granularity: ViewGranularity])[] = [
  ['main', 'DAILY'],
  ['weekly', 'WEEKLY'],
  ['monthly', 'MONTHLY'],
];

export function latestViewStatements(tableName: string): string[] {
  const latest = quoteIdent(LATEST_COLUMN);
  return VIEW_SCHEMAS.map(([schema, granularity]) => `CREATE OR REPLACE VIEW ${qualified(schema, tableName)} AS
SELECT * EXCLUDE (${latest}) FROM ${qualified('raw', tableName)}
WHERE ${latest} = ${LATEST_CODES[granularity]}`);
}
