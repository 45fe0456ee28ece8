// The built installer as a user gets it, for packagedApp.spec.ts: unpack or install the artefact
// (dmg, NSIS exe, AppImage or an unpacked folder) into a temp folder, start the app binary and
// drive its window over the Chrome DevTools Protocol. Playwright's _electron cannot attach: the
// packaged binary's fuses turn off --inspect, which it needs; --remote-debugging-port is Chromium's.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';

export interface InstalledApp {
  executable: string;
  /** The folder holding app.asar and app.asar.unpacked. */
  resources: string;
  uninstall(): void;
}

function run(cmd: string, args: string[], cwd?: string): void {
  const res = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 600_000 });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${res.status}): ${res.stderr || res.stdout || res.error}`);
}

/** The app inside an unpacked folder: Orchard.app (macOS), Orchard.exe (Windows), orchard (Linux). */
function appIn(folder: string, uninstall: () => void = () => undefined): InstalledApp {
  const bundle = folder.endsWith('.app') ? folder : path.join(folder, 'Orchard.app');
  if (existsSync(bundle)) return { executable: path.join(bundle, 'Contents', 'MacOS', 'Orchard'), resources: path.join(bundle, 'Contents', 'Resources'), uninstall };
  for (const name of ['Orchard.exe', 'orchard']) {
    if (existsSync(path.join(folder, name))) return { executable: path.join(folder, name), resources: path.join(folder, 'resources'), uninstall };
  }
  throw new Error(`No Orchard app in ${folder}: ${readdirSync(folder).join(', ')}`);
}

/** Installs or unpacks `artefact` under `into` the way a user would, without touching the system. */
export function installArtefact(artefact: string, into: string): InstalledApp {
  mkdirSync(into, { recursive: true });
  if (statSync(artefact).isDirectory()) return appIn(artefact);
  if (artefact.endsWith('.dmg')) {
    const mount = path.join(into, 'dmg');
    run('hdiutil', ['attach', '-nobrowse', '-readonly', '-mountpoint', mount, artefact]);
    try {
      // ditto keeps the bundle's signature, symlinks and extended attributes, as a drag to Applications does.
      run('ditto', [path.join(mount, 'Orchard.app'), path.join(into, 'Applications', 'Orchard.app')]);
    } finally {
      run('hdiutil', ['detach', mount, '-force']);
    }
    return appIn(path.join(into, 'Applications', 'Orchard.app'));
  }
  if (artefact.endsWith('.exe')) {
    // electron-builder's NSIS: /S silent, per-user; /D= must come last and unquoted.
    const target = path.join(into, 'Orchard');
    run(artefact, ['/S', `/D=${target}`]);
    const uninstaller = path.join(target, 'Uninstall Orchard.exe');
    return appIn(target, () => {
      if (existsSync(uninstaller)) run(uninstaller, ['/S']);
    });
  }
  if (artefact.endsWith('.AppImage')) {
    const copy = path.join(into, path.basename(artefact));
    cpSync(artefact, copy);
    run(copy, ['--appimage-extract'], into);
    return appIn(path.join(into, 'squashfs-root'));
  }
  throw new Error(`Unknown artefact type: ${artefact}`);
}

export interface RunningApp {
  page: Page;
  /** Everything the app printed so far (its JSON log lines go to stderr). */
  output(): string;
  /** Quits the way a user does and resolves with the exit code. */
  quit(): Promise<number | null>;
}

function devToolsEndpoint(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const onData = () => {
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(output());
      if (m) {
        child.stderr?.off('data', onData);
        resolve(m[1]!);
      }
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`The app exited (${code}) before its window was reachable:\n${output()}`)));
  });
}

async function orchardPage(browser: Browser): Promise<Page> {
  const context = browser.contexts()[0] ?? (await browser.newContext());
  const isApp = (p: Page) => p.url().startsWith('app://orchard');
  return context.pages().find(isApp) ?? (await context.waitForEvent('page', { predicate: isApp, timeout: 120_000 }));
}

export async function launchApp(app: InstalledApp, env: Record<string, string>): Promise<RunningApp> {
  const rootUser = process.platform === 'linux' && process.getuid?.() === 0;
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv.ELECTRON_RUN_AS_NODE;
  const child = spawn(app.executable, ['--remote-debugging-port=0', ...(rootUser ? ['--no-sandbox'] : [])], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let printed = '';
  const output = () => printed;
  child.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const browser = await chromium.connectOverCDP(await devToolsEndpoint(child, output));
  const page = await orchardPage(browser);
  return {
    page,
    output,
    async quit() {
      // Closing the last window quits on Windows and Linux; macOS keeps the app running, and a
      // SIGTERM there goes through Electron's orderly quit (before-quit, then exit).
      await page.evaluate(() => window.close()).catch(() => undefined);
      if (process.platform === 'darwin') child.kill('SIGTERM');
      const code = await exited;
      await browser.close().catch(() => undefined);
      return code;
    },
  };
}
