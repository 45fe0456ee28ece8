// The one coherent model behind every number the fake serves: per app and day, a store funnel
// (impressions ≥ page views ≥ downloads), usage, crashes and commerce, with weekday seasonality, a
// slow trend and noise. Pure: (seed, app, day) → integers. Reports allocate these totals to rows.

import { weekdayOf } from '../dates';
import { hashOf, mix32 } from '../hash';
import { updatedShareOn } from './releases';
import { between, jitterOf } from './noise';

export interface ModelApp {
  id: string;
  /** Size of the app (1 = a small indie app with a few hundred downloads a day). */
  activity: number;
  /** Whether it sells anything (purchases, subscriptions). */
  commerce: boolean;
}

/**
 * Daily totals; money in US cents. All are additive (a week's total is the sum of its days) except
 * `uniquePageViews` and `payingUsers`, which count distinct people on that day.
 */
export interface AppDay {
  impressions: number;
  pageViews: number;
  uniquePageViews: number;
  taps: number;
  firstTimeDownloads: number;
  redownloads: number;
  manualUpdates: number;
  autoUpdates: number;
  restores: number;
  deletions: number;
  activeDevices: number;
  sessions: number;
  sessionSeconds: number;
  crashes: number;
  purchases: number;
  salesCents: number;
  proceedsCents: number;
  payingUsers: number;
  optInDownloadingUsers: number;
  optInUsers: number;
  subscriptionEvents: number;
}

export type Measure = keyof AppDay;

/** Per-app constants drawn once from the seed: what kind of app it is. */
export interface AppProfile {
  impressionsPerDay: number;
  pageViewRate: number;
  uniquePageViewRatio: number;
  /** First-time downloads ÷ unique product page views. */
  conversion: number;
  redownloadRate: number;
  /** Active devices per daily first-time download (the installed base). */
  installedBase: number;
  sessionsPerDevice: number;
  sessionSeconds: number;
  crashRate: number;
  payingRate: number;
  proceedsRate: number;
  optInRate: number;
  /** Multiplier on Saturdays and Sundays (consumer apps > 1). */
  weekendLift: number;
  growthPerYear: number;
}

/** What a purchase buys: the Purchases report's content, its share of purchases and its price. */
export const CONTENT_MIX = [
  { purchaseType: 'In-App Purchase', content: 'Gems 100', share: 0.4, priceCents: 99 },
  { purchaseType: 'In-App Purchase', content: 'Gems 500', share: 0.2, priceCents: 499 },
  { purchaseType: 'In-App Purchase', content: 'Pro Unlock', share: 0.15, priceCents: 999 },
  { purchaseType: 'Auto-Renewable Subscription', content: 'Season Pass', share: 0.25, priceCents: 1499 },
] as const;
export const AVERAGE_PRICE_CENTS = CONTENT_MIX.reduce((sum, c) => sum + c.share * c.priceCents, 0);

const TREND_ORIGIN_DAY = 19_723; // 2024-01-01
/** Share of the day's updates installed by hand (the rest update automatically). */
const MANUAL_UPDATE_SHARE = 0.002;

export function appProfile(seed: number, app: ModelApp): AppProfile {
  const key = hashOf(seed, app.id, 'profile');
  const h = (tag: number) => mix32(key, tag);
  return {
    impressionsPerDay: 24_000 * app.activity * between(h(1), 0.8, 1.25),
    pageViewRate: between(h(2), 0.09, 0.14),
    uniquePageViewRatio: between(h(3), 0.78, 0.86),
    conversion: between(h(4), 0.032, 0.046),
    redownloadRate: between(h(5), 0.22, 0.38),
    installedBase: between(h(6), 35, 60),
    sessionsPerDevice: between(h(7), 1.3, 2.2),
    sessionSeconds: between(h(8), 110, 380),
    crashRate: between(h(9), 0.01, 0.02),
    payingRate: app.commerce ? between(h(10), 0.012, 0.02) : 0,
    proceedsRate: between(h(11), 0.72, 0.78),
    optInRate: between(h(12), 0.3, 0.5),
    weekendLift: between(h(13), 1.08, 1.3),
    growthPerYear: between(h(14), -0.05, 0.25),
  };
}

