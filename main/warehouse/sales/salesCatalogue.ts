// Reference data for Sales and Trends: the 28-column Summary Sales header (file version 1_0) and
// Apple's product type identifiers grouped the way users count them (fact sheet §1.8).

export const SALES_HEADER_28 = [
  'Provider', 'Provider Country', 'SKU', 'Developer', 'Title', 'Version', 'Product Type Identifier', 'Units',
  'Developer Proceeds', 'Begin Date', 'End Date', 'Customer Currency', 'Country Code', 'Currency of Proceeds',
  'Apple Identifier', 'Customer Price', 'Promo Code', 'Parent Identifier', 'Subscription', 'Period', 'Category',
  'CMB', 'Device', 'Supported Platforms', 'Proceeds Reason', 'Preserved Pricing', 'Client', 'Order Type',
] as const;

/** [code, group, description]. "Downloads" means the first-download group only. */
export const PRODUCT_TYPES: ReadonlyArray<readonly [string, string, string]> = [
  ['1', 'first-time download', 'Free or paid app, iPhone and iPod touch (iOS)'],
  ['1F', 'first-time download', 'Free or paid app, universal (iOS)'],
  ['1T', 'first-time download', 'Free or paid app, iPad (iOS)'],
  ['F1', 'first-time download', 'Free or paid app, Mac'],
  ['1-B', 'first-time download', 'App bundle (iOS)'],
  ['F1-B', 'first-time download', 'App bundle (Mac)'],
  ['1E', 'first-time download', 'Paid app, custom (iOS)'],
  ['1EP', 'first-time download', 'Paid app, custom (iPad)'],
  ['1EU', 'first-time download', 'Paid app, custom (universal)'],
  ['3', 'redownload', 'Redownload (iOS)'],
  ['3F', 'redownload', 'Redownload, universal (iOS)'],
  ['7', 'update', 'Update (iPhone and iPod touch)'],
  ['7F', 'update', 'Update, universal (iOS)'],
  ['7T', 'update', 'Update (iPad)'],
  ['F7', 'update', 'Update (Mac)'],
  ['IA1', 'in-app purchase', 'In-app purchase (iOS)'],
  ['IA1-M', 'in-app purchase', 'In-app purchase (Mac)'],
  ['FI1', 'in-app purchase', 'In-app purchase (Mac)'],
  ['IA3', 'restored in-app purchase', 'Restored non-consumable in-app purchase'],
  ['IA9', 'subscription', 'Non-renewing subscription (iOS)'],
  ['IA9-M', 'subscription', 'Non-renewing subscription (Mac)'],
  ['IAY', 'subscription', 'Auto-renewable subscription (iOS)'],
  ['IAY-M', 'subscription', 'Auto-renewable subscription (Mac)'],
];
