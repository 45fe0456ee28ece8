// Plain-language pieces the read models put in front of the user: how long ago, and what a
// request's state means ("Requested 14 hours ago — Apple usually needs 24–48 hours").
import type { RequestState, RequestView } from '../../shared/browse';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export function timeAgo(fromIso: string, now: Date): string {
  const ms = now.getTime() - Date.parse(fromIso);
  if (!Number.isFinite(ms) || ms < MINUTE_MS) return 'just now';
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'} ago`;
  if (ms < HOUR_MS) return plural(Math.floor(ms / MINUTE_MS), 'minute');
  if (ms < 2 * DAY_MS) return plural(Math.floor(ms / HOUR_MS), 'hour');
  return plural(Math.floor(ms / DAY_MS), 'day');
}

/** What describeRequest needs of a request: the facts half of a RequestView. */
export type RequestFacts = Pick<RequestView, 'accessType' | 'stoppedDueToInactivity' | 'firstSeenAt' | 'instances' | 'downloaded' | 'newestProcessingDate'>;

/** Hours after the first request within which Apple normally delivers the first data. */
const FIRST_DATA_HOURS = 48;

export function describeRequest(facts: RequestFacts, now: Date): { state: RequestState; summary: string } {
  const ago = facts.firstSeenAt ? timeAgo(facts.firstSeenAt, now) : undefined;
  const hours = facts.firstSeenAt ? (now.getTime() - Date.parse(facts.firstSeenAt)) / HOUR_MS : Infinity;
  const progress = `${facts.downloaded} of ${facts.instances} instance${facts.instances === 1 ? '' : 's'} downloaded`;
  if (facts.accessType === 'ONE_TIME_SNAPSHOT') {
    if (facts.instances > 0) {
      return { state: 'snapshot-ready', summary: `History snapshot produced ${facts.newestProcessingDate ?? ''} — ${progress}` };
    }
    return {
      state: 'snapshot-waiting',
      summary: hours < FIRST_DATA_HOURS
        ? `History snapshot requested ${ago ?? 'recently'} — Apple usually needs 24–48 hours`
        : 'History snapshot requested — nothing listed yet; sync to check what Apple produced',
    };
  }
  if (facts.stoppedDueToInactivity) {
    return { state: 'stopped', summary: 'Stopped: no downloads for a while — recreate it to receive new data' };
  }
  if (facts.instances > 0) {
    return { state: 'active', summary: `Active — newest data processed ${facts.newestProcessingDate ?? ''}; ${progress}` };
  }
  if (hours < FIRST_DATA_HOURS) {
    return { state: 'waiting', summary: `Requested ${ago ?? 'recently'} — Apple usually needs 24–48 hours` };
  }
  return { state: 'waiting', summary: `Requested ${ago ?? 'a while ago'} — nothing listed yet; sync to check what Apple produced` };
}
