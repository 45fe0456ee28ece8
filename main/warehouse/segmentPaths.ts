// How orchard.segments.file_path is stored: relative to the data folder with forward slashes, so
// a copied or moved folder (or one opened from another OS) still finds its own files instead of
// the old folder's. A file kept outside the data folder (a readable folder given at open) stays
// absolute. Reads resolve against the data folder the warehouse was opened with.
import path from 'node:path';
import { sqlString } from './sql';

/** Both spellings of the data folder: as given and with symlinks resolved. */
export type DataFolderRoots = readonly string[];

function inside(root: string, file: string): string | null {
  const relative = path.relative(root, file);
  if (relative === '' || path.isAbsolute(relative) || relative === '..' || relative.startsWith(`..${path.sep}`)) return null;
  return relative.split(path.sep).join('/');
}

export function storedSegmentPath(roots: DataFolderRoots, file: string): string {
  const absolute = path.resolve(file);
  for (const root of roots) {
    const relative = inside(root, absolute);
    if (relative !== null) return relative;
  }
  return absolute;
}

export function resolveSegmentPath(dataDir: string, stored: string): string {
  return path.isAbsolute(stored) ? stored : path.join(dataDir, ...stored.split('/'));
}

/**
 * Migration of paths written before they were relative: those under the current data folder lose
 * its prefix; those under another folder (the data folder before a copy or move) keep what
 * follows their last `/segments/`, the cache folder's name inside any data folder.
 */
export function relativeSegmentPathsSql(roots: DataFolderRoots): string {
  const slashed = `replace(file_path, '\\', '/')`;
  const prefixes = [...new Set(roots.map((root) => `${root.split(path.sep).join('/').replace(/\/+$/, '')}/`))];
  const underRoot = prefixes.map((prefix) =>
    `WHEN starts_with(${slashed}, ${sqlString(prefix)}) THEN substr(${slashed}, length(${sqlString(prefix)}) + 1)`);
  return `UPDATE orchard.segments SET file_path = CASE
    ${underRoot.join('\n    ')}
    WHEN contains(${slashed}, '/segments/') THEN 'segments/' || regexp_extract(${slashed}, '^.*/segments/(.*)$', 1)
    ELSE file_path END
  WHERE file_path IS NOT NULL AND (starts_with(${slashed}, '/') OR regexp_matches(file_path, '^[A-Za-z]:[\\\\/]'))`;
}
