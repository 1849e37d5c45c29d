import type { WrittenCommit } from '../git/write/commit-on-branch'
import { revertCommit } from '../git/write/revert'
import { rollback } from '../git/write/rollback'
import { GitRepository } from '../git/repository'
import type { HistoryEntry } from '../shared/dto'
import { readApps } from './app-declarations'
import { currentBranch, findApp, historyEntry, withJournal } from './repository-apps'

export type { WrittenCommit }

/** Each app's recorded syncs (the one named, or all the tip declares); `keep` prunes first. */
export async function recordedHistory(options: {
  repoPath: string
  dataDir: string
  app?: string
  keep?: number
}): Promise<{ app: string; entries: HistoryEntry[] }[]> {
  const repo = await GitRepository.open(options.repoPath)
  const tip = await repo.branchTip(await currentBranch(repo))
  const names = options.app
    ? [options.app]
    : (await readApps(repo, tip, undefined)).apps.map((a) => a.settings.name)
  return names.map((app) => ({
    app,
    entries: withJournal(
      options.dataDir,
      repo.dir,
      app,
      (journal) => {
        if (options.keep !== undefined) journal.prune(options.keep)
        return journal.entries()
      },
      options.keep !== undefined,
    ),
  }))
}

/**
 * Commits the app's folder as it was at history entry `to` (a number) or at a
 * revision, on the branch the app follows: what the rollback button does.
 */
export async function writeRollback(options: {
  repoPath: string
  dataDir: string
  to: string
  app?: string
}): Promise<{ written: WrittenCommit; text: string }> {
  const repo = await GitRepository.open(options.repoPath)
  const branch = await currentBranch(repo)
  const app = await findApp(repo, branch, options.app)
  const name = app.settings.name
  const target = await rollbackTarget(
    options.to,
    withJournal(options.dataDir, repo.dir, name, (j) => j.entries()),
    name,
    (ref) => repo.resolve(ref),
  )
  const written = await rollback(repo, {
    branch: app.branch ?? branch,
    target,
    path: app.settings.path,
  })
  return { written, text: writtenText(repo, written) }
}

/**
 * What `rollback <to>` names: a sync of the history by its number, else a
 * revision (a short sha may be all digits); a number that is neither is
 * refused with the syncs there are.
 */
async function rollbackTarget(
  to: string,
  entries: HistoryEntry[],
  app: string,
  resolve: (revision: string) => Promise<string>,
): Promise<string> {
  if (!/^\d+$/.test(to)) return to
  const entry = entries.find((e) => e.sync.id === Number(to))
  if (entry) return entry.sync.revision
  try {
    return await resolve(to)
  } catch {
    return historyEntry(entries, app, Number(to)).sync.revision
  }
}

/** Commits the inverse of one commit on the branch the app follows, as `git revert` does. */
export async function writeRevert(options: {
  repoPath: string
  revision: string
  app?: string
}): Promise<{ written: WrittenCommit; text: string }> {
  const repo = await GitRepository.open(options.repoPath)
  const branch = await currentBranch(repo)
  const app = await findApp(repo, branch, options.app)
  const written = await revertCommit(repo, {
    branch: app.branch ?? branch,
    commit: options.revision,
  })
  return { written, text: writtenText(repo, written) }
}

/** What a written commit says to the person who asked for it. */
function writtenText(repo: GitRepository, written: WrittenCommit): string {
  const files = written.changes.map((c) => c.path)
  return [
    `Committed ${repo.shortSha(written.sha)} on ${written.branch}: ${written.message.split('\n')[0]}`,
    `  ${files.length} file${files.length === 1 ? '' : 's'} changed: ${files.join(', ')}`,
    written.workTreeUpdated
      ? '  The work tree and the index follow it: git status is clean.'
      : `  ${written.branch} is not checked out: only the branch moved.`,
    '  The app syncs it like any other commit when it runs (drydock start).',
  ].join('\n')
}
