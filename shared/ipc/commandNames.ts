// Every command name, without zod: the preload (sandboxed, loaded in every window) checks names
// against this list instead of bundling the whole contract. The compiler keeps it equal to the
// contract's keys in both directions, so a new command fails `tsc` until it is listed here.
import type { CommandName } from './contract';

export const COMMAND_NAMES_LIST = [
  'app:info',
  'prefs:get',
  'prefs:update',
  'keys:list',
  'keys:storeStatus',
  'keys:inspect',
  'keys:add',
  'keys:test',
  'keys:remove',
  'keys:setDefault',
  'apps:list',
  'apps:selected',
  'apps:select',
  'sync:start',
  'sync:cancel',
  'sync:running',
  'sync:history',
  'sync:reportStatuses',
  'browse:overview',
  'browse:requests',
  'requests:create',
  'requests:delete',
  'requests:recreate',
  'browse:reports',
  'reports:setSelection',
  'browse:instances',
  'browse:instance',
  'settings:get',
  'settings:update',
  'settings:revealDataDir',
  'query:run',
  'query:wait',
  'query:cancel',
  'query:page',
  'query:release',
  'query:catalogue',
  'query:chart',
  'query:tabs',
  'query:saveTabs',
  'query:history',
  'query:clearHistory',
  'query:savedList',
  'query:save',
  'query:deleteSaved',
  'query:exportTarget',
  'query:export',
  'query:cancelExport',
  'confirm:prepare',
  'sales:status',
  'sales:setVendor',
  'sales:setKept',
  'sales:start',
  'sales:cancel',
  'sales:dates',
  'sales:totals',
  'sales:importFxRates',
  'sales:setReportingCurrency',
  'warehouse:health',
  'warehouse:rebuild',
  'quarantine:list',
  'quarantine:clear',
  'imports:begin',
  'imports:chunk',
  'imports:finish',
  'imports:abort',
  'imports:list',
  'imports:drop',
  'insights:headlines',
  'pins:list',
  'pins:add',
  'pins:remove',
  'pins:move',
  'pins:run',
  'pins:fill',
  'pins:cancel',
] as const;

type Listed = (typeof COMMAND_NAMES_LIST)[number];
type Missing = Exclude<CommandName, Listed>;
type Extra = Exclude<Listed, CommandName>;
export const COMMAND_LIST_IS_EXACT: [Missing, Extra] extends [never, never] ? true : { missing: Missing; extra: Extra } = true;

const known: ReadonlySet<string> = new Set(COMMAND_NAMES_LIST);

export function isListedCommand(value: unknown): value is CommandName {
  return typeof value === 'string' && known.has(value);
}
