// The menu template: standard roles everywhere, the macOS app menu only on macOS, reload and
// developer tools only in development.
import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { appMenuTemplate } from '../../../main/app/appMenu';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe('appMenuTemplate', () => {
  it('gives macOS its app menu and the standard edit/window menus', () => {
    const all = roles(appMenuTemplate({ platform: 'darwin', isDev: false, openHelp: () => {} }));
    expect(all.slice(0, 4)).toEqual(['appMenu', 'fileMenu', 'editMenu', 'resetZoom']);
    expect(all).toContain('windowMenu');
    expect(all).toContain('togglefullscreen');
  });

  it('has no macOS app menu elsewhere', () => {
    expect(roles(appMenuTemplate({ platform: 'win32', isDev: false, openHelp: () => {} }))).not.toContain('appMenu');
  });

  it('offers reload and developer tools only in development', () => {
    const shipped = roles(appMenuTemplate({ platform: 'linux', isDev: false, openHelp: () => {} }));
    const dev = roles(appMenuTemplate({ platform: 'linux', isDev: true, openHelp: () => {} }));
    for (const role of ['reload', 'forceReload', 'toggleDevTools']) {
      expect(shipped).not.toContain(role);
      expect(dev).toContain(role);
    }
  });

  it('opens the help page through the callback', () => {
    const openHelp = vi.fn();
    const help = appMenuTemplate({ platform: 'linux', isDev: false, openHelp }).find((m) => m.role === 'help')!;
    const item = (help.submenu as MenuItemConstructorOptions[])[0]!;
    (item.click as () => void)();
    expect(openHelp).toHaveBeenCalledOnce();
  });
});
