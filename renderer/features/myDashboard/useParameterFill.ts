// The workbench side of dashboard parameters: a statement that declares `:app`, `:apps`, `:from`,
// `:to` or `:granularity` runs with the Insights controls' current values (main fills them, with
// the same literals a pinned tile gets), so a query can be tried, charted and pinned as written.
import { useCallback } from 'react';
import { declaredParameters } from '../../../shared/sqlParameters';
import { useClient } from '../../ipc/ClientContext';
import { useSelectedApp } from '../../app/selectedApp';
import { useDashboardControls } from '../dashboards/useDashboardControls';
import type { StatementRange } from '../workbench/statements';

const declares = (sql: string) => declaredParameters(sql).length > 0;

export interface FilledTargets {
  targets: StatementRange[];
  /** What the parameters became, for the status line; empty when none was declared. */
  note: string;
}

export function useParameterFill(): (targets: StatementRange[]) => Promise<FilledTargets> {
  const client = useClient();
  const { controls } = useDashboardControls(useSelectedApp().appId);
  return useCallback(
    async (targets) => {
      if (!targets.some((t) => declares(t.text))) return { targets, note: '' };
      if (controls === null) throw new Error('This query declares dashboard parameters: choose an app and a date range in Insights first.');
      const used = new Map<string, string>();
      const filled = await Promise.all(
        targets.map(async (target) => {
          if (!declares(target.text)) return target;
          const { sql, parameters } = await client.invoke('pins:fill', { sql: target.text, controls });
          for (const p of parameters) used.set(p.name, p.literal);
          return { ...target, text: sql };
        }),
      );
      const note = used.size === 0 ? '' : `Parameters from the Insights controls: ${[...used].map(([name, literal]) => `:${name} = ${literal}`).join(', ')}.`;
      return { targets: filled, note };
    },
    [client, controls],
  );
}
