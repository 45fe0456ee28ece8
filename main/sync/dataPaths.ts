// The one place that turns values from App Store Connect (app ID, report/table name, instance and
// segment IDs, dates, checksums) into file paths. Every component is reduced to a safe file name
// and the result is proved to stay under its root folder before anything is written there.
import path from 'node:path';
import { OrchardError } from '../../shared/errors';

const MAX_COMPONENT = 120;

/** One path component from an untrusted value: no separators, no `.`/`..`, no hidden names, bounded length. */
export function safeComponent(value: string): string {
  const cleaned = value.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, MAX_COMPONENT);
  // A leading dot would make `.`, `..` or a hidden file; an empty value would vanish from the path.
  return cleaned === '' || cleaned.startsWith('.') ? `_${cleaned}` : cleaned;
}

/**
 * `root/<c1>/<c2>/…` where each part is joined from untrusted pieces (e.g. [date, '_', instanceId])
 * and sanitised as a whole; throws unless the result lies strictly inside `root`.
 */
export function pathFromApi(root: string, ...parts: (string | readonly string[])[]): string {
  const components = parts.map((p) => safeComponent(typeof p === 'string' ? p : p.join('')));
  return provenInside(root, path.join(root, ...components));
}

/** Returns `target` resolved, or refuses with a clear error when it is not strictly under `root`. */
export function provenInside(root: string, target: string): string {
  const base = path.resolve(root);
  const resolved = path.resolve(target);
  const relative = path.relative(base, resolved);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    throw new OrchardError('INTERNAL', 'Orchard refused to write a file outside its data folder: a name from App Store Connect pointed elsewhere.', {
      reason: 'path-outside-data-folder',
    });
  }
  return resolved;
}
