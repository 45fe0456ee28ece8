// A tile's three ways out: its exact SQL in a workbench tab, its rows as CSV, its chart as PNG.
import { useState } from 'react';
import type { TileDefinition, TileResult } from '../../../shared/dashboards';
import { download } from '../workbench/chartPng';
import type { LegendEntry } from './charts/TileChart';
import { exportFileName, tileCsv } from './tileCsv';
import { tilePng } from './tilePng';

export function TileActions({ tile, result, chartHost, legend, openInWorkbench }: {
  tile: TileDefinition;
  result: TileResult;
  /** The element holding the drawn chart (its SVG becomes the PNG). */
  chartHost: () => HTMLElement | null;
  legend: readonly LegendEntry[];
  openInWorkbench: (sql: string) => void;
}) {
  const [pngError, setPngError] = useState<string | null>(null);
  const svg = () => chartHost()?.querySelector<SVGSVGElement>('svg.tile-chart') ?? null;
  const exportCsv = () => download(new Blob([tileCsv(result.columns, result.rows)], { type: 'text/csv;charset=utf-8' }), exportFileName(tile.title, result.window.from, result.window.to, 'csv'));
  const exportPng = () => {
    const chart = svg();
    if (chart === null) return;
    setPngError(null);
    tilePng(chart, `${tile.title} · ${result.window.from} to ${result.window.to}`, legend).then(
      (blob) => download(blob, exportFileName(tile.title, result.window.from, result.window.to, 'png')),
      (err: unknown) => setPngError(err instanceof Error ? err.message : String(err)),
    );
  };
  const drawn = tile.chart !== 'table' && result.rows.length > 0;
  return (
    <div className="tile-actions">
      <button type="button" className="link" onClick={() => openInWorkbench(result.sql)}>Open in SQL</button>
      <button type="button" className="link" onClick={exportCsv}>Export CSV</button>
      {drawn && <button type="button" className="link" onClick={exportPng}>Export PNG</button>}
      {pngError && <span className="error" role="alert">{pngError}</span>}
    </div>
  );
}
