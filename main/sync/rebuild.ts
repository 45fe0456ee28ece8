// Rebuilds the warehouse from the segment cache alone, with no call to Apple: every instance a
// manifest lists is reloaded through the ordinary ingest with its provenance, then each
// instance's rows in raw.* are counted against what ingest reported and what the manifest noted
// when the instance was first loaded. Missing or damaged files are reported as holes.
import { OrchardError } from '../../shared/errors';
import type { RebuildProgress, RebuildSummary } from '../../shared/rebuild';
import { reloadKeptSalesFiles } from '../sales/salesReload';
import { rawTableName, type IngestInput, type Warehouse } from '../warehouse';
import { toOrchardError } from '../warehouse/errors';
import { checkCache, damagedInstanceIds, distrustDamaged, mayBeDamagedFile } from './cacheCheck';
import { absoluteFile, type CachedInstance } from './segmentManifest';
import { countLabel, plural } from './wording';

export interface RebuildDeps {
  warehouse: Pick<Warehouse, 'ingestInstances' | 'metadata' | 'readOnly' | 'sales'>;
  dataDir: string;
  onProgress?: (p: RebuildProgress) => void;
  signal?: AbortSignal;
}

/** Big enough for DuckDB to read many files per statement, small enough to show progress. */
const BATCH_BYTES = 64 * 1024 * 1024;
const BATCH_INSTANCES = 200;

function toInput(dataDir: string, { manifest }: CachedInstance): IngestInput {
  return {
    reportName: manifest.reportName,
    category: manifest.category,
    accessType: manifest.accessType,
    instanceId: manifest.instanceId,
    granularity: manifest.granularity,
    processingDate: manifest.processingDate,
    appId: manifest.appId,
    reportId: manifest.reportId,
    segments: manifest.segments.map((s) => ({ segmentId: s.segmentId, filePath: absoluteFile(dataDir, s.file), checksum: s.checksum, sizeInBytes: s.bytes })),
  };
}

