// Every report the dashboard pages read (named, unresolved), for reading their metadata at once.
import { ACQUISITION } from './acquisition';
import { MONETIZATION } from './monetization';
import { PERFORMANCE } from './performance';
import { reportsOfShape } from './sqlBuilder';
import { USAGE } from './usage';

export const PAGE_REPORTS: readonly string[] = [...new Set([...ACQUISITION, ...MONETIZATION, ...USAGE, ...PERFORMANCE]
  .flatMap((t) => reportsOfShape(t.shape)))];
