import { describe, expect, it } from 'vitest';
import { keyDateColumn, layoutSegment } from '../../../main/warehouse/tableLayout';

describe('layoutSegment', () => {
  it('creates a known report’s table from the catalogue, the file’s extras and provenance', () => {
    const layout = layoutSegment('App Crashes', ['date', 'CRASHES', 'Shiny New', 'App Apple Identifier'], null);
    expect(layout.ddl).toHaveLength(1);
    expect(layout.ddl[0]).toMatch(/^CREATE TABLE "raw"\."app_crashes" \("date" DATE, "app_name" VARCHAR, "app_apple_identifier" BIGINT, /);
    expect(layout.ddl[0]).toMatch(/"shiny_new" VARCHAR, "_segment_key" UINTEGER, "_latest" UTINYINT\)$/);
    expect(layout.columns).toEqual([
      { readName: 'date', type: 'DATE', target: 'date' },
      { readName: 'CRASHES', type: 'BIGINT', target: 'crashes' },
      { readName: 'Shiny New', type: 'VARCHAR', target: 'shiny_new' },
      { readName: 'App Apple Identifier', type: 'BIGINT', target: 'app_apple_identifier' },
    ]);
  });

  it('alters an existing table only for new columns and reuses existing types', () => {
    const existing = new Map([['date', 'DATE'], ['counts', 'BIGINT'], ['extra', 'VARCHAR'], ['_segment_key', 'UINTEGER']]);
    const layout = layoutSegment('App Downloads Standard', ['Date', 'Counts', 'Extra', 'Install Day', 'Another'], existing);
    expect(layout.ddl).toEqual([
      'ALTER TABLE "raw"."app_downloads_standard" ADD COLUMN "install_day" DATE',
      'ALTER TABLE "raw"."app_downloads_standard" ADD COLUMN "another" VARCHAR',
    ]);
    expect(layoutSegment('App Downloads Standard', ['Date', 'Counts'], existing).ddl).toEqual([]);
    // A catalogue column the table lacks (created by an older Orchard) comes with its catalogue type.
    expect(layoutSegment('App Downloads Standard', ['App Apple Identifier'], existing).ddl)
      .toEqual(['ALTER TABLE "raw"."app_downloads_standard" ADD COLUMN "app_apple_identifier" BIGINT']);
  });

  it('names blank and duplicate headers uniquely', () => {
    const layout = layoutSegment('Unknown', ['A', 'a', '', 'A'], null);
    expect(layout.columns.map((c) => [c.readName, c.target])).toEqual([['A', 'a'], ['a_2', 'a_2'], ['column_3', 'column_3'], ['A_3', 'a_3']]);
  });

  it('quotes odd header names safely', () => {
    const layout = layoutSegment('Unknown', ['He said "hi"', "It's"], null);
    expect(layout.ddl[0]).toContain('"he_said_hi" VARCHAR, "it_s" VARCHAR');
  });
});

describe('keyDateColumn', () => {
  it('prefers the catalogue’s date column, else a recognised date header, else none', () => {
    const columns = new Map([['date', 'DATE'], ['event_date', 'DATE']]);
    expect(keyDateColumn('App Store Subscription Event Detailed', columns)).toBe('event_date');
    expect(keyDateColumn('Unknown', columns)).toBe('date');
    expect(keyDateColumn('Unknown', new Map([['install_day', 'DATE']]))).toBe('install_day');
    expect(keyDateColumn('Unknown', new Map([['date', 'VARCHAR']]))).toBeNull();
  });
});
