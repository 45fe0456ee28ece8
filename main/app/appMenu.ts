// The application menu: standard roles (so copy/paste, undo, zoom, full screen and window
// shortcuts work as users expect on each OS), with reload and devtools only in development, and
// File › Open lake… / Close lake when the host offers them.
import type { MenuItemConstructorOptions } from 'electron';

export interface AppMenuOptions {
  platform: NodeJS.Platform;
  /** Unpackaged runs (npm start): adds reload and developer tools. */
  isDev: boolean;
  openHelp: () => void;
  /** File › Open lake… (and Close lake while one is open); without it File is the standard one. */
  lake?: { open: () => void; close: () => void; inLake: boolean };
}

function fileMenu(mac: boolean, lake: NonNullable<AppMenuOptions['lake']>): MenuItemConstructorOptions {
  return {
    role: 'fileMenu',
    // A submenu given replaces the role's own (Close Window on macOS, Quit elsewhere): both stay below.
    submenu: [
      { label: 'Open Lake…', click: () => lake.open() },
      ...(lake.inLake ? [{ label: 'Close Lake', click: () => lake.close() } satisfies MenuItemConstructorOptions] : []),
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
}

export function appMenuTemplate(opts: AppMenuOptions): MenuItemConstructorOptions[] {
  const mac = opts.platform === 'darwin';
  const devItems: MenuItemConstructorOptions[] = opts.isDev
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : [];
  return [
    ...(mac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    opts.lake ? fileMenu(mac, opts.lake) : { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...devItems,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'App Store Connect Analytics Reports', click: () => opts.openHelp() }],
    },
  ];
}
