// Handlers for the Insights dashboards' commands (insights:dashboards, :tile, :cancel, :filterValues).
import type { DashboardService } from '../../insights/dashboards/service';
import type { PartialHandlers } from '../handlerTypes';

export function dashboardHandlers(dashboards: DashboardService) {
  return {
    'insights:dashboards': async () => dashboards.pages(),
    'insights:tile': async (input) => dashboards.tile(input),
    'insights:cancel': async ({ group }) => dashboards.cancel(group),
    'insights:filterValues': async ({ apps, dimension }) => dashboards.filterValues(apps, dimension),
  } satisfies PartialHandlers;
}
