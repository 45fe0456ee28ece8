// The subscription family against the fake: SUBSCRIPTION (with count columns that grow and one
// column nobody knows), SUBSCRIPTION_EVENT, SUBSCRIBER and SUBSCRIPTION_OFFER_CODE_REDEMPTION each
// loaded into its own typed table, every numeric column's total equal to the fake's truth.
import { afterEach, describe, expect, it } from 'vitest';
import type { SalesReportKind } from '../../../shared/sales';
import type { SubscriptionFamily } from '../../fake-asc/sales/salesState';
import { startSalesHarness, type SalesHarness } from './salesHarness';

let h: SalesHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const daily = (reportType: string, reportSubType = 'SUMMARY'): SalesReportKind => ({ reportType, reportSubType, frequency: 'DAILY' });
// The harness's clock is 2025-03-03 10:00 UTC: the six days back are 02-25 … 03-02, and 03-02 is not published yet.
const FROM = '2025-02-25';
const TO = '2025-03-01';

async function typesOf(harness: SalesHarness, table: string, columns: string[]): Promise<Record<string, string>> {
  const rows = await harness.sql(`SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = 'sales' AND table_name = '${table}'
    AND column_name IN (${columns.map((c) => `'${c}'`).join(', ')})`);
  return Object.fromEntries(rows.map((r) => [String(r.column_name), String(r.data_type)]));
}

async function sums(harness: SalesHarness, table: string, columns: Record<string, string>): Promise<Record<string, number>> {
  const select = Object.entries(columns).map(([header, column]) => `CAST(sum(${column}) AS VARCHAR) AS "${header}"`);
  const [row] = await harness.sql(`SELECT count(*) AS rows, ${select.join(', ')} FROM sales.${table}`);
  return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v)]));
}

describe('Subscription reports', () => {
  it('loads all four daily subscription reports typed, unknown columns kept, totals equal to the truth', { timeout: 150_000 }, async () => {
    h = await startSalesHarness();
    h.fake.sales.subscriptionColumnsGrowFrom = '2025-02-28';
    const kinds = [daily('SUBSCRIPTION'), daily('SUBSCRIPTION_EVENT'), daily('SUBSCRIBER', 'DETAILED'), daily('SUBSCRIPTION_OFFER_CODE_REDEMPTION')];
    const summary = await h.sync(kinds, { days: 6 });
    expect(summary.errors).toEqual([]);
    expect(summary.outcomes).toMatchObject({ loaded: 20, 'not-yet': 4, error: 0 });

    expect(await typesOf(h, 'subscription_summary', ['active_standard_price_subscriptions', 'free_trial_offer_code_subscriptions', 'pay_as_you_go_win_back_offers', 'subscription_health_flag', 'developer_proceeds'])).toEqual({
      active_standard_price_subscriptions: 'BIGINT', free_trial_offer_code_subscriptions: 'BIGINT', pay_as_you_go_win_back_offers: 'BIGINT',
      subscription_health_flag: 'VARCHAR', developer_proceeds: 'DECIMAL(18,4)',
    });
    expect(await typesOf(h, 'subscription_event_summary', ['event_date', 'original_start_date', 'quantity', 'days_before_canceling', 'event'])).toEqual({
      event_date: 'DATE', original_start_date: 'DATE', quantity: 'DECIMAL(18,2)', days_before_canceling: 'BIGINT', event: 'VARCHAR',
    });
    expect(await typesOf(h, 'subscriber_detailed', ['event_date', 'purchase_date', 'units', 'customer_price', 'subscriber_id'])).toEqual({
      event_date: 'DATE', purchase_date: 'DATE', units: 'DECIMAL(18,2)', customer_price: 'DECIMAL(18,4)', subscriber_id: 'VARCHAR',
    });
    expect(await typesOf(h, 'subscription_offer_code_redemption_summary', ['date', 'redemptions', 'offer_code'])).toEqual({
      date: 'DATE', redemptions: 'BIGINT', offer_code: 'VARCHAR',
    });

    const truth = (type: SubscriptionFamily) => h!.fake.sales.subscriptionTruth(type, FROM, TO);
    const subscription = truth('SUBSCRIPTION');
    expect(await sums(h, 'subscription_summary', {
      'Active Standard Price Subscriptions': 'active_standard_price_subscriptions', 'Subscribers': 'subscribers',
      'Free Trial Offer Code Subscriptions': 'free_trial_offer_code_subscriptions', 'Pay As You Go Win-back Offers': 'pay_as_you_go_win_back_offers',
    })).toEqual({
      rows: subscription.rows, 'Active Standard Price Subscriptions': subscription['Active Standard Price Subscriptions'], 'Subscribers': subscription.Subscribers,
      'Free Trial Offer Code Subscriptions': subscription['Free Trial Offer Code Subscriptions'], 'Pay As You Go Win-back Offers': subscription['Pay As You Go Win-back Offers'],
    });
    // The unknown column is there only from the day the columns grew, with its text as Apple wrote it.
    expect(await h.sql(`SELECT strftime(f.report_date, '%Y-%m-%d') AS d, count(subscription_health_flag) > 0 AS kept
      FROM sales.subscription_summary JOIN sales.files AS f ON f.file_id = _file_id GROUP BY 1 ORDER BY 1`))
      .toEqual([['2025-02-25', false], ['2025-02-26', false], ['2025-02-27', false], ['2025-02-28', true], ['2025-03-01', true]].map(([d, kept]) => ({ d, kept })));

    const events = truth('SUBSCRIPTION_EVENT');
    expect(await sums(h, 'subscription_event_summary', { Quantity: 'quantity' })).toEqual({ rows: events.rows, Quantity: events.Quantity });
    const subscriber = truth('SUBSCRIBER');
    expect(await sums(h, 'subscriber_detailed', { Units: 'units' })).toEqual({ rows: subscriber.rows, Units: subscriber.Units });
    const redemptions = truth('SUBSCRIPTION_OFFER_CODE_REDEMPTION');
    expect(await sums(h, 'subscription_offer_code_redemption_summary', { Redemptions: 'redemptions' })).toEqual({ rows: redemptions.rows, Redemptions: redemptions.Redemptions });

    // Dates parsed whichever way the file writes them (ISO in event files, MM/DD/YYYY in redemptions), each row on its own day.
    const misdated = await h.sql(`SELECT count(*) AS n FROM sales.subscription_event_summary JOIN sales.files AS f ON f.file_id = _file_id WHERE event_date <> f.report_date
      UNION ALL SELECT count(*) FROM sales.subscription_offer_code_redemption_summary JOIN sales.files AS f ON f.file_id = _file_id WHERE date <> f.report_date`);
    expect(misdated).toEqual([{ n: '0' }, { n: '0' }]);
    expect(events.rows).toBeGreaterThan(0);
    expect(redemptions.rows).toBeGreaterThan(0);
  });
});
