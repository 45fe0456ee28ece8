// "My dashboard" in main: the tiles' layout (pinStore) and running a tile. A tile names its saved
// query rather than copying the SQL, so editing the `.sql` file changes the tile (the query is the
// one source of truth, kept in git or shared as a file); a deleted file makes the tile say so.
// A run fills the query's parameters from the dashboard controls (`:from`/`:to` of a "last N" range
// end where the data of the reports it names end, as on the built-in tiles), then goes through the
// workbench's engine: the same read-only gate, results-only transaction and query connection
// (never the writer's, so it neither waits for nor holds up a sync).
import path from 'node:path';
import { OrchardError } from '../../../shared/errors';
import type { DashboardControls } from '../../../shared/dashboards';
import { MAX_PIN_ROWS, type FilledSql, type Pin, type PinChart, type PinList, type PinRunResult, type PinSize, type PinView } from '../../../shared/pins';
import type { SavedQuery } from '../../../shared/workbench';
import type { Logger } from '../../logging/logger';
import type { QueryService } from '../../warehouse';
import { cancelledError } from '../../warehouse/errors';
import { loadChart } from '../../workbench/chartData';
import { createSavedQueryStore } from '../../workbench/savedQueries';
import { SAVED_QUERIES_FOLDER } from '../../workbench';
import { readResult } from '../../workbench/warehouseReads';
import { KNOWN_APPS_SQL, needsKnownApps, parameterLiterals } from './parameterValues';
import { pinWindow } from './pinWindow';
import { createPinStore } from './pinStore';
import { declaredParameters, substituteParameters } from '../../../shared/sqlParameters';

export interface PinServiceDeps {
  dataDir: string;
  query: QueryService;
  logger: Logger;
  now: () => Date;
  newId?: () => string;
}

export interface PinRunRequest {
  requestId: string;
  pinId: string;
  controls: DashboardControls;
}

export interface PinService {
  list(): Promise<PinList>;
  add(input: { queryName: string; title: string; chart: PinChart }): Promise<PinView>;
  remove(pinId: string): Promise<boolean>;
  move(pinId: string, change: { position?: number | undefined; size?: PinSize | undefined }): Promise<PinList>;
  run(request: PinRunRequest): Promise<PinRunResult>;
  /** `sql` with the parameters it declares filled from `controls` (the workbench runs this). */
  fill(sql: string, controls: DashboardControls, signal?: AbortSignal): Promise<FilledSql>;
  cancel(requestId: string): boolean;
}

/** Cancels that arrive before their run started are remembered this long (by count). */
const EARLY_CANCELS = 256;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createPinService(deps: PinServiceDeps): PinService {
  const store = createPinStore(deps.dataDir, deps.logger, deps.now);
  const saved = createSavedQueryStore(path.join(deps.dataDir, SAVED_QUERIES_FOLDER));
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const running = new Map<string, AbortController>();
  const cancelledEarly = new Set<string>();

  const savedByName = async () => new Map((await saved.list()).queries.map((q) => [q.name, q]));

  const view = (pin: Pin, queries: Map<string, SavedQuery>): PinView => {
    const query = queries.get(pin.queryName);
    return { ...pin, parameters: query ? declaredParameters(query.sql) : [], missing: query === undefined };
  };

  async function list(): Promise<PinList> {
    const [layout, queries] = await Promise.all([store.load(), savedByName()]);
    return { pins: layout.pins.map((pin) => view(pin, queries)), file: store.file, ...(layout.notice ? { notice: layout.notice } : {}) };
  }

  async function findPin(pinId: string): Promise<Pin> {
    const pin = (await store.load()).pins.find((p) => p.id === pinId);
    if (pin === undefined) throw new OrchardError('NOT_FOUND', 'This tile is no longer on My dashboard.');
    return pin;
  }

  /** Small reads (the apps known, the data's spans) on the workbench's query connection. */
  const readRows = (signal?: AbortSignal) => async (sql: string) => {
    const result = await readResult(deps.query, sql, { limit: 10_000, ...(signal ? { signal } : {}) });
    return { columns: result.columns.map((c) => c.name), rows: result.rows };
  };

  async function fill(text: string, controls: DashboardControls, signal?: AbortSignal): Promise<FilledSql> {
    const names = declaredParameters(text);
    const read = readRows(signal);
    const knownApps = needsKnownApps(names, controls) ? (await read(KNOWN_APPS_SQL)).rows.map((row) => String(row[0])) : [];
    const placed = names.includes('from') || names.includes('to') ? await pinWindow(read, text, controls) : undefined;
    const dates = placed === undefined ? controls : { ...controls, ...placed.window };
    const parameters = parameterLiterals(names, dates, knownApps);
    return { sql: substituteParameters(text, Object.fromEntries(parameters.map((p) => [p.name, p.literal]))), parameters,
      ...(placed === undefined ? {} : { window: placed }) };
  }

  async function execute(pin: Pin, request: PinRunRequest, signal: AbortSignal): Promise<PinRunResult> {
    const started = performance.now();
    const query = (await savedByName()).get(pin.queryName);
    if (query === undefined) {
      throw new OrchardError('NOT_FOUND', `The saved query “${pin.queryName}” behind this tile was deleted or renamed. Save a query under that name again, or remove the tile.`);
    }
    const { sql, parameters, window } = await fill(query.sql, request.controls, signal);
    const result = await readResult(deps.query, sql, { limit: MAX_PIN_ROWS, signal });
    let chart: PinRunResult['chart'] = null;
    let chartError: string | undefined;
    try {
      const { kind: _kind, ...chartRequest } = pin.chart;
      chart = await loadChart(deps.query, { sql, columns: result.columns, totalRows: result.totalRows }, chartRequest, signal);
    } catch (error) {
      if (signal.aborted) throw error;
      // The rows are still worth showing: the query changed its columns since it was pinned.
      chartError = `The chart cannot be drawn: ${messageOf(error)}`;
    }
    return {
      requestId: request.requestId,
      pinId: pin.id,
      sql,
      parameters,
      columns: result.columns,
      rows: result.rows,
      totalRows: result.totalRows,
      chart,
      ...(chartError ? { chartError } : {}),
      ...(window ? { window } : {}),
      elapsedMs: Math.round(performance.now() - started),
    };
  }

  return {
    list,
    fill,
    async add({ queryName, title, chart }) {
      const queries = await savedByName();
      if (!queries.has(queryName)) throw new OrchardError('NOT_FOUND', `There is no saved query “${queryName}”; save the query first, then pin it.`);
      const pin: Pin = { id: newId(), title, queryName, chart, size: 'normal', pinnedAt: deps.now().toISOString() };
      await store.add(pin);
      return view(pin, queries);
    },
    remove: (pinId) => store.remove(pinId),
    async move(pinId, change) {
      await store.move(pinId, change);
      return list();
    },
    async run(request) {
      if (running.has(request.requestId)) throw new OrchardError('CONFLICT', 'This request ID is already in use.');
      const controller = new AbortController();
      if (cancelledEarly.delete(request.requestId)) controller.abort();
      running.set(request.requestId, controller);
      try {
        if (controller.signal.aborted) throw cancelledError();
        return await execute(await findPin(request.pinId), request, controller.signal);
      } finally {
        running.delete(request.requestId);
      }
    },
    cancel(requestId) {
      const controller = running.get(requestId);
      if (controller !== undefined) {
        controller.abort();
        return true;
      }
      cancelledEarly.add(requestId);
      for (const oldest of cancelledEarly) {
        if (cancelledEarly.size <= EARLY_CANCELS) break;
        cancelledEarly.delete(oldest);
      }
      return false;
    },
  };
}
