// File › Open lake… / Close lake: the relaunch command line carries exactly one `--lake <folder>`
// (or none), whatever the current one held, and the File menu offers Close only inside a lake.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { appMenuTemplate } from '../../../main/app/appMenu';
import { lakeArgument, lakeFolderProblem, relaunchArgs } from '../../../main/app/lakeLaunch';

describe('lake launch arguments', () => {
  it('reads --lake <dir> and --lake=<dir>, and nothing without the flag', () => {
    expect(lakeArgument(['electron', '.', '--lake', '/mnt/lake'])).toBe('/mnt/lake');
    expect(lakeArgument(['app', '--lake=/mnt/other'])).toBe('/mnt/other');
    expect(lakeArgument(['app', '--inspect'])).toBeUndefined();
  });

  it('replaces any lake on the relaunch command line, or drops it to close the lake', () => {
    const current = ['.', '--lake', '/old', '--lang=en', '--lake=/older'];
    expect(relaunchArgs(current, '/new')).toEqual(['.', '--lang=en', '--lake', '/new']);
    expect(relaunchArgs(current, null)).toEqual(['.', '--lang=en']);
    expect(lakeArgument(relaunchArgs(current, '/new'))).toBe('/new');
  });

  it('refuses a folder that is not a published lake, naming what is missing', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'orchard-not-a-lake-'));
    try {
      expect(await lakeFolderProblem(dir)).toMatch(/not an Orchard lake .*_orchard\/current\.json/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('File menu with a lake host', () => {
  const fileItems = (inLake: boolean, open = vi.fn(), close = vi.fn()) => {
    const file = appMenuTemplate({ platform: 'linux', isDev: false, openHelp: () => {}, lake: { inLake, open, close } })
      .find((m) => m.label === 'File' || m.role === 'fileMenu')!;
    return { items: file.submenu as MenuItemConstructorOptions[], open, close };
  };

  it('offers Open Lake… always and Close Lake only while a lake is open', () => {
    expect(fileItems(false).items.map((i) => i.label).filter(Boolean)).toEqual(['Open Lake…']);
    const { items, open, close } = fileItems(true);
    expect(items.map((i) => i.label).filter(Boolean)).toEqual(['Open Lake…', 'Close Lake']);
    (items.find((i) => i.label === 'Open Lake…')!.click as () => void)();
    (items.find((i) => i.label === 'Close Lake')!.click as () => void)();
    expect(open).toHaveBeenCalledOnce();
    expect(close).toHaveBeenCalledOnce();
  });
});
