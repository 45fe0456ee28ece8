// The chart view of a result: line or bar over a date or category column, one or more numeric
// series (or the top N values of a split-by column and "Other"), aggregated by main and drawn by
// uPlot on a canvas (ChartCanvas), so hundreds of series over a month of days draw at once.
import { useEffect, useMemo, useState } from 'react';
import { CHART_AGGREGATES, type ChartAggregate, type ChartData, type QueryColumn } from '../../../shared/workbench';
import { asOrchardError, useClient } from '../../ipc/ClientContext';
import { isNumericType, isTemporalType } from './cellFormat';
import { ChartCanvas } from './ChartCanvas';
import { MAX_TOP_N, reconcileChartConfig, type ChartConfig } from './chartConfig';

interface ResultChartProps {
  resultId: string | null;
  columns: QueryColumn[];
  config: ChartConfig | null;
  onConfig: (config: ChartConfig) => void;
}

type ChartState = { state: 'idle' | 'loading' } | { state: 'ready'; data: ChartData } | { state: 'error'; message: string };

export function ResultChart({ resultId, columns, config: stored, onConfig }: ResultChartProps) {
  const client = useClient();
  const config = useMemo(() => reconcileChartConfig(stored, columns), [stored, columns]);
  const [chart, setChart] = useState<ChartState>({ state: 'idle' });
  const numeric = columns.filter((c) => isNumericType(c.type));
  // What the user is typing in "Top series"; only whole numbers in range reach the config.
  const [topDraft, setTopDraft] = useState(String(config?.topN ?? ''));
  useEffect(() => setTopDraft(String(config?.topN ?? '')), [config?.topN]);
  // Categories along x without a split are bars: the top N of them, the rest one "Other" bar.
  const xType = columns.find((c) => c.name === config?.x)?.type ?? '';
  const foldsX = config !== null && config.splitBy === null && !isNumericType(xType) && !isTemporalType(xType);
  const topN = config !== null && (config.splitBy !== null || foldsX) ? config.topN : null;
  const request = config && resultId ? JSON.stringify([resultId, config.x, config.y, config.splitBy, config.aggregate, topN]) : null;

  useEffect(() => {
    if (request === null || config === null || resultId === null) return undefined;
    let live = true;
    setChart({ state: 'loading' });
    client
      .invoke('query:chart', {
        resultId,
        x: config.x,
        y: config.y,
        aggregate: config.aggregate,
        ...(config.splitBy ? { splitBy: config.splitBy } : {}),
        ...(topN !== null ? { topN } : {}),
      })
      .then(
        (data) => live && setChart({ state: 'ready', data }),
        (e: unknown) => live && setChart({ state: 'error', message: asOrchardError(e).message }),
      );
    return () => {
      live = false;
    };
    // `request` captures every input of the query.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, request]);

  if (resultId === null) return <p className="wb-note" role="status">The chart is drawn once the whole result is counted…</p>;
  if (config === null) return <p className="wb-note" role="status">This result has no columns to chart.</p>;
  const set = (patch: Partial<ChartConfig>) => onConfig({ ...config, ...patch });
  const toggleY = (name: string, on: boolean) => {
    const y = on ? [...config.y, name] : config.y.filter((n) => n !== name);
    if (y.length > 0) set({ y });
  };

  return (
    <div className="wb-chart">
      <form className="wb-chart-controls" aria-label="Chart settings" onSubmit={(e) => e.preventDefault()}>
        <label>
          Chart type
          <select value={config.kind} onChange={(e) => set({ kind: e.target.value === 'bar' ? 'bar' : 'line' })}>
            <option value="line">Line</option>
            <option value="bar">Bar</option>
          </select>
        </label>
        <label>
          X axis
          <select value={config.x} onChange={(e) => set({ x: e.target.value })}>
            {columns.map((c) => (
              <option key={c.name} value={c.name}>{c.name}</option>
            ))}
          </select>
        </label>
        <label>
          Split by
          <select value={config.splitBy ?? ''} onChange={(e) => set({ splitBy: e.target.value === '' ? null : e.target.value, ...(e.target.value ? { y: config.y.slice(0, 1) } : {}) })}>
            <option value="">(none)</option>
            {columns.filter((c) => c.name !== config.x && !isNumericType(c.type)).map((c) => (
              <option key={c.name} value={c.name}>{c.name}</option>
            ))}
          </select>
        </label>
        {topN !== null && (
          <label>
            {config.splitBy ? 'Top series' : 'Top values'}
            <input
              type="number"
              min={1}
              max={MAX_TOP_N}
              value={topDraft}
              onChange={(e) => {
                setTopDraft(e.target.value);
                const n = Number(e.target.value);
                if (Number.isInteger(n) && n >= 1 && n <= MAX_TOP_N) set({ topN: n });
              }}
              title={config.splitBy
                ? `The ${config.topN} largest values of ${config.splitBy} each get a line; the rest are added up as Other.`
                : `The ${config.topN} largest values of ${config.x} each get a bar, in the query's order; the rest are added up as Other.`}
            />
          </label>
        )}
        <label>
          Aggregate
          <select value={config.aggregate} onChange={(e) => set({ aggregate: e.target.value as ChartAggregate })}>
            {CHART_AGGREGATES.map((a) => (
              <option key={a} value={a}>{a}</option>
            ))}
          </select>
        </label>
        <fieldset className="wb-series-pick">
          <legend>Series</legend>
          {(config.aggregate === 'count' ? columns : numeric).filter((c) => c.name !== config.x).map((c) => (
            <label key={c.name} className="check">
              <input type="checkbox" checked={config.y.includes(c.name)} onChange={(e) => toggleY(c.name, e.target.checked)} />
              {c.name}
            </label>
          ))}
        </fieldset>
      </form>
      {chart.state === 'loading' && <p className="wb-note" role="status">Aggregating…</p>}
      {chart.state === 'error' && <p className="error" role="alert">{chart.message}</p>}
      {chart.state === 'ready' && <ChartCanvas data={chart.data} kind={config.kind} />}
    </div>
  );
}
