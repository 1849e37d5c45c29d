import path from 'node:path'
import { APPS_FILE, readDeclaredApps, type DeclaredApp } from '../gitops/app/declared-apps'
import { defaultAppSettings, type AppSettings } from '../gitops/engine'
import type { GitRepository } from '../git/repository'
import type { ManifestProblemView } from '../shared/dto'

/** One app as the tip declares it: drydock.yaml's, or the one of the whole repository. */
export interface AppDeclaration {
  settings: AppSettings
  branch?: string
  declared: boolean
}

/** The app of a repository without drydock.yaml: the whole tree, named after its folder. */
export function defaultApp(
  repoDir: string,
  settings: Partial<AppSettings> | undefined,
): AppDeclaration {
  const name =
    path
      .basename(repoDir)
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .slice(0, 63)
      // Trimmed after the cut, which can leave a dash at the end: a name is an RFC 1123 label.
      .replace(/^-+|-+$/g, '') || 'app'
  return { settings: { ...defaultAppSettings, name, ...settings }, declared: false }
}

const fromDeclared = (d: DeclaredApp): AppDeclaration => ({
  settings: d.settings,
  branch: d.branch,
  declared: true,
})

/**
 * The apps a commit declares in drydock.yaml, or the one app of the whole
 * repository when it declares none (or the file declares no app that is right).
 */
export async function readApps(
  repo: GitRepository,
  sha: string,
  settings: Partial<AppSettings> | undefined,
): Promise<{ apps: AppDeclaration[]; problems: ManifestProblemView[] }> {
  const file = repo.trees.find(repo.commit(sha).tree, APPS_FILE)
  if (!file || file.mode === '040000')
    return { apps: [defaultApp(repo.dir, settings)], problems: [] }
  const declared = readDeclaredApps(new TextDecoder().decode(await repo.readBlob(file.oid)))
  const apps = declared.apps.map(fromDeclared)
  return {
    apps: apps.length > 0 ? apps : [defaultApp(repo.dir, settings)],
    problems: declared.problems,
  }
}
