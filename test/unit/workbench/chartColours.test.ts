// @vitest-environment jsdom
// Series colours: neighbours (in the legend and side by side in a group of bars) always read apart,
// the first few are all different from each other, and none is the grey that marks "Other".
import { describe, expect, it, vi } from 'vitest';
import { colourOf, seriesColour } from '../../../renderer/features/workbench/chartOptions';

// uPlot asks for the device pixel ratio's media query when it loads; jsdom has none.
vi.hoisted(() => {
  const page = globalThis as unknown as { matchMedia?: (query: string) => unknown };
  page.matchMedia ??= () => ({ matches: false, addEventListener() {}, removeEventListener() {} });
});

/** sRGB 0–255 of `#rrggbb` or `hsl(h s% l%)`. */
function rgbOf(colour: string): [number, number, number] {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (hex) return [parseInt(hex[1] ?? '0', 16), parseInt(hex[2] ?? '0', 16), parseInt(hex[3] ?? '0', 16)];
  const hsl = /^hsl\(([\d.]+) ([\d.]+)% ([\d.]+)%\)$/.exec(colour);
  if (!hsl) throw new Error(`not a colour: ${colour}`);
  const [h, s, l] = [Number(hsl[1]), Number(hsl[2]) / 100, Number(hsl[3]) / 100];
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

/** A rough perceptual distance ("redmean"), enough to tell look-alikes from distinct colours. */
function distance(a: string, b: string): number {
  const [r1, g1, b1] = rgbOf(a);
  const [r2, g2, b2] = rgbOf(b);
  const r = (r1 + r2) / 2;
  return Math.sqrt((2 + r / 256) * (r1 - r2) ** 2 + 4 * (g1 - g2) ** 2 + (2 + (255 - r) / 256) * (b1 - b2) ** 2);
}

describe('series colours', () => {
  it.each([false, true])('dark %s: neighbours differ clearly across 300 series', (dark) => {
    for (let i = 0; i < 300; i++) expect(distance(seriesColour(i, dark), seriesColour(i + 1, dark)), `series ${i} and ${i + 1}`).toBeGreaterThan(150);
  });

  it.each([false, true])('dark %s: the first nine are all different from each other and from the grey of Other', (dark) => {
    const data = { x: { name: 'd', type: 'DATE', values: [] }, series: [...Array.from({ length: 9 }, (_, i) => ({ label: `s${i}`, values: [] })), { label: 'Other', values: [] }], truncated: false };
    const grey = colourOf(data, 9, dark);
    for (let i = 0; i < 9; i++) {
      expect(distance(seriesColour(i, dark), grey), `series ${i} and Other`).toBeGreaterThan(70);
      for (let j = i + 1; j < 9; j++) expect(distance(seriesColour(i, dark), seriesColour(j, dark)), `series ${i} and ${j}`).toBeGreaterThan(100);
    }
  });
});
