// Electron transport for the IPC contract: one invoke channel whose sender must be a frame showing
// the app's own page before anything reaches services.dispatch, and one event channel fanning
// service events out to every live app window.
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/ipc/bridge';
import type { Envelope } from '../../shared/ipc/define';
import type { Logger } from '../logging/logger';
import type { Services } from '../services';
import { isTrustedSenderUrl } from './appOrigin';

function forbidden(): Envelope<never> {
  return { ok: false, error: { code: 'FORBIDDEN', message: 'This page is not allowed to talk to Orchard.' } };
}

export function handleInvoke(
  services: Pick<Services, 'dispatch'>,
  logger: Logger,
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  command: unknown,
  payload: unknown,
): Promise<Envelope<unknown>> {
  const url = event.senderFrame?.url;
  if (!isTrustedSenderUrl(url)) {
    logger.warn('ipc.untrusted_sender', {
      url: String(url ?? '(no frame)').slice(0, 200),
      command: typeof command === 'string' ? command.slice(0, 80) : typeof command,
    });
    return Promise.resolve(forbidden());
  }
  return services.dispatch(command, payload, { transport: 'electron' });
}

/** Registers the handler and the event fan-out; returns a function undoing both. */
export function bindIpc(services: Pick<Services, 'dispatch' | 'events'>, logger: Logger): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, (event, command: unknown, payload: unknown) =>
    handleInvoke(services, logger, event, command, payload),
  );
  const unsubscribe = services.events.subscribe((name, payload) => {
    for (const win of BrowserWindow.getAllWindows()) {
      const contents = win.webContents;
      // Only pages on the app origin hear events, even if a window ever ended up elsewhere.
      if (win.isDestroyed() || contents.isDestroyed() || !isTrustedSenderUrl(contents.getURL())) continue;
      contents.send(IPC_EVENT_CHANNEL, name, payload);
    }
  });
  return () => {
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
    unsubscribe();
  };
}
