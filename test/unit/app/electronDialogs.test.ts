// The native dialogs main opens for exports and destructive actions, with a fake Electron dialog:
// what they show, which button confirms, and that cancelling reads as "no".
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserWindow, MessageBoxOptions, SaveDialogOptions } from 'electron';
import { createElectronDialogs } from '../../../main/app/electronDialogs';

function fakeDialog(answers: { save?: { canceled: boolean; filePath?: string }; response?: number }) {
  const seen: { kind: string; parent: unknown; options: SaveDialogOptions | MessageBoxOptions }[] = [];
  const record = (kind: string, a: unknown, b: unknown) => {
    const [parent, options] = b === undefined ? [undefined, a] : [a, b];
    seen.push({ kind, parent, options: options as SaveDialogOptions | MessageBoxOptions });
  };
  const dialog = {
    showSaveDialog: async (a: unknown, b?: unknown) => {
      record('save', a, b);
      return { canceled: false, filePath: '', ...answers.save };
    },
    showMessageBox: async (a: unknown, b?: unknown) => {
      record('message', a, b);
      return { response: answers.response ?? 1, checkboxChecked: false };
    },
  };
  return { dialog: dialog as never, seen };
}

const win = { id: 1 } as unknown as BrowserWindow;

describe('save dialog', () => {
  it('opens on the app window in the default folder, filtered to the format, asking before replacing', async () => {
    const fake = fakeDialog({ save: { canceled: false, filePath: '/Users/me/Downloads/Sales.csv' } });
    const dialogs = createElectronDialogs({ dialog: fake.dialog, window: () => win, defaultFolder: () => '/Users/me/Downloads' });
    await expect(dialogs.saveFile({ defaultName: 'Sales.csv', extension: '.csv', formatLabel: 'CSV' })).resolves.toBe('/Users/me/Downloads/Sales.csv');
    expect(fake.seen).toEqual([
      {
        kind: 'save',
        parent: win,
        options: {
          title: 'Export as CSV',
          defaultPath: path.join('/Users/me/Downloads', 'Sales.csv'),
          filters: [{ name: 'CSV', extensions: ['csv'] }],
          properties: ['createDirectory', 'showOverwriteConfirmation'],
        },
      },
    ]);
  });

  it('answers null when the user cancels, and works without a window', async () => {
    const fake = fakeDialog({ save: { canceled: true } });
    const dialogs = createElectronDialogs({ dialog: fake.dialog, window: () => undefined, defaultFolder: () => '/tmp' });
    await expect(dialogs.saveFile({ defaultName: 'x.parquet', extension: '.parquet', formatLabel: 'Parquet' })).resolves.toBeNull();
    expect(fake.seen[0]?.parent).toBeUndefined();
  });
});

describe('confirmation', () => {
  const request = { title: 'Remove API key', message: 'Remove the API key “Team” (ABC)?', detail: 'Deleted from the keychain.', confirmLabel: 'Remove key' };

  it('confirms only on the first button; Enter and Escape pick Cancel', async () => {
    const yes = fakeDialog({ response: 0 });
    await expect(createElectronDialogs({ dialog: yes.dialog, window: () => win, defaultFolder: () => '/tmp' }).confirm(request)).resolves.toBe(true);
    expect(yes.seen[0]?.options).toMatchObject({ type: 'warning', title: request.title, message: request.message, detail: request.detail, buttons: ['Remove key', 'Cancel'], defaultId: 1, cancelId: 1 });
    const no = fakeDialog({ response: 1 });
    await expect(createElectronDialogs({ dialog: no.dialog, window: () => win, defaultFolder: () => '/tmp' }).confirm(request)).resolves.toBe(false);
  });
});
