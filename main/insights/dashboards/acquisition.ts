// Acquisition: how people find the app and get it — the store funnel and its rates, downloads by
// source, territory and device, and web preview engagement.
import { col, measure, meaningOf, oneOf } from './catalogueRefs';
import { DOWNLOADS, ENGAGEMENT, WEB_PREVIEW } from './reports';
import type { TileSpec } from './spec';

const impressions = measure('Impressions', ENGAGEMENT, 'Counts', oneOf(ENGAGEMENT, 'Event', ['Impression']));
const uniqueImpressions = measure('Unique impressions', ENGAGEMENT, 'Unique Counts', oneOf(ENGAGEMENT, 'Event', ['Impression']));
const pageViews = measure('Product page views', ENGAGEMENT, 'Counts',
  `${oneOf(ENGAGEMENT, 'Event', ['Page view'])} AND ${oneOf(ENGAGEMENT, 'Page Type', ['Product page'])}`);
const downloadsWhere = oneOf(DOWNLOADS, 'Download Type', ['First-time download', 'Redownload']);
const downloads = measure('Downloads', DOWNLOADS, 'Counts', downloadsWhere);
const firstTime = measure('First-time downloads', DOWNLOADS, 'Counts', oneOf(DOWNLOADS, 'Download Type', ['First-time download']));
const redownloads = measure('Redownloads', DOWNLOADS, 'Counts', oneOf(DOWNLOADS, 'Download Type', ['Redownload']));

const DOWNLOADS_ARE = 'Downloads = Counts of App Downloads with Download Type First-time download or Redownload.';

export const ACQUISITION: readonly TileSpec[] = [
  { id: 'funnel', title: 'Store funnel', unit: 'count',
    meaning: 'Impressions (Counts, Event = Impression) → product page views (Event = Page view on a Product page), '
      + `both from ${ENGAGEMENT}, → downloads (${DOWNLOADS}: first-time downloads and redownloads). Page views are a `
      + 'percentage of impressions. Downloads follow Apple\'s conversion rate, downloads ÷ unique impressions (Unique Counts, '
      + 'Event = Impression) — approximated: Apple publishes unique counts per row (day, source, device …), so their sum counts '
      + 'a person seen in two rows twice and the rate reads lower than App Store Connect\'s.',
    shape: { kind: 'funnel', steps: [impressions, pageViews, downloads],
      rates: [null, null, { of: uniqueImpressions, label: 'unique impressions (approx.)' }] } },
  { id: 'downloads-trend', title: 'Downloads', unit: 'count',
    meaning: 'First-time downloads (people who never had the app) and redownloads per period; Counts of App Downloads.',
    shape: { kind: 'trend', series: [firstTime, redownloads] } },
  { id: 'conversion-trend', title: 'Downloads per impression', unit: 'percent',
    meaning: `Downloads ÷ impressions × 100 per period. ${DOWNLOADS_ARE} Apple's own conversion rate divides by unique `
      + 'impressions, which cannot be totalled, so this figure is lower than Apple\'s.',
    shape: { kind: 'trend', series: [{ label: 'Downloads per impression', numerator: downloads, denominator: impressions, scale: 100 }] } },
  { id: 'downloads-by-source', title: 'Downloads by source type', unit: 'count',
    meaning: `${meaningOf(DOWNLOADS, 'Source Type')} ${DOWNLOADS_ARE}`,
    shape: { kind: 'mix', measure: downloads, by: col(DOWNLOADS, 'Source Type') } },
  { id: 'top-territories', title: 'Top territories by downloads', unit: 'count',
    meaning: `${meaningOf(DOWNLOADS, 'Territory')} ${DOWNLOADS_ARE}`,
    shape: { kind: 'ranked', measure: downloads, by: col(DOWNLOADS, 'Territory') } },
  { id: 'downloads-by-device', title: 'Downloads by device', unit: 'count',
    meaning: `${meaningOf(DOWNLOADS, 'Device')} ${DOWNLOADS_ARE}`,
    shape: { kind: 'ranked', measure: downloads, by: col(DOWNLOADS, 'Device') } },
  { id: 'impressions-by-source', title: 'Impressions by source type', unit: 'count',
    meaning: `${meaningOf(ENGAGEMENT, 'Source Type')} Counts of ${ENGAGEMENT}, Event = Impression.`,
    shape: { kind: 'mix', measure: impressions, by: col(ENGAGEMENT, 'Source Type') } },
  { id: 'web-previews', title: 'Web preview engagement', unit: 'count',
    meaning: `Events on the app's web preview page (apps.apple.com) by kind, Counts of ${WEB_PREVIEW}.`,
    shape: { kind: 'mix', measure: measure('Web preview events', WEB_PREVIEW, 'Counts'), by: col(WEB_PREVIEW, 'Event') } },
];
