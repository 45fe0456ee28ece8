// Ready-made queries for the questions most people ask first, for one app. They use the `main`
// views (DAILY rows, Apple's latest-wins rule applied) and the column names the warehouse derives
// from Apple's headers, and never sum a distinct count (see `nonAdditive` in the report catalogue).
import { OrchardError } from '../../shared/errors';
import type { ExampleQuery } from '../../shared/workbench';

/** `appId` is an App Apple Identifier (digits only: it is spliced into the SQL text shown to the user). */
export function exampleQueries(appId: string): ExampleQuery[] {
  if (!/^\d{1,20}$/.test(appId)) throw new OrchardError('BAD_INPUT', `Not an App Apple Identifier: ${appId}`);
  const app = `app_apple_identifier = ${appId}`;
  return [
    {
      title: 'Downloads by territory per week',
      description: 'First-time downloads and redownloads from the daily rows, summed per week and territory.',
      sql: `-- Downloads by territory per week
SELECT date_trunc('week', date) AS week,
       territory,
       sum(counts) AS downloads
FROM main.app_downloads_standard
WHERE ${app}
  AND download_type IN ('First-time download', 'Redownload')
GROUP BY week, territory
ORDER BY week, downloads DESC;`,
    },
    {
      title: 'Sessions per app version',
      description: 'Sessions and average session length for each app version.',
      sql: `-- Sessions per app version
SELECT app_version,
       sum(sessions) AS sessions,
       round(sum(total_session_duration) / nullif(sum(sessions), 0), 1) AS avg_session_seconds
FROM main.app_sessions_standard
WHERE ${app}
GROUP BY app_version
ORDER BY sessions DESC;`,
    },
    {
      title: 'Crashes per device',
      description: 'Crashes per device type and operating system version.',
      sql: `-- Crashes per device
SELECT device,
       platform_version,
       sum(crashes) AS crashes
FROM main.app_crashes
WHERE ${app}
GROUP BY device, platform_version
ORDER BY crashes DESC;`,
    },
    {
      title: 'Conversion from impressions to downloads',
      description: 'Daily App Store impressions against first-time downloads (event counts: distinct counts cannot be summed).',
      sql: `-- Conversion from impressions to downloads, per day
WITH impressions AS (
  SELECT date, sum(counts) AS impressions
  FROM main.app_store_discovery_and_engagement_standard
  WHERE ${app} AND event = 'Impression'
  GROUP BY date
), downloads AS (
  SELECT date, sum(counts) AS downloads
  FROM main.app_downloads_standard
  WHERE ${app} AND download_type = 'First-time download'
  GROUP BY date
)
SELECT date,
       impressions,
       downloads,
       round(100.0 * downloads / nullif(impressions, 0), 2) AS conversion_pct
FROM impressions FULL JOIN downloads USING (date)
ORDER BY date;`,
    },
  ];
}
