// Native dialogs only a desktop host has (the Electron shell implements them in main/app;
// browser mode and tests have none). Main opens them itself, so what the user answers there
// cannot be forged by the renderer.

export interface SaveDialogRequest {
  /** File name proposed in the dialog, extension included. */
  defaultName: string;
  /** The one extension allowed, with its dot: `.csv`. */
  extension: string;
  /** Shown as the file type, e.g. `CSV`. */
  formatLabel: string;
}

export interface ConfirmRequest {
  title: string;
  /** One sentence naming what is about to happen and to what. */
  message: string;
  detail: string;
  confirmLabel: string;
}

export interface FolderDialogRequest {
  title: string;
  /** The button that accepts the folder, e.g. `Publish here`. */
  buttonLabel: string;
}

export interface DesktopDialogs {
  /** The absolute path the user chose, or null when cancelled. The dialog itself asks before replacing a file. */
  saveFile(request: SaveDialogRequest): Promise<string | null>;
  /** True only when the user pressed the confirm button. */
  confirm(request: ConfirmRequest): Promise<boolean>;
  /** The absolute path of the folder the user chose (it may create one), or null when cancelled. */
  chooseFolder?(request: FolderDialogRequest): Promise<string | null>;
}
