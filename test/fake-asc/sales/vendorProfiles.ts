// Vendors the way real ones differ, for property tests: a seed picks the details (how many apps,
// how busy, which days sold nothing) on top of a named profile, so the fake disagrees with any one
// assumption the client could have made (every kind has files, every vendor has finance rows…).

import { DAY_MS } from '../dates';
import { hashOf, unitOf } from '../hash';
import type { FakeAsc, KeyRole } from '../types';

export const PROFILE_NAMES = [
  'no-subscriptions', 'iap-only', 'free-only', 'one-territory', 'jpy-only', 'thirty-apps', 'never-sells', 'no-finance-role', 'new-account',
] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

export interface VendorProfile {
  name: ProfileName;
  seed: number;
  /** The key's role: without Finance or Admin, finance is refused (403). */
  role: KeyRole;
  /** Applies the profile to a fresh fake (apps and sales switches), relative to its clock. */
  apply(fake: FakeAsc): void;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function vendorProfile(name: ProfileName, seed: number): VendorProfile {
  const pick = (what: string) => unitOf(hashOf(seed, name, what));
  const appCount = name === 'thirty-apps' ? 30 : 1 + Math.floor(pick('apps') * 3);
  return {
    name, seed, role: name === 'no-finance-role' ? 'SALES_AND_REPORTS' : pick('role') < 0.5 ? 'ADMIN' : 'FINANCE',
    apply(fake) {
      for (let i = 0; i < appCount; i++) {
        const commerce = name !== 'free-only' && (i === 0 || pick(`commerce${i}`) < 0.6);
        fake.addApp({
          id: String(1_476_097_583 + i), name: `Vendor app ${i}`, bundleId: `com.vendor.app${i}`, sku: `SKU${i}`, commerce,
          activity: name === 'thirty-apps' ? 0.1 + pick(`activity${i}`) * 0.3 : 0.3 + pick(`activity${i}`) * 1.5,
        });
      }
      const sales = fake.sales;
      sales.sellsSubscriptions = !['no-subscriptions', 'iap-only', 'free-only'].includes(name);
      if (name === 'one-territory') sales.territories = new Set(['US']);
      if (name === 'jpy-only') sales.territories = new Set(['JP']);
      const today = Math.floor(fake.clock.now().getTime() / DAY_MS) * DAY_MS;
      if (name === 'new-account') sales.openedOn = isoDay(today - (4 + Math.floor(pick('opened') * 5)) * DAY_MS);
      // Days that sold nothing: every one for a vendor that never sells, a few at random otherwise.
      for (let d = 1; d <= 100; d++) {
        if (name === 'never-sells' || pick(`quiet${d}`) < 0.08) sales.noSalesDays.add(isoDay(today - d * DAY_MS));
        if (name === 'never-sells') sales.noSalesDays.add(isoDay(today + d * DAY_MS));
      }
    },
  };
}
