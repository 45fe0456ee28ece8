// `orchard publish --lake <folder>` (the warehouse as a Parquet lake; progress on stderr, the
// summary on stdout) and `orchard query --lake <folder> "<SQL>"` (the lake's current snapshot,
// read-only, no Apple key and no warehouse needed).
import path from 'node:path';
import type { Logger } from '../logging/logger';
import { openLake, publishLake } from '../lake';
import { DATABASE_FILE } from '../warehouse';
import type { QueryFormat } from './cliArgs';
import { printQuery } from './cliQuery';
import { listenForStop } from './cliSignals';
import { countLabel, plural } from '../sync/wording';

interface Deps {
  dataDir: string;
  logger: Logger;
}

function megabytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}

export async function publishCommand(lakeDir: string, deps: Deps): Promise<number> {
  const stop = listenForStop('the publish');
  try {
    let last = '';
    const summary = await publishLake({ path: path.join(deps.dataDir, DATABASE_FILE) }, path.resolve(lakeDir), {
      signal: stop.signal,
      onProgress: (p) => {
        const line = `[publish ${p.phase}] ${p.message}${p.tablesTotal ? `  tables ${p.tablesDone}/${p.tablesTotal}` : ''}`;
        if (line !== last) process.stderr.write(line + '\n');
        last = line;
      },
    });
    process.stdout.write(
      `Published snapshot ${summary.snapshot} to ${summary.lakeDir}: ${summary.tables} tables, ${summary.rows} rows; ` +
        `wrote ${plural(summary.written.files, 'file')} (${megabytes(summary.written.bytes)}) for ${plural(summary.written.partitions, 'changed partition')}, ` +
        `kept ${countLabel(summary.reusedPartitions)} unchanged; removed ${plural(summary.deleted.files, 'old file')}.\n`,
    );
    return 0;
  } catch (error) {
    if (stop.signal.aborted) {
      process.stderr.write('Publish stopped; the lake keeps its previous snapshot.\n');
      return stop.exitCode();
    }
    throw error;
  } finally {
    stop.dispose();
  }
}

export async function lakeQueryCommand(lakeDir: string, sql: string, format: QueryFormat, deps: Pick<Deps, 'logger'>): Promise<number> {
  const lake = await openLake(lakeDir, { logger: deps.logger });
  try {
    const { publisher, createdAt } = lake.current;
    process.stderr.write(`Lake ${lake.lakeDir}: snapshot ${lake.current.snapshot}, published ${createdAt} by ${publisher.user}@${publisher.host} (read-only).\n`);
    await printQuery(lake.warehouse, sql, format, process.stdout);
  } finally {
    await lake.close();
  }
  return 0;
}