/** The level of interest on a day relative to the app's average: trend × weekday × noise. */
function levelOn(seed: number, app: ModelApp, profile: AppProfile, day: number): number {
  const weekday = weekdayOf(day);
  const weekend = weekday === 0 || weekday === 6 ? profile.weekendLift : 1;
  const trend = Math.exp((profile.growthPerYear * (day - TREND_ORIGIN_DAY)) / 365);
  return weekend * trend * jitterOf(mix32(hashOf(seed, app.id, 'level'), day), 0.07);
}

/** The app's totals on one day (UTC day number). */
export function appDay(seed: number, app: ModelApp, day: number): AppDay {
  const p = appProfile(seed, app);
  const dayKey = mix32(hashOf(seed, app.id, 'day'), day);
  const j = (tag: number, spread: number) => jitterOf(mix32(dayKey, tag), spread);
  const level = levelOn(seed, app, p, day);
  const impressions = Math.round(p.impressionsPerDay * level);
  const pageViews = Math.round(impressions * p.pageViewRate * j(1, 0.04));
  const uniquePageViews = Math.round(pageViews * p.uniquePageViewRatio);
  const firstTimeDownloads = Math.round(uniquePageViews * p.conversion * j(2, 0.06));
  const redownloads = Math.round(firstTimeDownloads * p.redownloadRate * j(3, 0.08));
  const typicalDownloads = p.impressionsPerDay * p.pageViewRate * p.uniquePageViewRatio * p.conversion;
  const activeDevices = Math.round(typicalDownloads * p.installedBase * Math.sqrt(level) * j(4, 0.03));
  const updated = Math.round(activeDevices * (updatedShareOn(seed, app.id, day) + 0.004));
  // Updates by hand happen on a visit to the store, so they keep its weekday rhythm; they are few,
  // so that installs stay what App Store Connect shows: downloads plus restores.
  const manualUpdates = Math.min(updated, Math.round(updated * MANUAL_UPDATE_SHARE * Math.sqrt(level)));
  const sessions = Math.round(activeDevices * p.sessionsPerDevice * j(5, 0.03));
  const purchases = Math.round(activeDevices * p.payingRate * level * j(6, 0.1));
  const salesCents = Math.round(purchases * AVERAGE_PRICE_CENTS * j(7, 0.04));
  const optInDownloadingUsers = firstTimeDownloads + redownloads;
  return {
    impressions, pageViews, uniquePageViews,
    taps: Math.round((firstTimeDownloads + redownloads) * 1.3 * j(8, 0.05)),
    firstTimeDownloads, redownloads,
    manualUpdates, autoUpdates: updated - manualUpdates,
    restores: Math.round(firstTimeDownloads * 0.05 * j(9, 0.2)),
    deletions: Math.round((firstTimeDownloads + redownloads) * 0.45 * j(10, 0.1)),
    activeDevices, sessions,
    sessionSeconds: Math.round(sessions * p.sessionSeconds * j(11, 0.05)),
    crashes: Math.round(sessions * p.crashRate * j(12, 0.2)),
    purchases, salesCents, proceedsCents: Math.round(salesCents * p.proceedsRate),
    payingUsers: Math.round(purchases * 0.85),
    optInDownloadingUsers, optInUsers: Math.round(optInDownloadingUsers * p.optInRate),
    subscriptionEvents: app.commerce ? Math.round(activeDevices * 0.006 * j(13, 0.1)) : 0,
  };
}

/** Sum of the daily totals over [fromDay, toDay] (inclusive): what a week or month row set adds to. */
export function appPeriod(seed: number, app: ModelApp, fromDay: number, toDay: number): AppDay {
  const total = appDay(seed, app, fromDay);
  for (let day = fromDay + 1; day <= toDay; day++) {
    const next = appDay(seed, app, day);
    for (const key of Object.keys(total) as Measure[]) total[key] += next[key];
  }
  return total;
}
