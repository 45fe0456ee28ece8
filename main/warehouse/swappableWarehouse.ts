// The warehouse the app keeps for its whole run while the file behind it can be replaced (a rebuild
// builds a new file beside it, then swaps it in): every member delegates to the warehouse of the
// moment. A swap waits for the work in flight, closes the old warehouse and opens the new one; work
// asked for during the swap is refused with CONFLICT, and writes can be held while a rebuild builds.
import { OrchardError } from '../../shared/errors';
import type { OpenWarehouse } from './open';
import type { SalesStore } from './sales';
import type { InsightsReader, MetadataStore, QueryService, UserImports } from './types';

type Kind = 'read' | 'write';

/** Result IDs remembered per warehouse (the query service itself keeps 16 results). */
const KEPT_RESULT_IDS = 256;

/** Every member is listed, so a member added to a store must be classed here (tsc says so). */
const METADATA: Record<keyof MetadataStore, Kind> = {
  upsertApps: 'write', upsertRequests: 'write', upsertReports: 'write', upsertInstances: 'write', upsertSegments: 'write',
  markSegment: 'write', startSyncRun: 'write', finishSyncRun: 'write',
  ingestedSegmentChecksums: 'read', ingestedInstanceIds: 'read', listSegments: 'read', listSyncRuns: 'read', read: 'read',
};
const SALES: Record<keyof SalesStore, Kind> = {
  load: 'write', record: 'write', importFxRates: 'write', setReportingCurrency: 'write', loadFinance: 'write', dates: 'read', totals: 'read',
};
const IMPORTS: Record<keyof UserImports, Kind> = { importTable: 'write', dropTable: 'write', listTables: 'read' };
/** An export writes a file of the exports folder, not the warehouse. */
const QUERY: Record<Exclude<keyof QueryService, 'cancel'>, Kind> = { runQuery: 'read', fetchPage: 'read', exportResult: 'read', releaseResult: 'read' };
const INSIGHTS: Record<Exclude<keyof InsightsReader, 'generation'>, Kind> = { session: 'read', lookup: 'read' };

export interface SwappableWarehouse extends OpenWarehouse {
  /**
   * Refuses writes with CONFLICT (`reason`) until the returned release is called; resolves once the
   * writes already running have ended, so the file no longer changes under a copy.
   */
  holdWrites(reason: string): Promise<() => void>;
  /**
   * Replaces the warehouse: waits for the work in flight (at most `graceMs`, then the old
   * warehouse's close interrupts what still runs: CONFLICT), closes it, then `open` gives the new
   * one. If `open` fails, `restore` reopens the previous file and the error is rethrown.
   */
  swap(open: () => Promise<OpenWarehouse>, restore: () => Promise<OpenWarehouse>): Promise<void>;
}

export interface SwappableOptions {
  /** How long a swap waits for running work before interrupting it. Default 30 s. */
  graceMs?: number;
}

const replacingError = () => new OrchardError('CONFLICT', 'The warehouse is being replaced (a rebuild is finishing): try again in a moment.', { reason: 'replacing' });
const replacedError = () => new OrchardError('CONFLICT', 'The warehouse was replaced while this ran (a rebuild finished): run it again.', { reason: 'replaced' });
/** What a call on a warehouse closed under it fails with: interrupted, or closed before it started. */
const stoppedByClose = (error: unknown) => error instanceof OrchardError && (error.code === 'CANCELLED' || error.code === 'INTERNAL');

