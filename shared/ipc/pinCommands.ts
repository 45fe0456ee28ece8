// Commands of "My dashboard": list, pin, unpin, move and resize tiles made of saved workbench
// queries, and run one tile under the Insights controls (cancellable by its request ID).
import { z } from 'zod';
import { command } from './define';
import { dashboardControlsSchema } from './dashboardCommands';
import { CHART_AGGREGATES, SAFE_NAME } from '../workbench';
import { PIN_CHART_KINDS, PIN_SIZES, type FilledSql, type PinList, type PinRunResult, type PinView } from '../pins';

const pinId = z.string().uuid();
const requestId = z.string().uuid();
const columnName = z.string().min(1).max(1000);
const queryName = z.string().trim().regex(SAFE_NAME, 'a saved query name: letters, digits, spaces and _ . ( ) - only');

export const pinChartSchema = z
  .object({
    kind: z.enum(PIN_CHART_KINDS),
    x: columnName,
    y: z.array(columnName).min(1).max(50),
    splitBy: columnName.optional(),
    aggregate: z.enum(CHART_AGGREGATES),
    topN: z.number().int().min(1).max(500).optional(),
  })
  .strict();

export const pinCommands = {
  /** Every tile in layout order, with the parameters its saved query declares. */
  'pins:list': command(z.object({}).strict()).returns<PinList>(),
  /** Pins a saved query (by name: later edits of the file show up) with the chart settings in use. */
  'pins:add': command(z.object({ queryName, title: z.string().trim().min(1).max(120), chart: pinChartSchema }).strict()).returns<PinView>(),
  /** Removes the tile only; the saved query stays. */
  'pins:remove': command(z.object({ pinId }).strict()).returns<{ removed: boolean }>(),
  /** Moves a tile to `position` (0 = first) and/or changes its size; replies with the new layout. */
  'pins:move': command(
    z.object({ pinId, position: z.number().int().min(0).max(1000).optional(), size: z.enum(PIN_SIZES).optional() }).strict(),
  ).returns<PinList>(),
  /** Runs a tile's saved query with the controls' values for its parameters, through the workbench's read-only walls. */
  'pins:run': command(z.object({ requestId, pinId, controls: dashboardControlsSchema }).strict()).returns<PinRunResult>(),
  /** The workbench's run of a query that declares parameters: the statement with them filled from the controls, as pins:run would. */
  'pins:fill': command(z.object({ sql: z.string().max(1_000_000, 'SQL longer than 1 MB'), controls: dashboardControlsSchema }).strict()).returns<FilledSql>(),
  /** Stops a tile's run still queued or running; it rejects with CANCELLED. */
  'pins:cancel': command(z.object({ requestId }).strict()).returns<{ cancelled: boolean }>(),
};
