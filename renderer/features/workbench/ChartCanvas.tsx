// One drawn chart: uPlot on a canvas (resizes with its box, redraws on a theme change), its title
// and legend, and "Export PNG" (the canvas with title and legend, as a file).
import { useEffect, useRef, useState } from 'react';
import uPlot, { type AlignedData, type Options } from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartData } from '../../../shared/workbench';
import { xPositions, type ChartConfig } from './chartConfig';
import { chartOptions, colourOf } from './chartOptions';
import { chartPng, download, pngFileName } from './chartPng';

export function ChartCanvas({ data, kind }: { data: ChartData; kind: ChartConfig['kind'] }) {
  const host = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const [theme, setTheme] = useState(() => document.documentElement.dataset.theme ?? 'light');
  const [exportError, setExportError] = useState<string | null>(null);

  useEffect(() => {
    const observer = new MutationObserver(() => setTheme(document.documentElement.dataset.theme ?? 'light'));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = host.current;
    if (element === null) return undefined;
    const placed = xPositions(data.x.values, data.x.type);
    // Bars always stand in one slot per x value; lines use real dates and numbers.
    const categorical = kind === 'bar' || placed.scale === 'category';
    const positions = kind === 'bar' ? data.x.values.map((_, i) => i) : placed.positions;
    const aligned: AlignedData = [positions, ...data.series.map((s) => s.values)];
    // The legend sits below the plot inside the host; the plot gets what is left.
    const legendHeight = () => element.querySelector<HTMLElement>('.u-legend')?.offsetHeight ?? 0;
    const size = () => ({ width: Math.max(200, element.clientWidth), height: Math.max(160, element.clientHeight - 8 - legendHeight()) });
    const options: Options = {
      ...chartOptions({ data, kind, time: placed.scale === 'time' && !categorical, categorical, dark: theme === 'dark', styles: getComputedStyle(document.documentElement) }),
      ...size(),
    };
    const plot = new uPlot(options, aligned, element);
    plotRef.current = plot;
    plot.setSize(size());
    const resize = new ResizeObserver(() => plot.setSize(size()));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plotRef.current = null;
      plot.destroy();
    };
  }, [data, kind, theme]);

  const title = `${data.series.length === 1 ? data.series[0]?.label : `${data.series.length} series`} by ${data.x.name}`;

  const exportPng = async () => {
    const plot = plotRef.current;
    if (plot === null) return;
    setExportError(null);
    const styles = getComputedStyle(document.documentElement);
    try {
      const blob = await chartPng({
        plot: plot.ctx.canvas,
        title,
        legend: data.series.map((s, i) => ({ label: s.label, colour: colourOf(data, i, theme === 'dark') })),
        background: styles.getPropertyValue('--panel').trim() || '#fff',
        text: styles.getPropertyValue('--text').trim() || '#000',
        ratio: plot.ctx.canvas.width / Math.max(1, plot.ctx.canvas.clientWidth || plot.width),
      });
      download(blob, pngFileName(title));
    } catch (e) {
      setExportError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <figure className="wb-chart-figure" aria-label={`Chart of ${title}`}>
      <div ref={host} className="wb-chart-canvas" data-series={data.series.length} data-points={data.x.values.length} />
      <figcaption className="wb-note wb-chart-caption">
        <span>
          {title}
          {data.truncated ? ' — cut to the largest series and first points; filter the query to see the rest.' : ''}
        </span>
        <button type="button" className="wb-small" onClick={() => void exportPng()}>
          Export PNG
        </button>
      </figcaption>
      {exportError && <p className="error" role="alert">{exportError}</p>}
    </figure>
  );
}
