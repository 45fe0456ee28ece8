// The controls every dashboard tile shares: which apps, which dates, at which granularity, with
// which filters, compared with what, and how many ranked values. Each change re-asks every tile.
import { DASHBOARD_GRANULARITIES, FILTER_DIMENSIONS, TOP_N_RANGE, type Comparison, type DashboardGranularity } from '../../../shared/dashboards';
import { appLabel, useSelectedApp } from '../../app/selectedApp';
import { RANGE_PRESETS, rangeOf, type RangePreset } from './controlsModel';
import { FilterPicker } from './FilterPicker';
import { MultiSelect } from './MultiSelect';
import type { DashboardControlsHandle } from './useDashboardControls';

const GRANULARITY_LABELS: Record<DashboardGranularity, string> = { DAILY: 'Daily', WEEKLY: 'Weekly', MONTHLY: 'Monthly' };
const COMPARE_LABELS: Record<Comparison, string> = { none: 'No comparison', previous: 'Previous period', yearAgo: 'A year ago' };

export function ControlsBar({ handle, busy, onStop }: { handle: DashboardControlsHandle; busy: boolean; onStop: () => void }) {
  const { state, update, controls } = handle;
  const selected = useSelectedApp();
  const appMode = Array.isArray(state.apps) ? 'several' : state.apps;
  const setRange = (range: RangePreset) => {
    // A custom range starts from the one on screen, so the user only nudges it.
    if (range === 'custom') update({ range, ...(() => { const r = rangeOf(state, new Date()); return { customFrom: r.from, customTo: r.to }; })() });
    else update({ range });
  };
  return (
    <div className="dash-controls" role="group" aria-label="Dashboard controls">
      <label className="inline-control">
        <span className="muted">Apps</span>
        <select aria-label="Apps" value={appMode} onChange={(e) => {
          const mode = e.target.value;
          update({ apps: mode === 'several' ? (selected.appId ? [selected.appId] : []) : (mode as 'selected' | 'all') });
        }}>
          <option value="selected">{appLabel(selected) ?? 'Selected app'}</option>
          <option value="all">All apps</option>
          <option value="several">Several apps…</option>
        </select>
      </label>
      {Array.isArray(state.apps) && (
        <MultiSelect label="Chosen apps" anyLabel="none" options={selected.apps.map((a) => ({ value: a.id, label: a.name }))} selected={state.apps} onChange={(apps) => update({ apps })} />
      )}
      <label className="inline-control">
        <span className="muted">Range</span>
        <select aria-label="Date range" value={state.range} onChange={(e) => setRange(e.target.value as RangePreset)}>
          {RANGE_PRESETS.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
          <option value="custom">Custom…</option>
        </select>
      </label>
      {state.range === 'custom' && (
        <>
          <label className="inline-control"><span className="muted">From</span>
            <input type="date" aria-label="From" value={state.customFrom} max={state.customTo} onChange={(e) => e.target.value && update({ customFrom: e.target.value })} />
          </label>
          <label className="inline-control"><span className="muted">To</span>
            <input type="date" aria-label="To" value={state.customTo} min={state.customFrom} onChange={(e) => e.target.value && update({ customTo: e.target.value })} />
          </label>
        </>
      )}
      <div role="radiogroup" aria-label="Granularity" className="segmented">
        {DASHBOARD_GRANULARITIES.map((g) => (
          <button key={g} type="button" role="radio" aria-checked={state.granularity === g} onClick={() => update({ granularity: g })}>{GRANULARITY_LABELS[g]}</button>
        ))}
      </div>
      <label className="inline-control">
        <span className="muted">Compare</span>
        <select aria-label="Compare with" value={state.compare} onChange={(e) => update({ compare: e.target.value as Comparison })}>
          {(Object.keys(COMPARE_LABELS) as Comparison[]).map((c) => <option key={c} value={c}>{COMPARE_LABELS[c]}</option>)}
        </select>
      </label>
      <label className="inline-control">
        <span className="muted">Top</span>
        <input type="number" aria-label="Top N" className="top-n" min={TOP_N_RANGE.min} max={TOP_N_RANGE.max} value={state.topN}
          onChange={(e) => { const n = Number(e.target.value); if (Number.isInteger(n) && n >= TOP_N_RANGE.min && n <= TOP_N_RANGE.max) update({ topN: n }); }} />
      </label>
      <div className="dash-filters" role="group" aria-label="Filters">
        {controls && FILTER_DIMENSIONS.map((d) => (
          <FilterPicker key={d} dimension={d} apps={controls.apps} selected={state.filters[d] ?? []} onChange={(values) => update({ filters: { ...state.filters, [d]: values } })} />
        ))}
      </div>
      {busy && <button type="button" onClick={onStop}>Stop</button>}
      {controls === null && (
        <p className="muted dash-controls-hint" role="status">
          {state.range === 'custom' ? 'Choose a range whose start is before its end (at most three years).' : 'Choose an app to see its dashboards.'}
        </p>
      )}
    </div>
  );
}
