// Words for a lake being browsed: which snapshot, who published it and when.
import type { LakeMode } from './lakeMode';
import { formatDateTime } from '../sync/format';

/** "Snapshot 3, published by ana@studio-mac on 5 Mar 2025, 10:00": or the health message when main gave no details. */
export function publishedLine(mode: Pick<LakeMode, 'lake' | 'message'>): string {
  const published = mode.lake?.published;
  if (!published) return mode.message;
  return `Snapshot ${published.snapshot}, published by ${published.publisher} on ${formatDateTime(published.at)}.`;
}

export type LakeTopic = 'sync' | 'keys' | 'sales' | 'apps' | 'requests';

/** Why a screen that talks to Apple offers nothing to do over a lake. */
export const LAKE_TOPIC_TEXT: Readonly<Record<LakeTopic, string>> = {
  sync: 'Nothing is synced here. The lake is synced and published by whoever publishes it; start Orchard on the lake again to see a newer snapshot.',
  keys: 'No App Store Connect API key is needed or used here: everything shown comes from the lake’s files.',
  sales: 'Sales and Trends reports are downloaded where the lake is published, not here. The sales tables (sales.daily, sales.monthly, …) are in the SQL workbench.',
  apps: 'The apps and their data come from the lake; choosing apps to download happens where the lake is published.',
  requests: 'Report requests are made at App Store Connect by whoever publishes the lake; nothing is asked of Apple here.',
};
