// Picks the drawing for a tile's chart kind and lays its legend under time charts.
import type { TileDefinition, TileResult } from '../../../../shared/dashboards';
import { seriesColour } from './colours';
import { DataTable } from './DataTable';
import { FunnelChart } from './FunnelChart';
import { LineChart } from './LineChart';
import { RankedBars } from './RankedBars';
import { StackedAreaChart } from './StackedAreaChart';
import { labelledValues, seriesData, type SeriesData } from './tileData';

export interface LegendEntry {
  label: string;
  colour: string;
  dashed?: boolean;
}

export function legendOf(tile: TileDefinition, result: TileResult): LegendEntry[] {
  if (tile.chart !== 'line' && tile.chart !== 'stackedArea') return [];
  const data = seriesData(result, tile.unit, result.dataUpTo);
  const entries: LegendEntry[] = data.series.map((s, i) => ({ label: s.name, colour: seriesColour(s.name, i) }));
  if (result.compareWindow) entries.push({ label: `Compared: ${result.compareWindow.from} to ${result.compareWindow.to}`, colour: 'var(--muted)', dashed: true });
  return entries.length === 1 && entries[0]?.label === 'value' ? [] : entries;
}

export function TileChart({ tile, result }: { tile: TileDefinition; result: TileResult }) {
  const comparing = result.compareWindow !== null;
  // A change (%, colour) only between windows both fully covered by every chosen app's data.
  const changes = comparing && result.compareNote === null;
  const monthly = result.granularity === 'MONTHLY';
  const label = `${tile.title}, ${result.window.from} to ${result.window.to}`;
  const data = tile.chart === 'line' || tile.chart === 'stackedArea' ? seriesData(result, tile.unit, result.dataUpTo) : null;
  if (result.rows.length === 0) return null;
  switch (tile.chart) {
    case 'line':
      return <LineChart data={data as SeriesData} unit={tile.unit} monthly={monthly} label={label} />;
    case 'stackedArea':
      return <StackedAreaChart data={data as SeriesData} unit={tile.unit} monthly={monthly} label={label} />;
    case 'rankedBars':
      return <RankedBars items={labelledValues(result, 'label')} unit={tile.unit} comparing={comparing} changes={changes} label={label} />;
    case 'funnel':
      return <FunnelChart steps={labelledValues(result, 'step')} unit={tile.unit} comparing={comparing} changes={changes} label={label} />;
    case 'table':
      return <DataTable columns={result.columns} rows={result.rows} label={`${tile.title} table`} />;
  }
}
