// Every run's SQL, outcome and timing, newest first, in `<dataDir>/workbench/history.json`;
// searched in main so the renderer only receives the entries it shows.
import path from 'node:path';
import { z } from 'zod';
import type { HistoryEntry } from '../../shared/workbench';
import type { Logger } from '../logging/logger';
import { jsonFile } from './jsonFile';

const MAX_ENTRIES = 1000;
/** A failed run's message is kept short; the full text was shown when it ran. */
const MAX_ERROR = 2000;
/** SQL kept per entry: the file is rewritten on every run, so a pasted megabyte is not kept 1000 times. */
export const MAX_HISTORY_SQL = 20_000;

function kept(entry: HistoryEntry): HistoryEntry {
  const sql = entry.sql.length <= MAX_HISTORY_SQL ? entry.sql : `${entry.sql.slice(0, MAX_HISTORY_SQL)}\n-- (cut: the statement had ${entry.sql.length} characters)`;
  return { ...entry, sql, ...(entry.error ? { error: entry.error.slice(0, MAX_ERROR) } : {}) };
}

const entrySchema = z.object({
  id: z.string().max(64),
  sql: z.string().max(MAX_HISTORY_SQL + 100),
  startedAt: z.string().max(40),
  elapsedMs: z.number().nonnegative(),
  outcome: z.enum(['succeeded', 'failed', 'cancelled']),
  rows: z.number().int().nonnegative().optional(),
  error: z.string().max(MAX_ERROR).optional(),
});
const historySchema = z.object({ version: z.literal(1), entries: z.array(entrySchema).max(MAX_ENTRIES) });

export interface HistoryStore {
  add(entry: HistoryEntry): Promise<void>;
  list(options: { search?: string | undefined; limit?: number | undefined }): Promise<HistoryEntry[]>;
  clear(): Promise<void>;
  /** Resolves once every change so far is on disk. */
  flush(): Promise<void>;
}

export function createHistoryStore(dir: string, logger: Logger): HistoryStore {
  const file = jsonFile(path.join(dir, 'history.json'), historySchema, logger);
  let entries: Promise<HistoryEntry[]> | undefined;
  const loaded = () => (entries ??= file.read().then((stored) => stored?.entries ?? []));

  let changes: Promise<unknown> = Promise.resolve();
  // One change at a time, each on top of the previous one's entries.
  const update = (change: (current: HistoryEntry[]) => HistoryEntry[]) => {
    const done = changes.then(async () => {
      const next = change(await loaded());
      entries = Promise.resolve(next);
      await file.write({ version: 1, entries: next });
    });
    changes = done.catch(() => undefined);
    return done;
  };

  return {
    add: (entry) => update((current) => [kept(entry), ...current].slice(0, MAX_ENTRIES)),
    async list({ search, limit = 200 }) {
      const needle = search?.trim().toLowerCase() ?? '';
      const all = await loaded();
      return (needle === '' ? all : all.filter((e) => e.sql.toLowerCase().includes(needle))).slice(0, limit);
    },
    clear: () => update(() => []),
    flush: () => changes.then(() => undefined),
  };
}
