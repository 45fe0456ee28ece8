// Who uses an app: its territory mix (US first, a long tail) and the devices it runs on, each
// device paired only with its own OS and the OS versions current on a given day.

import { hashOf, mix32 } from '../hash';
import { between, jitterOf } from './noise';

export interface Weighted<T> {
  value: T;
  weight: number;
}

export interface DeviceOs {
  device: string;
  platformVersion: string;
}

/** Share of App Store traffic per territory for a typical consumer app (the US leads by far). */
const TERRITORY_BASE: ReadonlyArray<readonly [string, number]> = [
  ['US', 30], ['GB', 7], ['DE', 6], ['JP', 5.5], ['CA', 4.5], ['FR', 4], ['AU', 3.5], ['CN', 3], ['IT', 2.4],
  ['ES', 2.2], ['NL', 1.8], ['KR', 1.7], ['BR', 1.6], ['MX', 1.4], ['SE', 1.2], ['CH', 1.2], ['IN', 1.1],
  ['TW', 0.9], ['NO', 0.8], ['DK', 0.8], ['AT', 0.7], ['BE', 0.7], ['IE', 0.6], ['HK', 0.6], ['SG', 0.6],
  ['NZ', 0.55], ['PL', 0.5], ['FI', 0.5], ['PT', 0.4], ['IL', 0.4], ['AE', 0.35], ['SA', 0.35], ['TR', 0.3],
  ['ZA', 0.3], ['TH', 0.3], ['MY', 0.25], ['CZ', 0.25], ['AR', 0.2], ['CL', 0.2], ['CO', 0.2], ['PH', 0.2],
  ['ID', 0.2], ['VN', 0.15], ['HU', 0.15], ['RO', 0.15], ['UA', 0.12], ['EG', 0.1], ['NG', 0.08],
];

/** Every territory the fake knows, in the order of the base mix. */
export const TERRITORY_CODES: readonly string[] = TERRITORY_BASE.map(([code]) => code);

/** The app's territory weights: the base mix with a per-app tilt; the US stays on top. */
export function territoryWeights(seed: number, appId: string): Array<Weighted<string>> {
  const key = hashOf(seed, appId, 'territory');
  return TERRITORY_BASE.map(([code, base], index) => ({
    value: code,
    weight: code === 'US' ? base * between(mix32(key, index), 1, 1.25) : base * jitterOf(mix32(key, index), 0.25),
  }));
}

/** Device names as the reports write them; `Desktop` is a Mac. */
const DEVICE_OS: ReadonlyArray<readonly [string, string]> = [
  ['iPhone', 'iOS'], ['iPad', 'iOS'], ['Desktop', 'macOS'], ['Apple TV', 'tvOS'], ['Apple Watch', 'watchOS'], ['Apple Vision', 'visionOS'],
];

/** Which OS each device runs (iPad rows carry `iOS <version>`, §11 of the fact sheet). */
export const OS_OF_DEVICE: Readonly<Record<string, string>> = Object.fromEntries(DEVICE_OS);
export const DEVICE_NAMES: readonly string[] = DEVICE_OS.map(([device]) => device);

/** The app's device mix: mostly iPhone, some iPad, and per app maybe Mac, Watch, TV or Vision. */
export function deviceWeights(seed: number, appId: string): Array<Weighted<string>> {
  const pick = (name: string, lo: number, hi: number, chance = 1) => {
    const h = hashOf(seed, appId, 'device', name);
    return (h % 1000) / 1000 < chance ? between(h >>> 3, lo, hi) : 0;
  };
  const weights: Record<string, number> = {
    iPhone: pick('iPhone', 70, 85), iPad: pick('iPad', 10, 24), Desktop: pick('Desktop', 1, 6, 0.6),
    'Apple TV': pick('Apple TV', 0.5, 3, 0.3), 'Apple Watch': pick('Apple Watch', 1, 7, 0.5), 'Apple Vision': pick('Apple Vision', 0.2, 1, 0.4),
  };
  return DEVICE_NAMES.map((device) => ({ value: device, weight: weights[device] ?? 0 })).filter((d) => d.weight > 0);
}

/** The OS major version current on a day: Apple ships in September and went to year numbers in 2025. */
function majorOn(os: string, year: number, month: number): number {
  const release = month >= 9 ? year : year - 1;
  if (release >= 2025) return release + 1 - 2000;
  const offsets: Record<string, number> = { iOS: 2006, tvOS: 2006, macOS: 2009, watchOS: 2013, visionOS: 2022 };
  return Math.max(1, release - (offsets[os] ?? 2006));
}

/** How many versions of each OS are in use on any day (osVersionsOn's length). */
export const OS_VERSIONS_IN_USE = 5;

/** OS versions in use on a day, newest first, with their shares (a new minor every ~2 months). */
export function osVersionsOn(os: string, day: number): Array<Weighted<string>> {
  const date = new Date(day * 86_400_000);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  const major = majorOn(os, year, month);
  const minor = Math.floor((((month - 9 + 12) % 12) + (date.getUTCDate() > 15 ? 0.5 : 0)) / 2);
  const previous = majorOn(os, year - 1, month);
  const versions: Array<Weighted<string>> = [];
  const currentWeights = [45, 20, 8];
  const previousWeights = [14, 6, 3];
  for (let m = minor; m >= Math.max(0, minor - 2); m--) versions.push({ value: `${os} ${major}.${m}`, weight: currentWeights[minor - m] ?? 1 });
  for (let p = Math.min(7, minor + 4), i = 0; versions.length < OS_VERSIONS_IN_USE; p -= 2, i++) {
    versions.push({ value: `${os} ${previous}.${p}`, weight: previousWeights[i] ?? 1 });
  }
  return versions;
}

/** Device × OS version pairs on a day, weighted by the app's device mix and the version shares. */
export function devicePairsOn(seed: number, appId: string, day: number): Array<Weighted<DeviceOs>> {
  const pairs: Array<Weighted<DeviceOs>> = [];
  for (const { value: device, weight } of deviceWeights(seed, appId)) {
    const os = OS_OF_DEVICE[device] ?? 'iOS';
    const versions = osVersionsOn(os, day);
    const total = versions.reduce((sum, v) => sum + v.weight, 0);
    for (const v of versions) pairs.push({ value: { device, platformVersion: v.value }, weight: (weight * v.weight) / total });
  }
  return pairs;
}
