// The fake's Sales and Trends rows come from the same app model as its analytics reports: first-time
// download units equal the model's first-time downloads, in-app units its purchases, per app and day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appDay } from '../model/appModel';
import { startFakeAsc } from '../fake';
import type { FakeAsc } from '../types';
import { productGroup } from './salesState';

let fake: FakeAsc;
beforeAll(async () => {
  fake = await startFakeAsc({ now: new Date('2025-03-03T10:00:00Z'), seed: 5 });
  fake.addApp({ id: '1476097583', name: 'Example App', bundleId: 'com.example.app', sku: 'EXAMPLE', activity: 3 });
  fake.addApp({ id: '1476097584', name: 'Free Tool', bundleId: 'com.example.tool', sku: 'TOOL', commerce: false });
});
afterAll(() => fake.close());

describe('sales rows and the app model', () => {
  it('first-time download units and in-app units equal the model, per app and day', () => {
    for (const day of ['2025-01-04', '2025-02-11', '2025-03-01']) {
      const rows = fake.sales.dailyRows(day);
      const dayNumber = Math.floor(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
      for (const [id, commerce, activity] of [['1476097583', true, 3], ['1476097584', false, 1]] as const) {
        const model = appDay(5, { id, activity, commerce }, dayNumber);
        const mine = rows.filter((r) => r.appId === id);
        const sum = (group: string) => mine.filter((r) => productGroup(r.productType) === group && r.units > 0).reduce((n, r) => n + r.units, 0);
        expect(sum('download')).toBe(model.firstTimeDownloads);
        expect(sum('redownload')).toBe(model.redownloads);
        expect(sum('iap') + sum('subscription')).toBe(commerce ? model.purchases : 0);
      }
    }
  });
});
