// The cache's own record of what it holds: one manifest.json per instance folder under
// <data>/segments, written (atomically) once every file of the instance is verified and before it
// is loaded. After Apple's 35 days the data folder is the only copy: with these manifests the
// warehouse can be rebuilt, and a sync can reuse cached files, without any call to Apple.
import { randomUUID } from 'node:crypto';
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ACCESS_TYPES, GRANULARITIES } from '../../shared/ascTypes';
import type { InstanceRef, VerifiedSegment } from './syncStore';

export const MANIFEST_FILE = 'manifest.json';
export const SEGMENTS_FOLDER = 'segments';

/** Paths are relative to the data folder with '/' separators, so a moved data folder still rebuilds. */
const relativeFile = z
  .string()
  .min(1)
  .max(1000)
  .refine((p) => p.startsWith(`${SEGMENTS_FOLDER}/`) && !p.split('/').includes('..') && !p.includes('\\'), 'must stay inside segments/');

const manifestSchema = z.object({
  version: z.literal(1),
  appId: z.string().min(1).max(40),
  reportId: z.string().min(1).max(200),
  reportName: z.string().min(1).max(200),
  category: z.string().max(200),
  accessType: z.enum(ACCESS_TYPES),
  instanceId: z.string().min(1).max(200),
  granularity: z.enum(GRANULARITIES),
  processingDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  verifiedAt: z.string(),
  /** Rows the instance loaded, once it was loaded: a rebuild must load the same number. */
  rows: z.number().int().nonnegative().optional(),
  segments: z
    .array(z.object({ segmentId: z.string().min(1).max(200), checksum: z.string().max(200), bytes: z.number().int().nonnegative(), file: relativeFile, mtimeMs: z.number() }))
    .min(1),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestSegment = Manifest['segments'][number];

/** A manifest with the folder it was found in. */
export interface CachedInstance {
  manifest: Manifest;
  manifestPath: string;
}

export function absoluteFile(dataDir: string, relative: string): string {
  return path.join(dataDir, ...relative.split('/'));
}

function relativeTo(dataDir: string, file: string): string {
  const absolute = path.isAbsolute(file) ? file : path.join(dataDir, file);
  return path.relative(dataDir, absolute).split(path.sep).join('/');
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.${randomUUID()}.tmp`;
  try {
    await writeFile(temp, text);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Records a verified instance beside its files. `segments` paths may be absolute or relative to dataDir. */
export async function writeManifest(dataDir: string, ref: InstanceRef, segments: readonly VerifiedSegment[], verifiedAt: Date): Promise<string> {
  const entries = await Promise.all(
    segments.map(async (s) => {
      const file = relativeTo(dataDir, s.filePath);
      const info = await stat(absoluteFile(dataDir, file));
      return { segmentId: s.segmentId, checksum: s.checksum, bytes: info.size, file, mtimeMs: info.mtimeMs };
    }),
  );
  const folder = path.dirname(absoluteFile(dataDir, entries[0]?.file ?? SEGMENTS_FOLDER));
  const manifest: Manifest = {
    version: 1,
    appId: ref.appId,
    reportId: ref.reportId,
    reportName: ref.reportName,
    category: ref.category,
    accessType: ref.accessType,
    instanceId: ref.instance.id,
    granularity: ref.instance.granularity,
    processingDate: ref.instance.processingDate,
    verifiedAt: verifiedAt.toISOString(),
    segments: entries,
  };
  const manifestPath = path.join(folder, MANIFEST_FILE);
  await writeAtomically(manifestPath, `${JSON.stringify(manifest, null, 1)}\n`);
  return manifestPath;
}

export async function readManifest(manifestPath: string): Promise<Manifest | null> {
  const text = await readFile(manifestPath, 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Notes how many rows the instance loaded, so a rebuild can check it loads the same. */
export async function recordManifestRows(manifestPath: string, rows: number): Promise<void> {
  const manifest = await readManifest(manifestPath);
  if (manifest === null) return;
  await writeAtomically(manifestPath, `${JSON.stringify({ ...manifest, rows }, null, 1)}\n`);
}

/**
 * The manifest's modification time of these files is set to -1, a time no file has: the cheap
 * check then hashes them instead of trusting them (a file found changed behind Orchard's back).
 */
export async function markUnverified(manifestPath: string, segmentIds: readonly string[]): Promise<void> {
  const manifest = await readManifest(manifestPath);
  if (manifest === null) return;
  const ids = new Set(segmentIds);
  const segments = manifest.segments.map((s) => (ids.has(s.segmentId) ? { ...s, mtimeMs: -1 } : s));
  await writeAtomically(manifestPath, `${JSON.stringify({ ...manifest, segments }, null, 1)}\n`);
}

/** Every readable manifest in the cache, oldest processing date first; unreadable ones are counted. */
export async function listCachedInstances(dataDir: string): Promise<{ instances: CachedInstance[]; unreadable: string[] }> {
  const root = path.join(dataDir, SEGMENTS_FOLDER);
  const names = await readdir(root, { recursive: true }).catch(() => [] as string[]);
  const paths = names.map(String).filter((n) => path.basename(n) === MANIFEST_FILE).map((n) => path.join(root, n));
  const instances: CachedInstance[] = [];
  const unreadable: string[] = [];
  for (const manifestPath of paths) {
    const manifest = await readManifest(manifestPath);
    if (manifest === null) unreadable.push(manifestPath);
    else instances.push({ manifest, manifestPath });
  }
  instances.sort((a, b) => a.manifest.processingDate.localeCompare(b.manifest.processingDate) || a.manifest.instanceId.localeCompare(b.manifest.instanceId));
  return { instances, unreadable };
}

/** A verified file with the modification time it had when verified (absent: unknown, so it is hashed). */
export type KnownSegment = VerifiedSegment & { mtimeMs?: number };

/** The verified files the manifest in `instanceFolder` lists, as the pipeline reuses them (absolute paths). */
export async function manifestSegments(dataDir: string, instanceFolder: string, instanceId: string): Promise<KnownSegment[]> {
  const manifest = await readManifest(path.join(instanceFolder, MANIFEST_FILE));
  if (manifest === null || manifest.instanceId !== instanceId) return [];
  return manifest.segments.map((s) => ({ segmentId: s.segmentId, checksum: s.checksum, bytes: s.bytes, filePath: absoluteFile(dataDir, s.file), mtimeMs: s.mtimeMs }));
}
