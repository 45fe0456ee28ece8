// A real warehouse in a temp folder with the workbench service behind the real dispatcher, so
// tests call `query:*` commands exactly as the renderer does (zod parse, envelope, JSON).
import { OrchardError } from '../../../shared/errors';
import type { CommandInput, CommandName, CommandOutput } from '../../../shared/ipc/contract';
import type { ExportProgress } from '../../../shared/workbench';
import { createDispatcher } from '../../../main/ipc/dispatch';
import type { Handlers } from '../../../main/ipc/handlerTypes';
import { queryHandlers } from '../../../main/ipc/handlers/queryHandlers';
import { silentLogger } from '../../../main/logging/logger';
import { createWorkbench, type Workbench } from '../../../main/workbench';
import { createWorkspace, type Workspace } from '../warehouse/support';
export { failure } from '../../support/failure';

export interface WorkbenchHarness {
  ws: Workspace;
  dataDir: string;
  workbench: Workbench;
  progress: ExportProgress[];
  call<N extends CommandName>(command: N, input: CommandInput<N>): Promise<CommandOutput<N>>;
  /** A second workbench over the same folder, as after a restart. */
  reopen(): Workbench;
  cleanup(): Promise<void>;
}

/** A query that runs for minutes unless interrupted. */
export const ENDLESS = 'SELECT count(*) FROM range(1000000) a, range(1000000) b WHERE a.range + b.range = -1';

export async function createHarness(options: { previewBudgetMs?: number } = {}): Promise<WorkbenchHarness> {
  const ws = await createWorkspace();
  const progress: ExportProgress[] = [];
  const make = () =>
    createWorkbench({
      warehouse: ws.warehouse,
      onExportProgress: (p) => progress.push(p),
      logger: silentLogger,
      now: () => new Date('2026-03-01T10:00:00Z'),
      ...options,
    });
  const workbench = make();
  // Only query:* commands are called here; the other domains' handlers are absent on purpose.
  const dispatch = createDispatcher(queryHandlers(workbench) as unknown as Handlers, silentLogger);
  return {
    ws,
    dataDir: ws.warehouse.dataDir,
    workbench,
    progress,
    async call(command, input) {
      // Through JSON both ways, like the loopback bridge and Electron's structured clone.
      const envelope = JSON.parse(JSON.stringify(await dispatch(command, JSON.parse(JSON.stringify(input)), { transport: 'test' })));
      if (!envelope.ok) throw OrchardError.fromPayload(envelope.error);
      return envelope.value;
    },
    reopen: make,
    async cleanup() {
      await workbench.close();
      await ws.cleanup();
    },
  };
}


export const newId = () => crypto.randomUUID();
