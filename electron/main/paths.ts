/*
 * Where the app keeps its data when no Electron is there to ask: the same
 * user-data folder Electron's app.getPath('userData') gives (the app-data
 * folder of the platform plus the package name), so the desktop window and
 * browser mode share one database.
 */
import os from 'node:os'
import path from 'node:path'
import packageJson from '../../package.json' with { type: 'json' }

export const APP_NAME: string = packageJson.name

export function userDataDir(
  env: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform
): string {
  const home = env.HOME ?? os.homedir()
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_NAME)
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_NAME)
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), APP_NAME)
}

/** The database file's name without its extension: what the files kept with it are named after. */
export const storeStem = (dbPath: string): string => path.basename(dbPath).replace(/\.[^.]*$/, '')

/** `<folder of the database>/<stem><suffix>`: a file or folder that belongs to this store and sits beside it. */
export const besideStore = (dbPath: string, suffix: string): string =>
  path.join(path.dirname(dbPath), `${storeStem(dbPath)}${suffix}`)
