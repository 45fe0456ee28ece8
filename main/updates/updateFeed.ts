// Where the update check looks: ORCHARD_UPDATE_FEED_URL (or "off"), else the feed the release
// build baked in (the GitHub "latest release" URL of the repository that built it), only in the
// desktop app. Browser mode, tests and development builds have none unless one is given.
import type { HostMode } from '../../shared/app';

declare const ORCHARD_UPDATE_FEED_URL: string | undefined;

/** Set by scripts/build-main.mjs (esbuild define) from the build's environment; '' when absent. */
export const BUILT_IN_FEED_URL: string = typeof ORCHARD_UPDATE_FEED_URL === 'string' ? ORCHARD_UPDATE_FEED_URL : '';

export type FeedChoice = { url: string } | { disabled: string };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** https anywhere; plain http only on this machine (local test feeds). */
export function isAcceptableFeedUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  if (url.username || url.password) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
}

export function chooseUpdateFeed(env: NodeJS.ProcessEnv, mode: HostMode, builtIn: string = BUILT_IN_FEED_URL): FeedChoice {
  const fromEnv = env.ORCHARD_UPDATE_FEED_URL?.trim();
  if (fromEnv === 'off') return { disabled: 'ORCHARD_UPDATE_FEED_URL=off' };
  if (fromEnv) return isAcceptableFeedUrl(fromEnv) ? { url: fromEnv } : { disabled: 'ORCHARD_UPDATE_FEED_URL is not an https (or loopback http) URL' };
  if (mode === 'electron' && builtIn && isAcceptableFeedUrl(builtIn)) return { url: builtIn };
  return { disabled: 'no update feed in this build' };
}
