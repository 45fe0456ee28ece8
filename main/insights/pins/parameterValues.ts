// The SQL literal each dashboard parameter becomes under a set of controls. The controls were
// checked by the IPC schema; they are checked again here because the result is spliced into SQL.
import type { DashboardControls } from '../../../shared/dashboards';
import { DASHBOARD_GRANULARITIES } from '../../../shared/dashboards';
import { OrchardError } from '../../../shared/errors';
import type { PinParameter } from '../../../shared/pins';
import { sqlDate, sqlString } from '../../warehouse/sql';

const APP_ID = /^\d{1,20}$/;

/**
 * Every app with data in the warehouse (or listed from Apple): what `:apps` means when the controls
 * say "all apps". Resolved to literals before the query runs, since a subquery's VARCHAR IDs would
 * not compare with the BIGINT `app_apple_identifier` columns (string literals cast to either).
 */
export const KNOWN_APPS_SQL = 'SELECT app_id FROM orchard.vintages UNION SELECT app_id FROM orchard.apps ORDER BY 1';

/** Whether resolving the literals needs the list of known apps. */
export function needsKnownApps(names: readonly PinParameter[], controls: DashboardControls): boolean {
  return controls.apps === 'all' && names.includes('apps');
}

function appIds(controls: DashboardControls): string[] | 'all' {
  if (controls.apps === 'all') return 'all';
  for (const id of controls.apps) if (!APP_ID.test(id)) throw new OrchardError('BAD_INPUT', 'An App Store app ID is numeric.');
  return controls.apps;
}

function date(value: string, which: string): string {
  try {
    return sqlDate(value);
  } catch {
    throw new OrchardError('BAD_INPUT', `The ${which} date must be YYYY-MM-DD.`);
  }
}

/**
 * The literal for one parameter:
 * - `:app` → `'123'`: exactly one app must be chosen (a query reading one app would otherwise
 *   silently show only the first of several);
 * - `:apps` → `('123', '456')` (with "all apps": every app in the warehouse); use it as `x IN :apps`;
 * - `:from`, `:to` → `DATE 'YYYY-MM-DD'`; `:granularity` → `'DAILY'` | `'WEEKLY'` | `'MONTHLY'`.
 */
export function parameterLiteral(name: PinParameter, controls: DashboardControls, knownApps: readonly string[] = []): string {
  switch (name) {
    case 'app': {
      const ids = appIds(controls);
      if (ids === 'all' || ids.length !== 1) {
        throw new OrchardError('BAD_INPUT', 'This query reads :app, one app: choose a single app in the Insights controls, or write `IN :apps` in the query to read several.');
      }
      return sqlString(ids[0] ?? '');
    }
    case 'apps': {
      const ids = appIds(controls);
      const list = ids === 'all' ? knownApps.filter((id) => APP_ID.test(id)) : ids;
      // `x IN (NULL)` matches nothing: no app known yet, no rows.
      return list.length === 0 ? '(NULL)' : `(${list.map(sqlString).join(', ')})`;
    }
    case 'from':
      return date(controls.from, 'start');
    case 'to':
      return date(controls.to, 'end');
    case 'granularity':
      if (!(DASHBOARD_GRANULARITIES as readonly string[]).includes(controls.granularity)) throw new OrchardError('BAD_INPUT', 'Unknown granularity.');
      return sqlString(controls.granularity);
  }
}

export function parameterLiterals(names: readonly PinParameter[], controls: DashboardControls, knownApps: readonly string[] = []): { name: PinParameter; literal: string }[] {
  return names.map((name) => ({ name, literal: parameterLiteral(name, controls, knownApps) }));
}
