// DesktopDialogs over Electron's native dialogs, attached to the app window: the save dialog for
// exports (it asks before replacing a file) and the confirmation for destructive actions. Main
// opens both itself, so the renderer can neither choose the path nor answer for the user.
import path from 'node:path';
import type { BrowserWindow, MessageBoxOptions, SaveDialogOptions, Dialog } from 'electron';
import type { DesktopDialogs } from '../platform/desktopDialogs';

export interface ElectronDialogDeps {
  dialog: Pick<Dialog, 'showSaveDialog' | 'showMessageBox'>;
  /** The window the dialog belongs to (sheet on macOS); none while no window is open. */
  window: () => BrowserWindow | undefined;
  /** Folder the save dialog starts in, e.g. the user's Downloads folder. */
  defaultFolder: () => string;
}

export function createElectronDialogs(deps: ElectronDialogDeps): DesktopDialogs {
  return {
    async saveFile({ defaultName, extension, formatLabel }) {
      const options: SaveDialogOptions = {
        title: `Export as ${formatLabel}`,
        defaultPath: path.join(deps.defaultFolder(), defaultName),
        filters: [{ name: formatLabel, extensions: [extension.replace(/^\./, '')] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const win = deps.window();
      const result = win ? await deps.dialog.showSaveDialog(win, options) : await deps.dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async confirm({ title, message, detail, confirmLabel }) {
      const options: MessageBoxOptions = {
        type: 'warning',
        title,
        message,
        detail,
        buttons: [confirmLabel, 'Cancel'],
        // Enter and Escape both keep things as they are: only a deliberate click confirms.
        defaultId: 1,
        cancelId: 1,
        noLink: true,
      };
      const win = deps.window();
      const { response } = win ? await deps.dialog.showMessageBox(win, options) : await deps.dialog.showMessageBox(options);
      return response === 0;
    },
  };
}
