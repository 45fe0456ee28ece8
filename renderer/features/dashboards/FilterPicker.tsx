// One filter of the controls (territory, device, source type, platform version): its values come
// from insights:filterValues for the chosen apps, loaded when the list first opens.
import { useEffect, useState, type ReactNode } from 'react';
import { MAX_FILTER_VALUES, type DashboardControls, type FilterDimension } from '../../../shared/dashboards';
import { useClient } from '../../ipc/ClientContext';
import { invokeDashboard } from './dashboardClient';
import { MultiSelect } from './MultiSelect';

export const FILTER_LABELS: Record<FilterDimension, string> = {
  territory: 'Territory',
  device: 'Device',
  sourceType: 'Source type',
  platformVersion: 'Platform version',
};

type Values = { state: 'idle' } | { state: 'loading' } | { state: 'ready'; values: string[] } | { state: 'error'; message: string };

export function FilterPicker({ dimension, apps, selected, onChange }: { dimension: FilterDimension; apps: DashboardControls['apps']; selected: string[]; onChange: (values: string[]) => void }) {
  const client = useClient();
  const [values, setValues] = useState<Values>({ state: 'idle' });
  const appsKey = JSON.stringify(apps);
  // Other apps have other values: forget the list and load again on the next open.
  useEffect(() => setValues({ state: 'idle' }), [appsKey]);
  const load = () => {
    if (values.state === 'loading' || values.state === 'ready') return;
    setValues({ state: 'loading' });
    invokeDashboard(client, 'insights:filterValues', { apps, dimension }).then(
      (list) => setValues({ state: 'ready', values: list }),
      (err: unknown) => setValues({ state: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
  };
  let status: ReactNode;
  if (values.state === 'loading' || values.state === 'idle') status = <span className="muted" role="status">Loading values…</span>;
  else if (values.state === 'error') status = <span className="error" role="alert">{values.message}</span>;
  else if (values.values.length === 0 && selected.length === 0) status = <span className="muted">No values in the loaded reports</span>;
  const options = values.state === 'ready' ? values.values.map((v) => ({ value: v, label: v })) : [];
  return (
    <MultiSelect label={FILTER_LABELS[dimension]} options={options} selected={selected} status={status} onOpen={load}
      onChange={(next) => onChange(next.slice(0, MAX_FILTER_VALUES))} />
  );
}
