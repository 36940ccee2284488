/** Where the station keeps its data when --data is not given. */
import { homedir } from 'node:os';
import { join } from 'node:path';

const PRODUCT_NAME = 'Review Station';

/** The same folder Electron's app.getPath('userData') gives, so both modes share one station. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}
