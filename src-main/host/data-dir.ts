import crypto from 'node:crypto'
import os from 'node:os'
import path from 'node:path'

/**
 * Where Drydock keeps what must survive a restart (each app's history and
 * settings): `DRYDOCK_DATA_DIR` when set (tests point it at a temp folder),
 * else the platform's place for application data, as Electron's `userData` is.
 */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DRYDOCK_DATA_DIR) return path.resolve(env.DRYDOCK_DATA_DIR)
  const home = os.homedir()
  if (process.platform === 'darwin')
    return path.join(home, 'Library', 'Application Support', 'Drydock')
  if (process.platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Drydock')
  return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'drydock')
}

/**
 * The folder of one repository's apps: named after the repository's folder,
 * with a hash of its full path so two `web` repositories do not share one.
 */
export function repositoryDataDir(root: string, repoPath: string): string {
  const resolved = path.resolve(repoPath)
  const hash = crypto.createHash('sha256').update(resolved).digest('hex').slice(0, 12)
  const name = path.basename(resolved).replace(/[^A-Za-z0-9._-]/g, '_') || 'repository'
  return path.join(root, 'repositories', `${name}-${hash}`)
}

/** The folder of one app of a repository. */
export function appDataDir(root: string, repoPath: string, app: string): string {
  return path.join(repositoryDataDir(root, repoPath), 'apps', app)
}
