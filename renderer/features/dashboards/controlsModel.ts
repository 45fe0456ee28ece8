// The dashboard controls as the user sets them (a range preset, "the selected app"), how they
// persist, and the exact DashboardControls they stand for on a given day.
import {
  COMPARISONS,
  DASHBOARD_GRANULARITIES,
  FILTER_DIMENSIONS,
  MAX_FILTER_VALUES,
  MAX_RANGE_DAYS,
  TOP_N_RANGE,
  type Comparison,
  type DashboardControls,
  type DashboardGranularity,
  type FilterDimension,
} from '../../../shared/dashboards';

export const RANGE_PRESETS = [
  { id: '7d', label: 'Last 7 days', days: 7 },
  { id: '28d', label: 'Last 28 days', days: 28 },
  { id: '90d', label: 'Last 90 days', days: 90 },
  { id: '12m', label: 'Last 12 months', days: 365 },
] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number]['id'] | 'custom';

/** 'selected' follows the app switcher; a list pins several apps. */
export type AppScope = 'selected' | 'all' | string[];

export interface ControlsState {
  apps: AppScope;
  range: RangePreset;
  /** Used when `range` is 'custom'. */
  customFrom: string;
  customTo: string;
  granularity: DashboardGranularity;
  filters: Partial<Record<FilterDimension, string[]>>;
  compare: Comparison;
  topN: number;
}

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const APP_ID = /^\d{1,20}$/;

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** Presets are asked as ending yesterday (UTC); main moves them to end where every chosen app's data ends. */
export function defaultControlsState(today: Date): ControlsState {
  const to = addDays(isoDay(today), -1);
  return { apps: 'selected', range: '28d', customFrom: addDays(to, -27), customTo: to, granularity: 'DAILY', filters: {}, compare: 'previous', topN: TOP_N_RANGE.default };
}

export function rangeOf(state: ControlsState, today: Date): { from: string; to: string } {
  const preset = RANGE_PRESETS.find((p) => p.id === state.range);
  if (preset === undefined) return { from: state.customFrom, to: state.customTo };
  const to = addDays(isoDay(today), -1);
  return { from: addDays(to, 1 - preset.days), to };
}

/** Null while the controls cannot ask for anything (no app selected, a custom range upside down). */
export function toControls(state: ControlsState, selectedApp: string | undefined, today: Date): DashboardControls | null {
  const apps = state.apps === 'selected' ? (selectedApp ? [selectedApp] : null) : state.apps;
  if (apps === null || (Array.isArray(apps) && apps.length === 0)) return null;
  const { from, to } = rangeOf(state, today);
  if (!ISO_DAY.test(from) || !ISO_DAY.test(to) || from > to || daysBetween(from, to) > MAX_RANGE_DAYS) return null;
  const filters: Partial<Record<FilterDimension, string[]>> = {};
  for (const dimension of FILTER_DIMENSIONS) {
    const values = state.filters[dimension];
    if (values && values.length > 0) filters[dimension] = values;
  }
  // A preset means "the last N": main ends it at the newest period every chosen app has published.
  const endAtData = state.range !== 'custom';
  return { apps, from, to, granularity: state.granularity, filters, compare: state.compare, topN: state.topN, ...(endAtData ? { endAtData } : {}) };
}

function stringList(value: unknown, valid: (s: string) => boolean, max: number): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const list = value.filter((v): v is string => typeof v === 'string' && valid(v));
  return list.slice(0, max);
}

/** Reads what localStorage held, keeping each field only when it is still valid. */
export function parseControlsState(raw: string | null, today: Date): ControlsState {
  const state = defaultControlsState(today);
  if (raw === null) return state;
  let value: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return state;
    value = parsed as Record<string, unknown>;
  } catch {
    return state;
  }
  if (value.apps === 'all' || value.apps === 'selected') state.apps = value.apps;
  else state.apps = stringList(value.apps, (s) => APP_ID.test(s), 200) ?? state.apps;
  if (typeof value.range === 'string' && (value.range === 'custom' || RANGE_PRESETS.some((p) => p.id === value.range))) state.range = value.range as RangePreset;
  if (typeof value.customFrom === 'string' && ISO_DAY.test(value.customFrom)) state.customFrom = value.customFrom;
  if (typeof value.customTo === 'string' && ISO_DAY.test(value.customTo)) state.customTo = value.customTo;
  if (DASHBOARD_GRANULARITIES.includes(value.granularity as DashboardGranularity)) state.granularity = value.granularity as DashboardGranularity;
  if (COMPARISONS.includes(value.compare as Comparison)) state.compare = value.compare as Comparison;
  if (typeof value.topN === 'number' && Number.isInteger(value.topN) && value.topN >= TOP_N_RANGE.min && value.topN <= TOP_N_RANGE.max) state.topN = value.topN;
  if (typeof value.filters === 'object' && value.filters !== null) {
    const filters = value.filters as Record<string, unknown>;
    for (const dimension of FILTER_DIMENSIONS) {
      const list = stringList(filters[dimension], (s) => s.length > 0 && s.length <= 200, MAX_FILTER_VALUES);
      if (list && list.length > 0) state.filters[dimension] = list;
    }
  }
  return state;
}
