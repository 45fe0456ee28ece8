// Plain-language pieces the read models put in front of the user: how long ago, and what a
// request's state means. Waiting for Apple is only claimed on evidence (a sync listed the request
// and found nothing), and a time is called "requested" only when Orchard made the request.
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
export type RequestFacts = Pick<RequestView, 'accessType' | 'stoppedDueToInactivity' | 'firstSeenAt' | 'instances' | 'downloaded' | 'newestProcessingDate'> & {
  /** Orchard created the request, so firstSeenAt is when it was requested. */
  createdByOrchard?: boolean;
  /** A sync has listed the request's instances (its reports carry a status). */
  listed?: boolean;
};

/** Hours after the first request within which Apple normally delivers the first data. */
const FIRST_DATA_HOURS = 48;

export function describeRequest(facts: RequestFacts, now: Date): { state: RequestState; summary: string } {
  const ago = facts.firstSeenAt ? timeAgo(facts.firstSeenAt, now) : undefined;
  const hours = facts.firstSeenAt ? (now.getTime() - Date.parse(facts.firstSeenAt)) / HOUR_MS : Infinity;
  const progress = `${facts.downloaded} of ${facts.instances} instance${facts.instances === 1 ? '' : 's'} downloaded`;
  const snapshot = facts.accessType === 'ONE_TIME_SNAPSHOT';
  if (snapshot && facts.instances > 0) {
    return { state: 'snapshot-ready', summary: `History snapshot produced ${facts.newestProcessingDate ?? ''} — ${progress}` };
  }
  if (!snapshot && facts.stoppedDueToInactivity) {
    return { state: 'stopped', summary: 'Stopped: no downloads for a while — recreate it to receive new data' };
  }
  if (!snapshot && facts.instances > 0) {
    return { state: 'active', summary: `Active — newest data processed ${facts.newestProcessingDate ?? ''}; ${progress}` };
  }
  const waiting: RequestState = snapshot ? 'snapshot-waiting' : 'waiting';
  const what = snapshot ? 'History snapshot requested' : 'Requested';
  if (facts.createdByOrchard) {
    return hours < FIRST_DATA_HOURS
      ? { state: waiting, summary: `${what} ${ago ?? 'recently'} — Apple usually needs 24–48 hours` }
      : { state: waiting, summary: `${what} ${ago ?? 'a while ago'} — nothing listed yet; sync to check what Apple produced` };
  }
  // Orchard found this request already there: when it was made is unknown, and until a sync has
  // listed it nothing says Apple has not produced data long ago.
  const seen = `${snapshot ? 'History snapshot first' : 'First'} seen by Orchard ${ago ?? 'earlier'}`;
  if (!facts.listed) return { state: snapshot ? 'snapshot-not-synced' : 'not-synced', summary: `${seen} — not synced yet; sync to see what Apple has produced` };
  return { state: waiting, summary: `${seen} — Apple has listed no data for it yet (a new request usually needs 24–48 hours)` };
}
