// The SQL literal each dashboard parameter becomes under a set of controls. The controls were
// checked by the IPC schema; they are checked again here because the result is spliced into SQL.
import type { DashboardControls } from '../../../shared/dashboards';
import { DASHBOARD_GRANULARITIES } from '../../../shared/dashboards';
import { OrchardError } from '../../../shared/errors';
import type { PinParameter } from '../../../shared/pins';
import { sqlDate, sqlString } from '../../warehouse/sql';

const APP_ID = /^\d{1,20}$/;

/** Every app Orchard knows: what `:apps` means when the controls say "all apps". */
export const ALL_APPS_SQL = '(SELECT app_id FROM orchard.apps)';

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
 * - `:apps` → `('123', '456')`, or every known app's ID as a subquery; use it as `x IN :apps`;
 * - `:from`, `:to` → `DATE 'YYYY-MM-DD'`; `:granularity` → `'DAILY'` | `'WEEKLY'` | `'MONTHLY'`.
 */
export function parameterLiteral(name: PinParameter, controls: DashboardControls): string {
  switch (name) {
    case 'app': {
      const ids = appIds(controls);
      if (ids === 'all' || ids.length !== 1) {
        throw new OrchardError('BAD_INPUT', 'This query reads :app, one app: choose a single app above, or write `IN :apps` in the query to read several.');
      }
      return sqlString(ids[0] ?? '');
    }
    case 'apps': {
      const ids = appIds(controls);
      return ids === 'all' ? ALL_APPS_SQL : `(${ids.map(sqlString).join(', ')})`;
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

export function parameterLiterals(names: readonly PinParameter[], controls: DashboardControls): { name: PinParameter; literal: string }[] {
  return names.map((name) => ({ name, literal: parameterLiteral(name, controls) }));
}
