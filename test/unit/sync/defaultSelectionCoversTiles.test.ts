// The default report set follows the Insights tiles across granularities: a tile reading a default
// report at daily reads a default report at weekly and monthly too (App Downloads Standard is daily
// only, so its weekly and monthly twin App Downloads Detailed must be kept by default), while the
// other Detailed reports stay out.
import { describe, expect, it } from 'vitest';
import { DASHBOARD_GRANULARITIES } from '../../../shared/dashboards';
import { REPORT_CATALOGUE } from '../../../shared/reportCatalogue';
import { PAGE_REPORTS } from '../../../main/insights/dashboards/pageReports';
import { reportAt, reportOf } from '../../../main/insights/dashboards/catalogueRefs';
import { isDefaultReport } from '../../../main/sync/reportSelection';

const isDefault = (name: string) => isDefaultReport({ id: name, name, category: reportOf(name).category });

describe('the default report set and the Insights tiles', () => {
  it('every report a tile reads at any granularity is kept by default when the daily one is', () => {
    const resolved = PAGE_REPORTS.filter(isDefault).flatMap((r) => DASHBOARD_GRANULARITIES.map((g) => [r, g, reportAt(r, g)] as const));
    const left = resolved.filter(([, , at]) => at !== null && !isDefault(at));
    expect(left).toEqual([]);
    expect(resolved).toContainEqual(['App Downloads Standard', 'WEEKLY', 'App Downloads Detailed']);
  });

  it('keeps exactly the Detailed reports a tile needs where the Standard one has no instances', () => {
    const needed = new Set(PAGE_REPORTS.filter(isDefault).flatMap((r) => DASHBOARD_GRANULARITIES.map((g) => reportAt(r, g)))
      .filter((at): at is string => at !== null && / Detailed$/.test(at)));
    const kept = REPORT_CATALOGUE.filter((r) => / Detailed$/.test(r.name) && isDefault(r.name)).map((r) => r.name);
    expect(kept.sort()).toEqual([...needed].sort());
    expect(kept.length).toBeGreaterThan(0);
  });
});
