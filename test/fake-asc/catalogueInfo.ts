// A read-only description of the fake's report catalogue for tests (names, date columns, column
// types), so tests need not hard-code what the fake generates.

import { dateColumnOf, REPORT_CATALOGUE, type Category, type Granularity } from './catalogue';

export interface FakeReportInfo {
  number: number;
  name: string;
  category: Category;
  granularities: Granularity[];
  dateColumn: string;
  /** Whether the fake ever produces instances for it (apps with `commerce: false` skip commerce ones). */
  producesInstances: boolean;
  commerceOnly: boolean;
  columns: Array<{ name: string; type: 'date' | 'string' | 'integer' | 'decimal' }>;
  metrics: string[];
}

export function fakeReportCatalogue(): FakeReportInfo[] {
  return REPORT_CATALOGUE.map((def) => ({
    number: def.number, name: def.name, category: def.category, granularities: [...def.granularities],
    dateColumn: dateColumnOf(def), producesInstances: def.produces !== 'never', commerceOnly: def.produces === 'commerce',
    columns: def.columns.map((c) => ({
      name: c.name,
      type: c.kind === 'date' || c.kind === 'downloadDate' ? 'date' : c.kind === 'appId' ? 'integer'
        : c.kind === 'metric' ? (c.metric.money ? 'decimal' : 'integer') : 'string',
    })),
    metrics: def.columns.filter((c) => c.kind === 'metric').map((c) => c.name),
  }));
}
