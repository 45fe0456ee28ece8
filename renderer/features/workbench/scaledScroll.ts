// Scrolling through more rows than a browser can lay out: an element taller than ~16 million
// pixels is clipped, so the scroll area is capped and scroll positions are scaled to row offsets.

/** Below every engine's limit on element height. */
export const MAX_SCROLL_HEIGHT = 6_000_000;

export interface ScrollGeometry {
  /** Height of the scrolling spacer element. */
  spacerHeight: number;
  /** Virtual pixels per scrolled pixel (1 when nothing is scaled). */
  ratio: number;
}

export function scrollGeometry(rowCount: number, rowHeight: number, viewportHeight: number): ScrollGeometry {
  const real = rowCount * rowHeight;
  if (real <= MAX_SCROLL_HEIGHT || viewportHeight >= MAX_SCROLL_HEIGHT) return { spacerHeight: real, ratio: 1 };
  return { spacerHeight: MAX_SCROLL_HEIGHT, ratio: (real - viewportHeight) / (MAX_SCROLL_HEIGHT - viewportHeight) };
}

/** The virtual offset (rows × row height) shown at a scroll position. */
export function virtualOffset(scrollTop: number, geometry: ScrollGeometry): number {
  return scrollTop * geometry.ratio;
}

/** The scroll position that shows row `index` at the top of the viewport. */
export function scrollTopFor(index: number, rowHeight: number, geometry: ScrollGeometry): number {
  return Math.min(geometry.spacerHeight, (index * rowHeight) / geometry.ratio);
}

/** The first row of a window of `size` rows around `first`, moved in steps so it rarely changes. */
export function windowStart(first: number, totalRows: number, size: number): number {
  const step = Math.floor(size / 4);
  const start = Math.floor(first / step) * step - step;
  return Math.max(0, Math.min(start, Math.max(0, totalRows - size)));
}