function batches(instances: readonly CachedInstance[]): CachedInstance[][] {
  const out: CachedInstance[][] = [];
  let current: CachedInstance[] = [];
  let bytes = 0;
  for (const instance of instances) {
    const size = instance.manifest.segments.reduce((n, s) => n + s.bytes, 0);
    if (current.length > 0 && (bytes + size > BATCH_BYTES || current.length >= BATCH_INSTANCES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(instance);
    bytes += size;
  }
  if (current.length) out.push(current);
  return out;
}

const stops = (error: unknown) => error instanceof OrchardError && (error.code === 'CANCELLED' || error.code === 'DISK_FULL');

export async function rebuildFromCache(deps: RebuildDeps): Promise<RebuildSummary> {
  const { warehouse, dataDir, signal } = deps;
  if (warehouse.readOnly) throw new OrchardError('READ_ONLY', 'The warehouse is open read-only: make the data folder writable to rebuild it.');
  const progress: RebuildProgress = { phase: 'checking', instances: { done: 0, total: 0 }, rows: 0, message: 'Checking the downloaded files…' };
  const emit = (change: Partial<RebuildProgress>) => {
    Object.assign(progress, change);
    deps.onProgress?.({ ...progress, instances: { ...progress.instances } });
  };
  emit({});
  const check = await checkCache(dataDir);
  const damaged = damagedInstanceIds(check);
  const usable = check.instances.filter((i) => !damaged.has(i.manifest.instanceId));
  const summary: RebuildSummary = {
    outcome: 'succeeded',
    instancesLoaded: 0,
    rowsLoaded: 0,
    holes: check.problems.map((p) => ({ reportName: p.instance.manifest.reportName, processingDate: p.instance.manifest.processingDate, instanceId: p.instance.manifest.instanceId, file: p.file, problem: p.problem })),
    failures: [],
    unreadableManifests: check.unreadable.length,
  };
  emit({ phase: 'loading', instances: { done: 0, total: usable.length }, message: `Loading ${plural(usable.length, 'instance')} from the cache…` });

  const loaded = new Map<string, { instance: CachedInstance; rows: number }>();
  const load = async (group: CachedInstance[]) => {
    const results = await warehouse.ingestInstances(group.map((i) => toInput(dataDir, i)), signal).catch((error: unknown) => {
      // A COMMIT that found the disk full comes back as DuckDB's raw error.
      throw toOrchardError(error, (message) => new OrchardError('INTERNAL', message));
    });
    for (const [index, result] of results.entries()) loaded.set(result.instanceId, { instance: group[index]!, rows: result.rows });
  };
  try {
    for (const group of batches(usable)) {
      try {
        await load(group);
      } catch (error) {
        if (stops(error)) throw error;
        // One bad file fails only its own instance.
        for (const instance of group) await load([instance]).catch(async (e: unknown) => {
          if (stops(e)) throw e;
          // A file changed in place with its time kept: not loaded, and a hole rather than a failure.
          const damaged = mayBeDamagedFile(e) ? await distrustDamaged(instance.manifestPath, toInput(dataDir, instance).segments) : [];
          if (damaged.length) {
            const m = instance.manifest;
            for (const id of damaged) summary.holes.push({ reportName: m.reportName, processingDate: m.processingDate, instanceId: m.instanceId, file: m.segments.find((s) => s.segmentId === id)?.file ?? id, problem: 'damaged' });
            return;
          }
          summary.failures.push({ instanceId: instance.manifest.instanceId, reportName: instance.manifest.reportName, processingDate: instance.manifest.processingDate, message: (e as Error).message });
        });
      }
      const rows = [...loaded.values()].reduce((n, l) => n + l.rows, 0);
      emit({ instances: { done: loaded.size + summary.failures.length, total: usable.length }, rows, message: `Loaded ${group.at(-1)?.manifest.reportName ?? ''}, ${group.at(-1)?.manifest.processingDate ?? ''}` });
    }
  } catch (error) {
    if (!stops(error) && !(error instanceof OrchardError)) throw error;
    summary.failures.push({ message: (error as Error).message });
    summary.outcome = (error as OrchardError).code === 'CANCELLED' ? 'cancelled' : 'failed';
  }

  if (summary.outcome === 'succeeded') await reloadSales(deps, summary, emit);

  emit({ phase: 'verifying', message: 'Counting the rows of every loaded instance…' });
  summary.mismatches = await verifyRowCounts(warehouse, loaded);
  summary.instancesLoaded = loaded.size;
  summary.rowsLoaded = [...loaded.values()].reduce((n, l) => n + l.rows, 0);
  if (summary.outcome === 'succeeded' && (summary.failures.length || summary.mismatches.length || summary.holes.length || summary.salesFailures?.length)) {
    summary.outcome = 'partial';
  }
  emit({ phase: 'finished', message: rebuildLine(summary) });
  return summary;
}

/** The kept Sales and Trends and Finance files, after the analytics instances (a sales-only folder has only these). */
async function reloadSales(deps: RebuildDeps, summary: RebuildSummary, emit: (change: Partial<RebuildProgress>) => void): Promise<void> {
  emit({ message: 'Reloading the kept Sales and Trends files…' });
  try {
    const sales = await reloadKeptSalesFiles({
      store: deps.warehouse.sales, dataDir: deps.dataDir, ...(deps.signal ? { signal: deps.signal } : {}),
      onProgress: (done, total) => emit({ message: `Reloaded ${countLabel(done)} of ${plural(total, 'kept Sales and Trends period')}…` }),
    });
    Object.assign(summary, { salesFilesLoaded: sales.filesLoaded, salesRowsLoaded: sales.rows, salesFailures: sales.failures });
  } catch (error) {
    if (!stops(error)) throw error;
    summary.failures.push({ message: (error as Error).message });
    summary.outcome = (error as OrchardError).code === 'CANCELLED' ? 'cancelled' : 'failed';
  }
}

/** raw.* rows per instance must equal what ingest reported and what the first load noted. */
async function verifyRowCounts(warehouse: RebuildDeps['warehouse'], loaded: Map<string, { instance: CachedInstance; rows: number }>) {
  const mismatches: NonNullable<RebuildSummary['mismatches']> = [];
  const tables = new Set([...loaded.values()].map((l) => rawTableName(l.instance.manifest.reportName)));
  const counted = new Map<string, number>();
  for (const table of tables) {
    const rows = await warehouse.metadata.read(`SELECT k.instance_id AS id, sum(r.n) AS n
      FROM (SELECT _segment_key, count(*) AS n FROM raw."${table.replace(/"/g, '""')}" GROUP BY 1) AS r
      JOIN orchard.segment_keys AS k ON k.segment_key = r._segment_key GROUP BY 1`);
    for (const row of rows) counted.set(String(row.id), Number(row.n));
  }
  for (const [instanceId, { instance, rows }] of loaded) {
    const inTable = counted.get(instanceId) ?? 0;
    const noted = instance.manifest.rows;
    if (inTable !== rows || (noted !== undefined && noted !== rows)) {
      mismatches.push({ instanceId, reportName: instance.manifest.reportName, processingDate: instance.manifest.processingDate, expected: noted ?? rows, found: inTable });
    }
  }
  return mismatches;
}

export function rebuildLine(s: RebuildSummary): string {
  const base = `${plural(s.instancesLoaded, 'instance')}, ${plural(s.rowsLoaded, 'row')} reloaded from the cache`;
  const extra = [
    s.holes.length ? `${plural(s.holes.length, 'file')} missing or damaged` : '',
    s.failures.length ? `${plural(s.failures.length, 'instance')} failed to load` : '',
    s.mismatches?.length ? `${plural(s.mismatches.length, 'row count')} ${s.mismatches.length === 1 ? 'differs' : 'differ'}` : '',
    s.salesFilesLoaded ? `${plural(s.salesFilesLoaded, 'kept sales file')} reloaded` : '',
    s.salesFailures?.length ? `${plural(s.salesFailures.length, 'kept sales file')} failed to load` : '',
  ].filter(Boolean);
  return `Rebuild ${s.outcome}: ${base}${extra.length ? `; ${extra.join(', ')}` : ''}.`;
}