async function settledWithin(work: readonly Promise<unknown>[], ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  try {
    await Promise.race([Promise.allSettled(work), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function createSwappableWarehouse(first: OpenWarehouse, options: SwappableOptions = {}): SwappableWarehouse {
  const graceMs = options.graceMs ?? 30_000;
  let current = first;
  let swapping: Promise<void> | null = null;
  let hold: { reason: string; released: Promise<void> } | null = null;
  /** Counted ingests of the warehouses swapped out (+1 each), so generation() only ever grows. */
  let generationBase = 0;
  const retired = new WeakSet<OpenWarehouse>();
  const inFlight: Record<Kind, Set<Promise<unknown>>> = { read: new Set(), write: new Set() };
  /** Result IDs the current warehouse gave out, and those of the one swapped out (its results died with it). */
  let currentResults = new Set<string>();
  let retiredResults = new Set<string>();

  function run<T>(kind: Kind, work: (w: OpenWarehouse) => Promise<T>): Promise<T> {
    if (swapping !== null) return Promise.reject(replacingError());
    if (kind === 'write' && hold !== null) return Promise.reject(new OrchardError('CONFLICT', hold.reason, { reason: 'writes-held' }));
    const w = current;
    const call = (async () => work(w))().catch((error: unknown) => {
      throw retired.has(w) && stoppedByClose(error) ? replacedError() : error;
    });
    inFlight[kind].add(call);
    const done = () => inFlight[kind].delete(call);
    call.then(done, done);
    return call;
  }

  function delegating<T>(kinds: Record<keyof T, Kind>, pick: (w: OpenWarehouse) => T): T {
    const out: Record<string, unknown> = {};
    for (const [name, kind] of Object.entries<Kind>(kinds)) {
      out[name] = (...args: unknown[]) => run(kind, (w) => {
        const store = pick(w) as Record<string, (...a: unknown[]) => Promise<unknown>>;
        return store[name]!(...args);
      });
    }
    return out as T;
  }

  async function replace(open: () => Promise<OpenWarehouse>, restore: () => Promise<OpenWarehouse>): Promise<void> {
    await settledWithin([...inFlight.read, ...inFlight.write], graceMs);
    const old = current;
    retired.add(old);
    retiredResults = currentResults;
    currentResults = new Set();
    await old.close();
    generationBase += old.insights.generation() + 1;
    try {
      current = await open();
    } catch (error) {
      current = await restore();
      throw error;
    }
  }

  const stored = delegating<Omit<QueryService, 'cancel'>>(QUERY, (w) => w.query);
  /** A result kept by a warehouse swapped out is gone with it: CONFLICT says why, not "released". */
  const ofRetired = (resultId: string) => {
    if (retiredResults.has(resultId)) throw replacedError();
  };
  const query: QueryService = {
    async runQuery(sql, options) {
      const info = await stored.runQuery(sql, options);
      currentResults.add(info.resultId);
      if (currentResults.size > KEPT_RESULT_IDS) currentResults.delete(currentResults.values().next().value as string);
      return info;
    },
    async fetchPage(resultId, page) {
      ofRetired(resultId);
      return stored.fetchPage(resultId, page);
    },
    async exportResult(resultId, target, options) {
      ofRetired(resultId);
      return stored.exportResult(resultId, target, options);
    },
    releaseResult: async (resultId) => {
      currentResults.delete(resultId);
      if (!retiredResults.delete(resultId)) await stored.releaseResult(resultId);
    },
    cancel: () => current.query.cancel(),
  };
  const insights: InsightsReader = {
    ...delegating<Omit<InsightsReader, 'generation'>>(INSIGHTS, (w) => w.insights),
    generation: () => generationBase + current.insights.generation(),
  };

  return {
    get path() {
      return current.path;
    },
    get dataDir() {
      return current.dataDir;
    },
    get readOnly() {
      return current.readOnly;
    },
    ingestInstance: (input, signal) => run('write', (w) => w.ingestInstance(input, signal)),
    ingestInstances: (inputs, signal, onLoaded) => run('write', (w) => w.ingestInstances(inputs, signal, onLoaded)),
    streamQuery: (sql, sink, signal) => run('read', (w) => w.streamQuery(sql, sink, signal)),
    // It reads the file while no write reaches it (a publish, a rebuild's copy): not a write itself.
    whileWritesPaused: (task, signal) => run('read', (w) => w.whileWritesPaused(task, signal)),
    metadata: delegating<MetadataStore>(METADATA, (w) => w.metadata),
    sales: delegating<SalesStore>(SALES, (w) => w.sales),
    imports: delegating<UserImports>(IMPORTS, (w) => w.imports),
    query,
    insights,

    async holdWrites(reason) {
      if (hold !== null) throw new OrchardError('CONFLICT', hold.reason, { reason: 'writes-held' });
      let release!: () => void;
      const mine = { reason, released: new Promise<void>((resolve) => (release = resolve)) };
      hold = mine;
      await Promise.allSettled([...inFlight.write]);
      return () => {
        if (hold === mine) hold = null;
        release();
      };
    },

    async swap(open, restore) {
      if (swapping !== null) throw replacingError();
      swapping = replace(open, restore);
      try {
        await swapping;
      } finally {
        swapping = null;
      }
    },

    /** Waits for a swap and for held writes to be released (a cancelled rebuild cleaning up), then closes. */
    async close() {
      await swapping?.catch(() => undefined);
      await hold?.released;
      await current.close();
    },
  };
}
