// Finds an installed Electron binary WITHOUT triggering the electron package's lazy download
// (requiring 'electron' would fetch it from GitHub when missing).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

export function installedElectronBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  const pkg = path.join(REPO_ROOT, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const binary = env.ELECTRON_OVERRIDE_DIST_PATH
    ? path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? 'electron')
    : relative && path.join(pkg, 'dist', relative);
  return binary && existsSync(binary) ? binary : null;
}

/**
 * Why the Electron specs cannot run here, or null when they can. CI sets ORCHARD_REQUIRE_ELECTRON=1
 * where Electron installs: there a missing binary throws (the spec file fails) instead of skipping.
 */
export function electronSkipReason(env: NodeJS.ProcessEnv = process.env): string | null {
  if (installedElectronBinary(env) !== null) return null;
  if (env.ORCHARD_REQUIRE_ELECTRON === '1') {
    throw new Error('ORCHARD_REQUIRE_ELECTRON=1, but the Electron binary is not installed (node_modules/electron/path.txt): `npm ci` should have downloaded it');
  }
  return 'Electron binary not installed on this machine (downloads are blocked); run where it is';
}
