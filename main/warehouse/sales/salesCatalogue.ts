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

/** FINANCIAL report columns (22; fact sheet §2). */
export const FINANCIAL_HEADER = [
  'Start Date', 'End Date', 'UPC', 'ISRC/ISBN', 'Vendor Identifier', 'Quantity', 'Partner Share', 'Extended Partner Share',
  'Partner Share Currency', 'Sales or Return', 'Apple Identifier', 'Artist/Show/Developer/Author', 'Title',
  'Label/Studio/Network/Developer/Publisher', 'Grid', 'Product Type Identifier', 'ISAN/Other Identifier', 'Country Of Sale',
  'Pre-order Flag', 'Promo Code', 'Customer Price', 'Customer Currency',
] as const;

/**
 * Apple fiscal months [YYYY-MM, first day, last day]: years end on the last Saturday of September,
 * quarters run 5-4-4 weeks. UNCERTAIN where Apple puts a 53rd week; users can correct the table.
 */
export const FISCAL_MONTHS: ReadonlyArray<readonly [string, string, string]> = [
  ['2023-10', '2023-10-01', '2023-11-04'], ['2023-11', '2023-11-05', '2023-12-02'], ['2023-12', '2023-12-03', '2023-12-30'],
  ['2024-01', '2023-12-31', '2024-02-03'], ['2024-02', '2024-02-04', '2024-03-02'], ['2024-03', '2024-03-03', '2024-03-30'],
  ['2024-04', '2024-03-31', '2024-05-04'], ['2024-05', '2024-05-05', '2024-06-01'], ['2024-06', '2024-06-02', '2024-06-29'],
  ['2024-07', '2024-06-30', '2024-08-03'], ['2024-08', '2024-08-04', '2024-08-31'], ['2024-09', '2024-09-01', '2024-09-28'],
  ['2024-10', '2024-09-29', '2024-11-02'], ['2024-11', '2024-11-03', '2024-11-30'], ['2024-12', '2024-12-01', '2024-12-28'],
  ['2025-01', '2024-12-29', '2025-02-01'], ['2025-02', '2025-02-02', '2025-03-01'], ['2025-03', '2025-03-02', '2025-03-29'],
  ['2025-04', '2025-03-30', '2025-05-03'], ['2025-05', '2025-05-04', '2025-05-31'], ['2025-06', '2025-06-01', '2025-06-28'],
  ['2025-07', '2025-06-29', '2025-08-02'], ['2025-08', '2025-08-03', '2025-08-30'], ['2025-09', '2025-08-31', '2025-09-27'],
  ['2025-10', '2025-09-28', '2025-11-01'], ['2025-11', '2025-11-02', '2025-11-29'], ['2025-12', '2025-11-30', '2025-12-27'],
  ['2026-01', '2025-12-28', '2026-01-31'], ['2026-02', '2026-02-01', '2026-02-28'], ['2026-03', '2026-03-01', '2026-03-28'],
  ['2026-04', '2026-03-29', '2026-05-02'], ['2026-05', '2026-05-03', '2026-05-30'], ['2026-06', '2026-05-31', '2026-06-27'],
  ['2026-07', '2026-06-28', '2026-08-01'], ['2026-08', '2026-08-02', '2026-08-29'], ['2026-09', '2026-08-30', '2026-09-26'],
  ['2026-10', '2026-09-27', '2026-10-31'], ['2026-11', '2026-11-01', '2026-11-28'], ['2026-12', '2026-11-29', '2026-12-26'],
  ['2027-01', '2026-12-27', '2027-01-30'], ['2027-02', '2027-01-31', '2027-02-27'], ['2027-03', '2027-02-28', '2027-03-27'],
  ['2027-04', '2027-03-28', '2027-05-01'], ['2027-05', '2027-05-02', '2027-05-29'], ['2027-06', '2027-05-30', '2027-06-26'],
  ['2027-07', '2027-06-27', '2027-07-31'], ['2027-08', '2027-08-01', '2027-08-28'], ['2027-09', '2027-08-29', '2027-09-25'],
];
