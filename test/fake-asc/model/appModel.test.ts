// The app model on its own: pure, deterministic, and coherent day by day for many apps and seeds.

import { describe, expect, test } from 'vitest';
import { isoToDay } from '../dates';
import { appDay, appPeriod } from './appModel';
import { devicePairsOn, OS_OF_DEVICE, territoryWeights } from './audience';
import { versionSharesOn } from './releases';

const START = isoToDay('2025-06-01') ?? 0;
const APPS = [1, 2, 3, 4, 5].map((n) => ({ id: `64470001${n}`, activity: n / 2, commerce: n % 2 === 1 }));

describe('app model', () => {
  test.each([1, 9])('seed %i: funnel, money and uniques hold on every day of a year', (seed) => {
    for (const app of APPS) {
      for (let day = START; day < START + 365; day++) {
        const d = appDay(seed, app, day);
        expect(d.impressions).toBeGreaterThan(d.pageViews);
        expect(d.pageViews).toBeGreaterThan(d.firstTimeDownloads);
        const conversion = d.firstTimeDownloads / d.uniquePageViews;
        expect(conversion).toBeGreaterThan(0.025);
        expect(conversion).toBeLessThan(0.06);
        expect(d.proceedsCents).toBeLessThanOrEqual(d.salesCents);
        expect(d.payingUsers).toBeLessThanOrEqual(d.purchases);
        expect(d.crashes).toBeLessThan(d.sessions);
        if (!app.commerce) expect(d.purchases + d.subscriptionEvents).toBe(0);
      }
    }
  });

  test('the same inputs give the same numbers; weekends are busier; a period is the sum of its days', () => {
    const app = APPS[1] ?? { id: 'x', activity: 1, commerce: true };
    expect(appDay(1, app, START)).toEqual(appDay(1, app, START));
    expect(appDay(1, app, START)).not.toEqual(appDay(2, app, START));
    const byWeekday = [0, 0, 0, 0, 0, 0, 0];
    for (let day = START; day < START + 7 * 20; day++) byWeekday[(day + 4) % 7] = (byWeekday[(day + 4) % 7] ?? 0) + appDay(1, app, day).impressions;
    expect(Math.min(byWeekday[0] ?? 0, byWeekday[6] ?? 0)).toBeGreaterThan(Math.max(...byWeekday.slice(1, 6)));
    const week = appPeriod(1, app, START, START + 6);
    let sessions = 0;
    for (let day = START; day <= START + 6; day++) sessions += appDay(1, app, day).sessions;
    expect(week.sessions).toBe(sessions);
  });

  test.each([1, 9])('seed %i: installs are downloads plus restores, and keep their weekday rhythm, over a year of releases', (seed) => {
    for (const app of APPS) {
      const weekend = { downloads: 0, installs: 0, days: 0 };
      const weekday = { downloads: 0, installs: 0, days: 0 };
      for (let day = START; day < START + 365; day++) {
        const d = appDay(seed, app, day);
        const downloads = d.firstTimeDownloads + d.redownloads;
        // What the Installation and Deletion report counts as Install: every download type but auto-updates.
        const installs = downloads + d.manualUpdates + d.restores;
        expect(installs / (downloads + d.restores), `${app.id} day ${day}`).toBeLessThanOrEqual(1.05);
        const bucket = [0, 6].includes((day + 4) % 7) ? weekend : weekday;
        bucket.downloads += downloads;
        bucket.installs += installs;
        bucket.days += 1;
      }
      const lift = (of: 'downloads' | 'installs') => weekend[of] / weekend.days / (weekday[of] / weekday.days);
      expect(Math.abs(lift('installs') - lift('downloads'))).toBeLessThan(0.02);
    }
  });

  test('the US leads the territory mix; devices run their own OS; version shares sum to 1 and move', () => {
    for (const app of APPS) {
      const top = territoryWeights(1, app.id).sort((a, b) => b.weight - a.weight);
      expect(top[0]?.value).toBe('US');
      for (const pair of devicePairsOn(1, app.id, START)) expect(pair.value.platformVersion.split(' ')[0]).toBe(OS_OF_DEVICE[pair.value.device]);
      const leaders = new Set<string>();
      for (let day = START; day < START + 60; day++) {
        const shares = versionSharesOn(1, app.id, day);
        expect(shares.reduce((sum, s) => sum + s.weight, 0)).toBeCloseTo(1, 2);
        leaders.add(shares.sort((a, b) => b.weight - a.weight)[0]?.value ?? '');
      }
      expect(leaders.size).toBeGreaterThanOrEqual(2);
    }
  });
});
