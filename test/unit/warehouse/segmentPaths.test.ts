import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSegmentPath, storedSegmentPath } from '../../../main/warehouse/segmentPaths';

const root = path.resolve('/data/Orchard');
const alias = path.resolve('/link/Orchard');

describe('segment paths', () => {
  it('stores files inside the data folder (either spelling) relative, with forward slashes', () => {
    expect(storedSegmentPath([root, alias], path.join(root, 'segments', '1', 'a.csv.gz'))).toBe('segments/1/a.csv.gz');
    expect(storedSegmentPath([root, alias], path.join(alias, 'segments', 'b.csv.gz'))).toBe('segments/b.csv.gz');
  });

  it('keeps files outside the data folder absolute, including a sibling whose name starts the same', () => {
    expect(storedSegmentPath([root], path.resolve('/data/Orchard-copy/segments/a.csv.gz'))).toBe(path.resolve('/data/Orchard-copy/segments/a.csv.gz'));
    expect(storedSegmentPath([root], path.resolve('/elsewhere/a.csv.gz'))).toBe(path.resolve('/elsewhere/a.csv.gz'));
  });

  it('resolves stored paths against the folder it is opened from now', () => {
    const moved = path.resolve('/moved/Orchard');
    expect(resolveSegmentPath(moved, 'segments/1/a.csv.gz')).toBe(path.join(moved, 'segments', '1', 'a.csv.gz'));
    expect(resolveSegmentPath(moved, path.resolve('/elsewhere/a.csv.gz'))).toBe(path.resolve('/elsewhere/a.csv.gz'));
  });
});
