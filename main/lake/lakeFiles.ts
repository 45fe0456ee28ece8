// The lake's files on disk: SHA-256 and size of a new file (flushed to disk while it is read, so
// the manifest never names a file still in the page cache only), and the clean-up after a
// publish: files and manifests no recent snapshot names, once older than the grace period.
import { createHash } from 'node:crypto';
import { open, readdir, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { META_DIR, SNAPSHOTS_DIR, listSnapshotNumbers, metaDir, readSnapshot } from './lakeManifest';

export async function fileDigest(file: string): Promise<{ sha256: string; bytes: number }> {
  const handle = await open(file, 'r');
  try {
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of handle.createReadStream({ autoClose: false, highWaterMark: 1 << 20 })) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
    await handle.sync();
    return { sha256: hash.digest('hex'), bytes };
  } finally {
    await handle.close();
  }
}

/** Runs `work` over `items` with at most `limit` at once, results in input order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Names a publish gives its files (lakeWrite.ts): nothing else in the folder is ever deleted. */
const DATA_FILE = /^s\d+_[0-9a-f-]{36}\.parquet$/;

/** Every data file under `dir` (relative, forward slashes), skipping `_orchard`. */
async function listFiles(root: string, dir = root): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (dir === root && entry.name === META_DIR) continue;
      out.push(...await listFiles(root, full));
    } else if (DATA_FILE.test(entry.name)) {
      out.push(path.relative(root, full).split(path.sep).join('/'));
    }
  }
  return out;
}

async function oldEnough(file: string, cutoff: number): Promise<boolean> {
  const info = await stat(file).catch(() => undefined);
  return info !== undefined && info.mtimeMs < cutoff;
}

/** Removes now-empty partition folders bottom-up (never the lake or `_orchard`). */
async function pruneEmptyDirs(root: string, dir = root): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.isDirectory() && !(dir === root && entry.name === META_DIR)) await pruneEmptyDirs(root, path.join(dir, entry.name));
  }
  if (dir !== root) await rmdir(dir).catch(() => undefined);
}

/**
 * Deletes data files no snapshot among the last `keep` names, and older manifests, when their
 * modification time is before `now - graceMs`: a reader that followed an older current.json a
 * moment ago still finds its files. Files of a killed publish (named by no manifest) go the same way.
 */
export async function collectGarbage(lakeDir: string, options: { keep: number; graceMs: number; now: Date }): Promise<{ files: number; manifests: number }> {
  const cutoff = options.now.getTime() - options.graceMs;
  const numbers = await listSnapshotNumbers(lakeDir);
  const kept = numbers.slice(-options.keep);
  const referenced = new Set<string>();
  for (const n of kept) {
    const snapshot = await readSnapshot(lakeDir, n).catch(() => undefined);
    // An unreadable manifest among the kept ones: keep everything rather than guess.
    if (!snapshot) return { files: 0, manifests: 0 };
    for (const table of snapshot.tables) for (const p of table.partitions) for (const f of p.files) referenced.add(f.path);
  }
  let files = 0;
  for (const file of await listFiles(lakeDir)) {
    const full = path.join(lakeDir, file);
    if (referenced.has(file) || !(await oldEnough(full, cutoff))) continue;
    await rm(full, { force: true });
    files += 1;
  }
  if (files) await pruneEmptyDirs(lakeDir);
  let manifests = 0;
  const snapshotsDir = path.join(metaDir(lakeDir), SNAPSHOTS_DIR);
  for (const n of numbers.slice(0, -options.keep)) {
    const full = path.join(snapshotsDir, `${n}.json`);
    if (!(await oldEnough(full, cutoff))) continue;
    await rm(full, { force: true });
    manifests += 1;
  }
  // Leftovers of killed writes in _orchard: temporary manifests and stale locks moved aside.
  for (const dir of [metaDir(lakeDir), snapshotsDir]) {
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const full = path.join(dir, name);
      if ((name.endsWith('.tmp') || name.includes('.stale-')) && await oldEnough(full, cutoff)) await rm(full, { force: true });
    }
  }
  return { files, manifests };
}
