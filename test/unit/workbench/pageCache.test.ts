import { describe, expect, it } from 'vitest';
import { PageCache, pagesToLoad } from '../../../renderer/features/workbench/pageCache';
import { MAX_SCROLL_HEIGHT, scrollGeometry, scrollTopFor, virtualOffset, windowStart } from '../../../renderer/features/workbench/scaledScroll';

const page = (first: number, n: number) => Array.from({ length: n }, (_, i) => [first + i]);

describe('PageCache', () => {
  it('serves rows by absolute index and evicts the least recently used page', () => {
    const cache = new PageCache(10, 3);
    cache.set(0, page(0, 10));
    cache.set(1, page(10, 10));
    cache.set(2, page(20, 10));
    expect(cache.row(5)).toEqual([5]);
    cache.set(7, page(70, 10));
    expect(cache.pageNumbers()).toEqual([2, 0, 7]);
    expect(cache.row(15)).toBeUndefined();
    expect(cache.row(79)).toEqual([79]);
    expect(cache.row(80)).toBeUndefined();
    expect(cache.size).toBe(3);
  });

  it('never holds more than its maximum, whatever is scrolled through', () => {
    const cache = new PageCache(500, 6);
    for (let p = 0; p < 20_000; p += 1) cache.set(p, page(p * 500, 1));
    expect(cache.size).toBe(6);
    expect(cache.pageNumbers()).toEqual([19_994, 19_995, 19_996, 19_997, 19_998, 19_999]);
    cache.clear();
    expect(cache.size).toBe(0);
  });
});

describe('pagesToLoad', () => {
  it('asks for the visible pages first, then one neighbour either side, within the result', () => {
    expect(pagesToLoad(0, 40, 1_000_000, 500)).toEqual([0, 1]);
    expect(pagesToLoad(990, 1030, 1_000_000, 500)).toEqual([1, 2, 0, 3]);
    expect(pagesToLoad(999_980, 999_999, 1_000_000, 500)).toEqual([1999, 1998]);
    expect(pagesToLoad(0, 10, 0, 500)).toEqual([]);
  });
});

describe('scaled scrolling', () => {
  it('leaves small results alone', () => {
    expect(scrollGeometry(1000, 24, 600)).toEqual({ spacerHeight: 24_000, ratio: 1 });
  });

  it('caps the scroll height and still reaches the last row of ten million', () => {
    const geometry = scrollGeometry(10_000_000, 24, 600);
    expect(geometry.spacerHeight).toBe(MAX_SCROLL_HEIGHT);
    const bottom = geometry.spacerHeight - 600;
    expect(virtualOffset(bottom, geometry)).toBeCloseTo(10_000_000 * 24 - 600, 3);
    const top = scrollTopFor(1_000_000, 24, geometry);
    expect(Math.floor(virtualOffset(top, geometry) / 24)).toBe(1_000_000);
  });

  it('moves the rendering window in steps and keeps it inside the result', () => {
    expect(windowStart(0, 10_000_000, 2000)).toBe(0);
    expect(windowStart(1200, 10_000_000, 2000)).toBe(500);
    expect(windowStart(1499, 10_000_000, 2000)).toBe(500);
    expect(windowStart(9_999_990, 10_000_000, 2000)).toBe(9_998_000);
    expect(windowStart(50, 100, 2000)).toBe(0);
  });
});
