// Handlers for insights:* commands: the headline numbers, dated by the host's clock.
import type { HeadlineService } from '../../insights/headlineService';
import type { PartialHandlers } from '../handlerTypes';

export function insightsHandlers(insights: HeadlineService, now: () => Date) {
  return {
    'insights:headlines': async ({ appId, days }) => insights.headlines({ appId, days, today: now() }),
  } satisfies PartialHandlers;
}
