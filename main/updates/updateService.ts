// The in-app "new version available" check: reads the release feed (GitHub's latest-release JSON)
// through the platform's fetch, compares its tag with the running version, and keeps the answer
// for the session so each app start asks the network at most once. Never throws: an unreadable
// feed is a `failed` status the app can ignore.
import { z } from 'zod';
import type { UpdateStatus } from '../../shared/ipc/updateCommands';
import type { Logger } from '../logging/logger';
import { compareVersions, parseVersion } from './semver';
import type { FeedChoice } from './updateFeed';

/** The fields Orchard reads from GitHub's release object (it has many more). */
const releaseSchema = z.object({
  tag_name: z.string().min(1).max(100),
  html_url: z.string().max(2000),
  name: z.string().max(200).nullable().optional(),
  draft: z.boolean().optional(),
  prerelease: z.boolean().optional(),
});

/** GitHub's release JSON carries the release notes; a few hundred kB at most. */
const MAX_FEED_BYTES = 2 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 20_000;

export interface UpdateServiceDeps {
  feed: FeedChoice;
  currentVersion: string;
  fetch: typeof fetch;
  now: () => Date;
  logger: Logger;
  /** Gives up on a feed that does not answer (default 20 s). */
  timeoutMs?: number;
}

export interface UpdateService {
  check(options?: { refresh?: boolean }): Promise<UpdateStatus>;
}

class FeedProblem extends Error {}

async function readRelease(deps: UpdateServiceDeps, url: string): Promise<z.infer<typeof releaseSchema>> {
  let response: Response;
  try {
    response = await deps.fetch(url, {
      headers: { accept: 'application/vnd.github+json, application/json', 'user-agent': `Orchard/${deps.currentVersion}` },
      signal: AbortSignal.timeout(deps.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      redirect: 'follow',
    });
  } catch (err) {
    throw new FeedProblem(`the update feed could not be reached (${err instanceof Error ? err.name : 'error'})`);
  }
  if (!response.ok) throw new FeedProblem(`the update feed answered HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_FEED_BYTES) throw new FeedProblem('the update feed is too large');
  const text = await response.text();
  if (text.length > MAX_FEED_BYTES) throw new FeedProblem('the update feed is too large');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new FeedProblem('the update feed is not JSON');
  }
  const parsed = releaseSchema.safeParse(json);
  if (!parsed.success) throw new FeedProblem('the update feed is not a release (tag_name and html_url expected)');
  return parsed.data;
}

async function checkFeed(deps: UpdateServiceDeps, url: string): Promise<UpdateStatus> {
  const checkedAt = deps.now().toISOString();
  const current = parseVersion(deps.currentVersion);
  try {
    if (!current) throw new FeedProblem(`the running version ${deps.currentVersion} is not a semantic version`);
    const release = await readRelease(deps, url);
    if (release.draft || release.prerelease) throw new FeedProblem('the feed points at a draft or pre-release');
    const latest = parseVersion(release.tag_name);
    if (!latest) throw new FeedProblem(`the release tag ${release.tag_name.slice(0, 40)} is not a version`);
    const latestVersion = release.tag_name.replace(/^v/, '');
    if (compareVersions(latest, current) <= 0) return { state: 'current', currentVersion: deps.currentVersion, latestVersion, checkedAt };
    // The link is opened in the user's browser: only a plain https page.
    if (!URL.canParse(release.html_url) || new URL(release.html_url).protocol !== 'https:') throw new FeedProblem('the release page is not an https URL');
    deps.logger.info('updates.available', { currentVersion: deps.currentVersion, latestVersion });
    return { state: 'available', currentVersion: deps.currentVersion, latestVersion, releaseName: release.name || `Orchard ${latestVersion}`, url: release.html_url, checkedAt };
  } catch (err) {
    if (!(err instanceof FeedProblem)) throw err;
    deps.logger.warn('updates.check_failed', { reason: err.message });
    return { state: 'failed', currentVersion: deps.currentVersion, reason: err.message, checkedAt };
  }
}

export function createUpdateService(deps: UpdateServiceDeps): UpdateService {
  const feed = deps.feed;
  let answer: Promise<UpdateStatus> | null = null;
  return {
    check(options = {}) {
      if (!('url' in feed)) return Promise.resolve({ state: 'disabled' });
      if (!answer || options.refresh) answer = checkFeed(deps, feed.url);
      return answer;
    },
  };
}
