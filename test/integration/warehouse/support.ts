// Shared fixtures for the warehouse tests: temp workspaces, real gzip segment files and a helper
// that reads a whole query result through the workbench's own paging.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Logger } from '../../../main/logging/logger';
import { openWarehouse } from '../../../main/warehouse';
import type { IngestInput, JsonValue, Warehouse } from '../../../main/warehouse';

export interface TextOptions {
  delimiter?: string;
  eol?: string;
  bom?: boolean;
}

/** A segment's text: header line, then one line per row, newline-terminated. */
export function segmentText(header: readonly string[], rows: readonly (readonly string[])[], options: TextOptions = {}): string {
  const { delimiter = '\t', eol = '\n', bom = false } = options;
  const lines = [header, ...rows].map((fields) => fields.join(delimiter));
  return `${bom ? '\uFEFF' : ''}${lines.join(eol)}${eol}`;
}

export interface Workspace {
  dir: string;
  cacheDir: string;
  warehouse: Warehouse;
  /** Writes a gzip file under the cache folder and returns its path. */
  writeSegment(name: string, text: string | Buffer): Promise<string>;
  /** All rows of a query, through runQuery + fetchPage. */
  rows(sql: string): Promise<JsonValue[][]>;
  /** Writes the segment texts as files and returns an ingest request for them (App Downloads Standard by default). */
  input(instance: InstanceSpec): Promise<IngestInput>;
  /** Ingests one instance made of the given segment texts. */
  ingest(instance: InstanceSpec, signal?: AbortSignal): Promise<{ rows: number }>;
  cleanup(): Promise<void>;
}

export type InstanceSpec = Partial<IngestInput> & { instanceId: string; texts: (string | Buffer)[] };

export async function createWorkspace(options: { now?: () => Date; logger?: Logger } = {}): Promise<Workspace> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'orchard-wh-'));
  const cacheDir = path.join(dir, 'cache');
  const warehouse = await openWarehouse({ dataDir: path.join(dir, 'data'), readableDirs: [cacheDir], ...options }).catch(async (error: unknown) => {
    await rm(dir, { recursive: true, force: true });
    throw error;
  });
  let fileNumber = 0;
  const writeSegment = async (name: string, text: string | Buffer) => {
    const file = path.join(cacheDir, name);
    await writeFile(file, gzipSync(typeof text === 'string' ? Buffer.from(text) : text));
    return file;
  };
  const input = async ({ texts, ...instance }: InstanceSpec): Promise<IngestInput> => {
    const segments = await Promise.all(texts.map(async (text, index) => {
      fileNumber += 1;
      const filePath = await writeSegment(`segment-${fileNumber}.csv.gz`, text);
      return { segmentId: `${instance.instanceId}-s${index}`, filePath, checksum: `md5-${fileNumber}`, sizeInBytes: 100 + index };
    }));
    return {
      reportName: 'App Downloads Standard',
      accessType: 'ONGOING',
      granularity: 'DAILY',
      processingDate: '2024-04-02',
      ...instance,
      segments,
    };
  };
  return {
    dir,
    cacheDir,
    warehouse,
    writeSegment,
    async rows(sql) {
      const result = await warehouse.query.runQuery(sql);
      const page = await warehouse.query.fetchPage(result.resultId, { offset: 0, limit: 10_000 });
      await warehouse.query.releaseResult(result.resultId);
      return page.rows;
    },
    input,
    async ingest(instance, signal) {
      return warehouse.ingestInstance(await input(instance), signal);
    },
    async cleanup() {
      await warehouse.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export const DOWNLOADS_HEADER = ['Date', 'App Name', 'App Apple Identifier', 'Download Type', 'App Version', 'Device',
  'Platform Version', 'Source Type', 'Page Type', 'Pre-Order', 'Territory', 'Counts'];

/** An App Downloads Standard row with the given date, app, territory and count. */
export function downloadsRow(date: string, count: number, options: { app?: string; territory?: string; version?: string } = {}): string[] {
  return [date, 'Example App', options.app ?? '1476097583', 'First-time download', options.version ?? '1.0', 'iPhone',
    'iOS 17.4', 'App Store browse', 'Product page', '', options.territory ?? 'US', String(count)];
}

/** Every row of a read-only statement run through the workbench engine (first 1,000), its result released. */
export async function readAll(warehouse: Warehouse, sql: string): Promise<JsonValue[][]> {
  const info = await warehouse.query.runQuery(sql);
  const page = await warehouse.query.fetchPage(info.resultId, { offset: 0, limit: 1000 });
  await warehouse.query.releaseResult(info.resultId);
  return page.rows;
}
