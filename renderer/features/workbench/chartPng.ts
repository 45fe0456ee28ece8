// A chart as a PNG file: uPlot's canvas with a title above and the legend (colour and label of
// every series) drawn below it on the theme's background, then downloaded (in the desktop app the
// download asks where to save).
export interface PngLegendEntry {
  label: string;
  colour: string;
}

export interface PngInput {
  plot: HTMLCanvasElement;
  title: string;
  legend: readonly PngLegendEntry[];
  background: string;
  text: string;
  /** Device pixels per CSS pixel of `plot`. */
  ratio: number;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", sans-serif';

export function chartPng({ plot, title, legend, background, text, ratio }: PngInput): Promise<Blob> {
  const px = (n: number) => Math.round(n * ratio);
  const measure = document.createElement('canvas').getContext('2d');
  if (measure === null) return Promise.reject(new Error('This browser cannot draw a PNG.'));
  measure.font = `${px(12)}px ${FONT}`;
  // Legend entries flow left to right and wrap at the plot's width.
  const rowHeight = px(20);
  const placed: { entry: PngLegendEntry; x: number; y: number }[] = [];
  let x = px(12);
  let y = 0;
  for (const entry of legend) {
    const width = px(22) + measure.measureText(entry.label).width + px(16);
    if (x + width > plot.width && x > px(12)) {
      x = px(12);
      y += rowHeight;
    }
    placed.push({ entry, x, y });
    x += width;
  }
  const titleHeight = px(30);
  const legendHeight = legend.length === 0 ? 0 : y + rowHeight + px(8);
  const canvas = document.createElement('canvas');
  canvas.width = plot.width;
  canvas.height = titleHeight + plot.height + legendHeight;
  const context = canvas.getContext('2d');
  if (context === null) return Promise.reject(new Error('This browser cannot draw a PNG.'));
  context.fillStyle = background;
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = text;
  context.textBaseline = 'middle';
  context.font = `600 ${px(14)}px ${FONT}`;
  context.fillText(title, px(12), titleHeight / 2);
  context.drawImage(plot, 0, titleHeight);
  context.font = `${px(12)}px ${FONT}`;
  const top = titleHeight + plot.height + px(4);
  for (const { entry, x: left, y: row } of placed) {
    context.fillStyle = entry.colour;
    context.fillRect(left, top + row + px(4), px(14), px(12));
    context.fillStyle = text;
    context.fillText(entry.label, left + px(20), top + row + px(10));
  }
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The chart could not be encoded as PNG.'))), 'image/png'));
}

/** Offers a blob as a file download named `fileName`. */
export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; the blob is small.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file name from a chart title: letters, digits, spaces and - _ only. */
export function pngFileName(title: string): string {
  const base = title.replace(/[^\p{L}\p{N} _-]+/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);
  return `${base || 'chart'}.png`;
}
