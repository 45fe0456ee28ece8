// A drawn tile as a PNG: the on-screen SVG is copied with every colour and font resolved from the
// theme (CSS variables do not survive serialisation), drawn into a canvas, and handed to the
// workbench's chartPng for the title, legend and background.
import { chartPng, type PngLegendEntry } from '../workbench/chartPng';

const STYLED = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'fill-opacity', 'font-size', 'font-family', 'font-weight', 'text-anchor', 'dominant-baseline', 'color'] as const;

function inlineStyles(source: Element, copy: Element): void {
  const computed = getComputedStyle(source);
  const style = STYLED.map((name) => `${name}:${computed.getPropertyValue(name)}`).join(';');
  copy.setAttribute('style', style);
  for (let i = 0; i < source.children.length; i += 1) {
    const s = source.children[i];
    const c = copy.children[i];
    if (s && c) inlineStyles(s, c);
  }
}

function svgImage(svg: SVGSVGElement, width: number, height: number): Promise<HTMLImageElement> {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, copy);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  // Hover titles and hit areas are for the screen only.
  copy.querySelectorAll('title, .chart-hit').forEach((node) => node.remove());
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(copy)], { type: 'image/svg+xml' }));
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      URL.revokeObjectURL(url);
      resolve(image);
    };
    image.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('The chart could not be drawn as an image.'));
    };
    image.src = url;
  });
}

/** Resolves `var(--x)` colours of legend entries against the page's theme. */
export function resolveColour(colour: string, scope: Element): string {
  const match = /^var\((--[\w-]+)\)$/.exec(colour);
  return match?.[1] ? getComputedStyle(scope).getPropertyValue(match[1]).trim() || colour : colour;
}

export async function tilePng(svg: SVGSVGElement, title: string, legend: readonly PngLegendEntry[]): Promise<Blob> {
  const ratio = Math.max(2, window.devicePixelRatio || 1);
  const box = svg.getBoundingClientRect();
  const width = Math.round(box.width);
  const height = Math.round(box.height);
  const image = await svgImage(svg, width, height);
  const plot = document.createElement('canvas');
  plot.width = Math.round(width * ratio);
  plot.height = Math.round(height * ratio);
  const context = plot.getContext('2d');
  if (context === null) throw new Error('This browser cannot draw a PNG.');
  const styles = getComputedStyle(svg);
  const background = getComputedStyle(document.documentElement).getPropertyValue('--panel').trim() || '#ffffff';
  context.drawImage(image, 0, 0, plot.width, plot.height);
  return chartPng({ plot, title, legend: legend.map((e) => ({ label: e.label, colour: resolveColour(e.colour, svg) })), background, text: styles.color, ratio });
}
