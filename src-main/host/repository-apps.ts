import { SourceError } from '../git/errors'
import type { GitRepository } from '../git/repository'
import type { HistoryEntry } from '../shared/dto'
import { readApps, type AppDeclaration } from './app-declarations'
import { appDataDir } from './data-dir'
import { HistoryJournal } from './history-journal'

/** The branch the commands work on: the checked-out one. */
export async function currentBranch(repo: GitRepository): Promise<string> {
  const branch = await repo.currentBranch()
  if (!branch)
    throw new SourceError(
      `${repo.dir} has a detached HEAD: check out the branch the app follows (git switch <branch>)`,
    )
  return branch
}

/**
 * The app a command acts on, as the branch tip declares it: the one named, or
 * the only one. Several apps and no name is a question the user must answer.
 */
export async function findApp(
  repo: GitRepository,
  branch: string,
  name: string | undefined,
): Promise<AppDeclaration> {
  const { apps } = await readApps(repo, await repo.branchTip(branch), undefined)
  const names = apps.map((a) => a.settings.name)
  if (name === undefined) {
    if (apps.length === 1) return apps[0]!
    throw new SourceError(
      `${repo.dir} has several apps (${names.join(', ')}): name one with --app <name>`,
    )
  }
  const app = apps.find((a) => a.settings.name === name)
  if (!app)
    throw new SourceError(`there is no app "${name}" in ${repo.dir} (apps: ${names.join(', ')})`)
  return app
}

/**
 * Runs `use` on an app's journal, closing it after: opened to read, unless
 * `write`, since the app may be running and writing it.
 */
export function withJournal<T>(
  dataDir: string,
  repoDir: string,
  app: string,
  use: (journal: HistoryJournal) => T,
  write = false,
): T {
  const dir = appDataDir(dataDir, repoDir, app)
  const journal = write ? HistoryJournal.open(dir) : HistoryJournal.read(dir)
  try {
    return use(journal)
  } finally {
    journal.close()
  }
}

/** The history entry numbered `id`, or a SourceError listing those there are. */
export function historyEntry(entries: HistoryEntry[], app: string, id: number): HistoryEntry {
  const entry = entries.find((e) => e.sync.id === id)
  if (entry) return entry
  const ids = entries.map((e) => e.sync.id)
  throw new SourceError(
    ids.length === 0
      ? `app ${app} has no history yet: it is written as the app syncs (drydock start)`
      : `app ${app} has no sync ${id} in its history (syncs ${ids[0]} to ${ids.at(-1)}): see drydock history`,
  )
}
