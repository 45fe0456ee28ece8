import { describe, expect, it } from 'vitest';
import { REPORT_CATALOGUE, columnNameFor, dateColumnFor, findReport, tableNameFor } from '../../../shared/reportCatalogue';

describe('names', () => {
  it.each([
    ['App Downloads Standard', 'app_downloads_standard'],
    ['App Store Pre-Orders Detailed', 'app_store_pre_orders_detailed'],
    ['  (Weird) -- Name!! ', 'weird_name'],
    ['AirPlay Performance', 'airplay_performance'],
  ])('table %j → %j', (name, table) => {
    expect(tableNameFor(name)).toBe(table);
  });

  it.each([
    ['App Apple Identifier', 'app_apple_identifier'],
    ['Proceeds in USD', 'proceeds_in_usd'],
    ['Proceeds In USD', 'proceeds_in_usd'],
    ['Users Opting-In', 'users_opting_in'],
    ['\uFEFFDate', 'date'],
  ])('column %j → %j', (header, column) => {
    expect(columnNameFor(header)).toBe(column);
  });
});

describe('findReport', () => {
  it('matches the exact name first, then a normalised one', () => {
    expect(findReport('App Downloads Standard')?.name).toBe('App Downloads Standard');
    expect(findReport('app downloads  standard')?.name).toBe('App Downloads Standard');
    expect(findReport('App_Store_Pre-Orders_Detailed')?.name).toBe('App Store Pre-Orders Detailed');
    expect(findReport('App Downloads')).toBeUndefined();
    expect(findReport('')).toBeUndefined();
  });

  it('gives the date column of the restatement rule', () => {
    expect(dateColumnFor('App Store Subscription Event Standard')).toBe('Event Date');
    expect(dateColumnFor('Platform App Installs')).toBe('Install Day');
    expect(dateColumnFor('App Sessions Detailed')).toBe('Date');
    expect(dateColumnFor('Never Heard Of It')).toBe('Date');
  });
});

describe('catalogue', () => {
  const report = (name: string) => {
    const found = findReport(name);
    if (found === undefined) throw new Error(`missing ${name}`);
    return found;
  };
  const typeOf = (name: string, header: string) => report(name).columns.find((c) => c.header === header)?.type;

  it('types money as DECIMAL, counts as BIGINT, dates as DATE, averages as DOUBLE and versions as text', () => {
    expect(typeOf('App Store Purchases Detailed', 'Proceeds in USD')).toBe('DECIMAL(18,2)');
    expect(typeOf('App Store Purchases Detailed', 'Purchases')).toBe('BIGINT');
    expect(typeOf('App Store Purchases Detailed', 'App Download Date')).toBe('DATE');
    expect(typeOf('App Downloads Standard', 'App Apple Identifier')).toBe('BIGINT');
    expect(typeOf('App Downloads Standard', 'App Version')).toBe('VARCHAR');
    expect(typeOf('App Install Performance', 'Avg Install Duration')).toBe('DOUBLE');
    expect(typeOf('Platform App Installs', 'Install Day')).toBe('DATE');
  });

  it('leaves Detailed-only columns out of Standard reports and sets levels and granularities', () => {
    const standard = report('App Downloads Standard');
    const detailed = report('App Downloads Detailed');
    expect(standard.columns.map((c) => c.header)).not.toContain('Source Info');
    expect(detailed.columns.map((c) => c.header)).toEqual(expect.arrayContaining(['Source Info', 'Campaign', 'Page Title']));
    expect([standard.level, detailed.level, report('App Crashes').level]).toEqual(['STANDARD', 'DETAILED', 'SINGLE']);
    expect(standard.granularities).toEqual(['DAILY']);
    expect(detailed.granularities).toEqual(['DAILY', 'WEEKLY', 'MONTHLY']);
    expect(standard.category).toBe('COMMERCE');
  });

  it('has unique report names, unique column names per report, a meaning for every column and its date column', () => {
    expect(new Set(REPORT_CATALOGUE.map((r) => tableNameFor(r.name))).size).toBe(REPORT_CATALOGUE.length);
    for (const r of REPORT_CATALOGUE) {
      expect(new Set(r.columns.map((c) => c.name)).size, r.name).toBe(r.columns.length);
      for (const c of r.columns) expect(c.meaning, `${r.name}: ${c.header}`).not.toBe('');
      if (r.columns.length > 0) expect(r.columns.map((c) => c.header), r.name).toContain(r.dateColumn);
    }
    expect(REPORT_CATALOGUE.length).toBeGreaterThan(25);
  });
});
