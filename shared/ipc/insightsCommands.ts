// Commands of the Insights section: the Overview headline numbers for one app or all apps.
import { z } from 'zod';
import { command } from './define';
import { HEADLINE_PERIODS, type HeadlinesView } from '../insights';

const appId = z.union([z.literal('all'), z.string().regex(/^\d{1,20}$/, 'an App Store app ID is numeric')]);

export const insightsCommands = {
  /** Last `days` days against the `days` before, per headline metric, each with the SQL behind it. */
  'insights:headlines': command(
    z.object({ appId, days: z.union([z.literal(HEADLINE_PERIODS[0]), z.literal(HEADLINE_PERIODS[1]), z.literal(HEADLINE_PERIODS[2])]) }).strict(),
  ).returns<HeadlinesView>(),
};
