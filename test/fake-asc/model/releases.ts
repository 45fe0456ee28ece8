// An app's release history and version adoption: a new version every 2–4 weeks ramps up over a few
// days (auto-updates) while the older ones decay, so version shares change from day to day.

import { isoToDay } from '../dates';
import { hashOf, mix32 } from '../hash';
import type { Weighted } from './audience';

const FIRST_RELEASE = isoToDay('2023-01-02') ?? 0;
/** Days for a new version to reach ~63% of the devices that update. */
const ADOPTION_DAYS = 3.5;
/** Share of devices that never update (they stay on whatever they had). */
const LAGGARDS = 0.06;
const MAX_VERSIONS = 6;

export interface Release {
  version: string;
  day: number;
}

/** Release k comes about 21k days after the first, give or take 4 days: a new version every 13–29 days. */
function releaseDay(key: number, index: number): number {
  return FIRST_RELEASE + 21 * index + (mix32(key, index) % 9) - 4;
}

/** The last `count` releases up to and including `day`, oldest first. */
export function releasesUpTo(seed: number, appId: string, day: number, count = MAX_VERSIONS): Release[] {
  const key = hashOf(seed, appId, 'release');
  let last = Math.max(-1, Math.floor((day - FIRST_RELEASE) / 21) + 1);
  while (last >= 0 && releaseDay(key, last) > day) last--;
  const releases: Release[] = [];
  for (let index = Math.max(0, last - count + 1); index <= last; index++) {
    releases.push({ version: `${1 + Math.floor(index / 10)}.${index % 10}`, day: releaseDay(key, index) });
  }
  return releases;
}

function adopted(daysSinceRelease: number): number {
  return daysSinceRelease < 0 ? 0 : (1 - LAGGARDS) * (1 - Math.exp(-(daysSinceRelease + 1) / ADOPTION_DAYS));
}

/** Version shares of active devices on a day (newest first, summing to 1). */
export function versionSharesOn(seed: number, appId: string, day: number): Array<Weighted<string>> {
  const releases = releasesUpTo(seed, appId, day);
  if (releases.length === 0) return [{ value: '1.0', weight: 1 }];
  const shares: Array<Weighted<string>> = [];
  let remaining = 1;
  for (let i = releases.length - 1; i >= 0; i--) {
    const release = releases[i] as Release;
    const share = i === 0 ? remaining : remaining * adopted(day - release.day);
    shares.push({ value: release.version, weight: share });
    remaining -= share;
  }
  return shares.filter((s) => s.weight > 0.001);
}

/** Fraction of active devices that moved to a newer version on this day (what auto-updates count). */
export function updatedShareOn(seed: number, appId: string, day: number): number {
  const before = new Map(versionSharesOn(seed, appId, day - 1).map((s) => [s.value, s.weight]));
  let grown = 0;
  for (const share of versionSharesOn(seed, appId, day)) grown += Math.max(0, share.weight - (before.get(share.value) ?? 0));
  return grown;
}
