// A real warehouse in a temp folder with the workbench service behind the real dispatcher, so
// tests call `query:*` commands exactly as the renderer does (zod parse, envelope, JSON).
import { OrchardError } from '../../../shared/errors';
import type { CommandInput, CommandName, CommandOutput } from '../../../shared/ipc/contract';
import type { ExportProgress } from '../../../shared/workbench';
import { createDispatcher } from '../../../main/ipc/dispatch';
import type { Handlers } from '../../../main/ipc/handlerTypes';
import { queryHandlers } from '../../../main/ipc/handlers/queryHandlers';
import { confirmHandlers } from '../../../main/ipc/handlers/confirmHandlers';
import type { DesktopDialogs } from '../../../main/platform/desktopDialogs';
import { createConfirmationGate } from '../../../main/security/confirmationGate';
import { createDownloadTickets, type DownloadTickets } from '../../../main/security/downloadTickets';
import { silentLogger } from '../../../main/logging/logger';
import { createWorkbench, type Workbench } from '../../../main/workbench';
import { createWorkspace, type Workspace } from '../warehouse/support';
export { failure } from '../../support/failure';

export interface WorkbenchHarness {
  ws: Workspace;
  dataDir: string;
  workbench: Workbench;
  progress: ExportProgress[];
  /** Browser mode (no dialogs): the one-time download URLs finished exports get. */
  downloads: DownloadTickets;
  call<N extends CommandName>(command: N, input: CommandInput<N>): Promise<CommandOutput<N>>;
  /** A second workbench over the same folder, as after a restart. */
  reopen(): Workbench;
  cleanup(): Promise<void>;
}

/** A query that runs for minutes unless interrupted. */
export const ENDLESS = 'SELECT count(*) FROM range(1000000) a, range(1000000) b WHERE a.range + b.range = -1';

/** `dialogs` makes it the desktop app (native save and confirmation dialogs); without, browser mode. */
export async function createHarness(options: { previewBudgetMs?: number; dialogs?: DesktopDialogs } = {}): Promise<WorkbenchHarness> {
  const ws = await createWorkspace();
  const progress: ExportProgress[] = [];
  const { dialogs, ...tuning } = options;
  const downloads = createDownloadTickets(() => new Date());
  const make = () =>
    createWorkbench({
      warehouse: ws.warehouse,
      onExportProgress: (p) => progress.push(p),
      logger: silentLogger,
      now: () => new Date('2026-03-01T10:00:00Z'),
      ...tuning,
      ...(dialogs ? { dialogs } : { downloads }),
    });
  const workbench = make();
  const gate = createConfirmationGate({ now: () => new Date(), ...(dialogs ? { dialogs } : {}) });
  // Only query:* and confirm:* commands are called here; the other domains' handlers are absent on purpose.
  const dispatch = createDispatcher({ ...queryHandlers(workbench, gate), ...confirmHandlers(gate) } as unknown as Handlers, silentLogger);
  return {
    ws,
    dataDir: ws.warehouse.dataDir,
    workbench,
    progress,
    downloads,
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
