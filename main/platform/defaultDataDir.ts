// The folder Electron would use as userData for "Orchard", computed without Electron, so the
// app, the browser mode and the CLI share one warehouse by default.
import os from 'node:os';
import path from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.ORCHARD_DATA_DIR) return path.resolve(env.ORCHARD_DATA_DIR);
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Orchard');
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Orchard');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Orchard');
}
