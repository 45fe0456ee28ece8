// The one typed map of everything the renderer may ask of the main process. Main, preload,
// the loopback bridge and the renderer client all derive their types from it.
// To add a command: add it to a domain file's map (or a new one spread in below), then add its
// handler in main/ipc/handlers — the compiler lists what is missing.
import type { z } from 'zod';
import { appCommands } from './appCommands';
import { appsCommands } from './appsCommands';
import { keyCommands } from './keyCommands';
import { syncCommands } from './syncCommands';
import { browseCommands } from './browseCommands';
import { queryCommands } from './queryCommands';
import { confirmCommands } from './confirmCommands';
import { salesCommands } from './salesCommands';
import { warehouseCommands } from './warehouseCommands';
import { quarantineCommands } from './quarantineCommands';
import { importCommands } from './importCommands';
import { insightsCommands } from './insightsCommands';
import { dashboardCommands } from './dashboardCommands';
import { pinCommands } from './pinCommands';
import { updateCommands } from './updateCommands';
import { lakeCommands } from './lakeCommands';

export const commands = {
  ...appCommands,
  ...keyCommands,
  ...appsCommands,
  ...syncCommands,
  ...browseCommands,
  ...queryCommands,
  ...confirmCommands,
  ...salesCommands,
  ...warehouseCommands,
  ...quarantineCommands,
  ...importCommands,
  ...insightsCommands,
  ...dashboardCommands,
  ...pinCommands,
  ...updateCommands,
  ...lakeCommands,
};

export type Commands = typeof commands;
export type CommandName = keyof Commands;
/** What the renderer sends (before defaults and transforms). */
export type CommandInput<N extends CommandName> = z.input<Commands[N]['input']>;
/** What a handler receives, after the schema parsed it. */
export type ParsedInput<N extends CommandName> = z.output<Commands[N]['input']>;
export type CommandOutput<N extends CommandName> = NonNullable<Commands[N]['output']>;

export const COMMAND_NAMES = Object.keys(commands) as CommandName[];

export function isCommandName(value: unknown): value is CommandName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(commands, value);
}
