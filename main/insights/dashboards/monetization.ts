// Monetization: what people pay — proceeds and purchases over time, by territory and by product,
// and paying users exactly as Apple publishes them.
import { col, measure, meaningOf } from './catalogueRefs';
import { PURCHASES, uniqueNoteFor } from './reports';
import type { TileSpec } from './spec';

const proceeds = measure('Proceeds (USD)', PURCHASES, 'Proceeds in USD');
const sales = measure('Sales (USD)', PURCHASES, 'Sales in USD');
const purchases = measure('Purchases', PURCHASES, 'Purchases');

export const MONETIZATION: readonly TileSpec[] = [
  { id: 'proceeds-trend', title: 'Proceeds and sales (USD)', unit: 'usd',
    meaning: `${meaningOf(PURCHASES, 'Proceeds in USD')} ${meaningOf(PURCHASES, 'Sales in USD')} Sums of ${PURCHASES}.`,
    shape: { kind: 'trend', series: [proceeds, sales] } },
  { id: 'purchases-trend', title: 'Purchases', unit: 'count',
    meaning: `${meaningOf(PURCHASES, 'Purchases')} Sum of Purchases.`,
    shape: { kind: 'trend', series: [purchases] } },
  { id: 'proceeds-by-territory', title: 'Proceeds by territory (USD)', unit: 'usd',
    meaning: `${meaningOf(PURCHASES, 'Proceeds in USD')} Per ${meaningOf(PURCHASES, 'Territory')}`,
    shape: { kind: 'ranked', measure: proceeds, by: col(PURCHASES, 'Territory') } },
  { id: 'proceeds-by-content', title: 'Proceeds by product (USD)', unit: 'usd',
    meaning: `${meaningOf(PURCHASES, 'Proceeds in USD')} Per ${meaningOf(PURCHASES, 'Content Name')}`,
    shape: { kind: 'ranked', measure: proceeds, by: col(PURCHASES, 'Content Name') } },
  { id: 'purchases-by-type', title: 'Purchases by purchase type', unit: 'count',
    meaning: `${meaningOf(PURCHASES, 'Purchases')} Split by ${meaningOf(PURCHASES, 'Purchase Type')}`,
    shape: { kind: 'mix', measure: purchases, by: col(PURCHASES, 'Purchase Type') } },
  { id: 'paying-users', title: 'Paying users (as Apple publishes them)', unit: 'count',
    meaning: meaningOf(PURCHASES, 'Paying Users'),
    uniqueNote: uniqueNoteFor('Paying Users', PURCHASES),
    shape: { kind: 'grain', report: PURCHASES, column: col(PURCHASES, 'Paying Users') } },
];
