// The default set lists App Downloads Detailed only at the granularities App Downloads Standard
// lacks (weekly, monthly); explicitly chosen reports come at every granularity asked for.
import { describe, expect, it } from 'vitest';
import type { Granularity, ReportRequest } from '../../../shared/ascTypes';
import { listInventory } from '../../../main/sync/reportInventory';
import { defaultGranularities } from '../../../main/sync/reportSelection';

const standard = { id: 'r1', name: 'App Downloads Standard', category: 'COMMERCE' };
const detailed = { id: 'r2', name: 'App Downloads Detailed', category: 'COMMERCE' };
const request: ReportRequest = { id: 'q1', accessType: 'ONGOING', stoppedDueToInactivity: false };

async function listedGranularities(reportNames: string[] | undefined, granularities: Granularity[] | undefined) {
  const asked = new Map<string, unknown>();
  await listInventory({
    requests: [request],
    reportNames,
    granularities,
    api: {
      listReports: async () => [standard, detailed],
      listInstances: async (reportId, options) => {
        asked.set(reportId, options?.granularity);
        return [];
      },
    },
  });
  return asked;
}

describe('defaultGranularities', () => {
  it('narrows only the Detailed reports kept by default', () => {
    expect(defaultGranularities(detailed, undefined)).toEqual(['WEEKLY', 'MONTHLY']);
    expect(defaultGranularities(detailed, ['DAILY', 'MONTHLY'])).toEqual(['MONTHLY']);
    expect(defaultGranularities(detailed, ['DAILY'])).toEqual([]);
    expect(defaultGranularities(standard, undefined)).toBeUndefined();
    expect(defaultGranularities(standard, ['DAILY'])).toEqual(['DAILY']);
  });

  it('a default sync asks Apple for Detailed weeks and months only, and not at all for a daily-only sync', async () => {
    const all = await listedGranularities(undefined, undefined);
    expect(all.get('r1')).toBeUndefined();
    expect(all.get('r2')).toEqual(['WEEKLY', 'MONTHLY']);
    const daily = await listedGranularities(undefined, ['DAILY']);
    expect(daily.get('r1')).toEqual(['DAILY']);
    expect(daily.has('r2')).toBe(false);
  });

  it('a report chosen by name comes at every granularity asked for', async () => {
    const chosen = await listedGranularities(['App Downloads Detailed'], undefined);
    expect(chosen.has('r2')).toBe(true);
    expect(chosen.get('r2')).toBeUndefined();
  });
});
