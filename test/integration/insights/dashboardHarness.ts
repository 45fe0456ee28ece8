// A synced warehouse for the dashboard tests: the fake App Store Connect's reports the dashboards
// read, DAILY, WEEKLY and MONTHLY, synced every 10 days for about six weeks (restated days, a
// month boundary and Apple's own weekly and monthly instances), and the dashboards behind the real
// dispatcher.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { silentLogger } from '../../../main/logging/logger';
import { createDispatcher } from '../../../main/ipc/dispatch';
import type { Handlers } from '../../../main/ipc/handlerTypes';
import { dashboardHandlers } from '../../../main/ipc/handlers/dashboardHandlers';
import { createDashboardService, type DashboardService } from '../../../main/insights/dashboards/service';
import type { DashboardControls, DashboardPageId, TileResult } from '../../../shared/dashboards';
import { APP_ID, startSyncHarness, type SyncHarness } from '../sync/syncHarness';

export { APP_ID };

export const SYNCED_REPORTS = ['App Store Discovery and Engagement Standard', 'App Downloads Standard', 'App Downloads Detailed',
  'App Store Purchases Standard', 'App Sessions Standard', 'App Store Installation and Deletion Standard', 'App Crashes'];

export interface DashboardHarness extends SyncHarness {
  service: DashboardService;
  dispatch: ReturnType<typeof createDispatcher>;
  tile(pageId: DashboardPageId, tileId: string, controls: Partial<DashboardControls>): Promise<TileResult>;
  controls(over?: Partial<DashboardControls>): DashboardControls;
}

export async function startDashboardHarness(seed: number): Promise<DashboardHarness> {
  const h = await startSyncHarness({ seed });
  const sync = { reportNames: SYNCED_REPORTS, granularities: ['DAILY', 'WEEKLY', 'MONTHLY'] as ('DAILY' | 'WEEKLY' | 'MONTHLY')[] };
  await h.sync(sync);
  for (let i = 0; i < 4; i += 1) {
    h.fake.clock.advanceDays(10);
    expect((await h.sync(sync)).outcome).toBe('succeeded');
  }
  const service = createDashboardService({ reader: h.warehouse.insights });
  const dispatch = createDispatcher(dashboardHandlers(service) as unknown as Handlers, silentLogger);
  const controls = (over: Partial<DashboardControls> = {}): DashboardControls => ({
    apps: [APP_ID], from: '2025-03-01', to: '2025-04-10', granularity: 'DAILY', filters: {}, compare: 'none', topN: 5, ...over,
  });
  return {
    ...h,
    service,
    dispatch,
    controls,
    tile: (pageId, tileId, over) => service.tile({ requestId: randomUUID(), group: randomUUID(), pageId, tileId, controls: controls(over) }),
  };
}
