// Apple's fiscal months (4-4-5 week pattern, years ending the last Saturday of September) as the
// fake uses them; Orchard ships its own copy as a table. Both are marked uncertain in the README.

export const FAKE_FISCAL_MONTHS: ReadonlyArray<readonly [string, string, string]> = [
  ['2024-10', '2024-09-29', '2024-11-02'], ['2024-11', '2024-11-03', '2024-11-30'], ['2024-12', '2024-12-01', '2024-12-28'],
  ['2025-01', '2024-12-29', '2025-02-01'], ['2025-02', '2025-02-02', '2025-03-01'], ['2025-03', '2025-03-02', '2025-03-29'],
  ['2025-04', '2025-03-30', '2025-05-03'], ['2025-05', '2025-05-04', '2025-05-31'], ['2025-06', '2025-06-01', '2025-06-28'],
];
