// The Insights dashboard commands, typed from their own contract file (shared/ipc/dashboardCommands),
// so the renderer builds whether or not the contract map already spreads them in.
import type { z } from 'zod';
import type { dashboardCommands } from '../../../shared/ipc/dashboardCommands';
import type { OrchardClient } from '../../ipc/client';

type DashboardCommands = typeof dashboardCommands;
export type DashboardCommand = keyof DashboardCommands;
export type DashboardInput<N extends DashboardCommand> = z.input<DashboardCommands[N]['input']>;
export type DashboardOutput<N extends DashboardCommand> = NonNullable<DashboardCommands[N]['output']>;

type LooseInvoke = (command: string, input: unknown) => Promise<unknown>;

export function invokeDashboard<N extends DashboardCommand>(client: OrchardClient, command: N, input: DashboardInput<N>): Promise<DashboardOutput<N>> {
  return (client.invoke as unknown as LooseInvoke)(command, input) as Promise<DashboardOutput<N>>;
}
