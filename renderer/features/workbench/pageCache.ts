// The grid's memory of result rows: fixed-size pages, least recently used first out, so the
// renderer holds a few pages however many rows the result has.
import type { CellValue } from '../../../shared/workbench';

export class PageCache {
  private readonly pages = new Map<number, CellValue[][]>();

  constructor(
    readonly pageRows: number,
    readonly maxPages: number,
  ) {}

  get size(): number {
    return this.pages.size;
  }

  /** Page numbers held, least recently used first. */
  pageNumbers(): number[] {
    return [...this.pages.keys()];
  }

  has(page: number): boolean {
    return this.pages.has(page);
  }

  set(page: number, rows: CellValue[][]): void {
    this.pages.delete(page);
    this.pages.set(page, rows);
    for (const oldest of this.pages.keys()) {
      if (this.pages.size <= this.maxPages) break;
      this.pages.delete(oldest);
    }
  }

  /** The row at an absolute index; undefined until its page arrived. Marks the page as used. */
  row(index: number): CellValue[] | undefined {
    const page = Math.floor(index / this.pageRows);
    const rows = this.pages.get(page);
    if (rows === undefined) return undefined;
    this.pages.delete(page);
    this.pages.set(page, rows);
    return rows[index - page * this.pageRows];
  }

  clear(): void {
    this.pages.clear();
  }
}

/** Pages covering rows [first, last], plus one either side, within the result. */
export function pagesToLoad(first: number, last: number, totalRows: number, pageRows: number): number[] {
  if (totalRows === 0 || last < first) return [];
  const lastPage = Math.floor((totalRows - 1) / pageRows);
  const from = Math.max(0, Math.floor(first / pageRows) - 1);
  const to = Math.min(lastPage, Math.floor(last / pageRows) + 1);
  const pages: number[] = [];
  // Visible pages first, the neighbours after them.
  for (let p = Math.floor(first / pageRows); p <= Math.min(lastPage, Math.floor(last / pageRows)); p += 1) pages.push(p);
  if (from < Math.floor(first / pageRows)) pages.push(from);
  if (to > Math.floor(last / pageRows)) pages.push(to);
  return pages;
}
