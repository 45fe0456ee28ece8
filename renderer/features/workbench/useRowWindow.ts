// Which rows the grid draws, for any number of rows. TanStack Virtual lays out a window of a few
// thousand rows around the scroll position (its layout cost grows with its item count), and the
// scroll area is scaled (scaledScroll) so ten million rows fit in a browser-sized element.
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import { scrollGeometry, scrollTopFor, virtualOffset, windowStart, type ScrollGeometry } from './scaledScroll';

const WINDOW_ROWS = 2000;

export interface PlacedRow {
  /** Absolute row index in the result. */
  index: number;
  /** Pixels from the top of the visible rows area. */
  top: number;
}

export interface RowWindow {
  spacerHeight: number;
  bodyHeight: number;
  rows: PlacedRow[];
  firstVisible: number;
  visibleCount: number;
  /** Brings a row into view (centred when it was out of view). */
  scrollToRow(index: number): void;
}

interface Layout {
  geometry: ScrollGeometry;
  base: number;
}

function layoutFor(scrollTop: number, totalRows: number, rowHeight: number, bodyHeight: number): Layout & { offset: number } {
  const geometry = scrollGeometry(totalRows, rowHeight, bodyHeight);
  const offset = virtualOffset(scrollTop, geometry);
  const base = windowStart(Math.floor(offset / rowHeight), totalRows, WINDOW_ROWS);
  return { geometry, base, offset };
}

export function useRowWindow(scrollRef: RefObject<HTMLElement | null>, totalRows: number, rowHeight: number, headerHeight: number): RowWindow {
  const [scrollTop, setScrollTop] = useState(0);
  const [clientHeight, setClientHeight] = useState(400);
  const bodyHeight = Math.max(rowHeight, clientHeight - headerHeight);
  const { geometry, base, offset } = layoutFor(scrollTop, totalRows, rowHeight, bodyHeight);
  const params = useRef({ totalRows, rowHeight, bodyHeight });
  params.current = { totalRows, rowHeight, bodyHeight };
  const offsetCallback = useRef<((offset: number, isScrolling: boolean) => void) | null>(null);

  /** The offset TanStack sees: within its window of rows. */
  const windowOffset = useCallback((top: number) => {
    const p = params.current;
    const layout = layoutFor(top, p.totalRows, p.rowHeight, p.bodyHeight);
    return Math.max(0, layout.offset - layout.base * p.rowHeight);
  }, []);

  const virtualizer = useVirtualizer({
    count: Math.max(0, Math.min(WINDOW_ROWS, totalRows - base)),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    initialRect: { width: 800, height: bodyHeight },
    observeElementRect: (instance, cb) =>
      observeElementRect(instance, (rect) => {
        setClientHeight(rect.height);
        cb({ width: rect.width, height: Math.max(rowHeight, rect.height - headerHeight) });
      }),
    observeElementOffset: (instance, cb) => {
      const element = instance.scrollElement;
      if (!element) return undefined;
      offsetCallback.current = cb;
      const onScroll = () => {
        setScrollTop(element.scrollTop);
        cb(windowOffset(element.scrollTop), true);
      };
      cb(windowOffset(element.scrollTop), false);
      element.addEventListener('scroll', onScroll, { passive: true });
      return () => {
        element.removeEventListener('scroll', onScroll);
        offsetCallback.current = null;
      };
    },
    scrollToFn: (windowPx, _options, instance) => {
      const p = params.current;
      const element = instance.scrollElement;
      if (!element) return;
      const layout = layoutFor(element.scrollTop, p.totalRows, p.rowHeight, p.bodyHeight);
      element.scrollTop = (windowPx + layout.base * p.rowHeight) / layout.geometry.ratio;
    },
  });

  // The window moved or the result grew: tell TanStack its offset within the new window.
  useLayoutEffect(() => {
    offsetCallback.current?.(windowOffset(scrollRef.current?.scrollTop ?? 0), false);
  }, [base, totalRows, bodyHeight, windowOffset, scrollRef]);

  const items = virtualizer.getVirtualItems();
  // Stable between renders that do not scroll: the table model below is derived from it.
  const rows = useMemo(() => items.map((item) => ({ index: base + item.index, top: base * rowHeight + item.start - offset })), [items, base, rowHeight, offset]);
  const firstVisible = Math.min(Math.max(0, totalRows - 1), Math.floor(offset / rowHeight));
  const visibleCount = Math.max(1, Math.floor(bodyHeight / rowHeight));

  const scrollToRow = useCallback(
    (index: number) => {
      const element = scrollRef.current;
      if (!element) return;
      const p = params.current;
      const current = layoutFor(element.scrollTop, p.totalRows, p.rowHeight, p.bodyHeight);
      const first = current.offset / p.rowHeight;
      const fits = Math.max(1, Math.floor(p.bodyHeight / p.rowHeight));
      if (index >= Math.ceil(first) && index < Math.floor(first) + fits) return;
      // Centred: a scaled scroll position is rounded to whole pixels, each worth many rows' height.
      const target = Math.max(0, index - Math.floor(fits / 2));
      element.scrollTop = scrollTopFor(target, p.rowHeight, current.geometry);
    },
    [scrollRef],
  );

  return { spacerHeight: geometry.spacerHeight, bodyHeight, rows, firstVisible, visibleCount, scrollToRow };
}
