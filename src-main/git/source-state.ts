import { findLocks, staleLockError, type LeftLock } from './locks'
import { readHead } from './refs'
import type { GitRepository } from './repository'

/**
 * Where the tracked branch's tip stands against the commit synced last:
 * - `same`: nothing new;
 * - `ahead`: new commits on top (commit, pull, merge): the synced commit is an ancestor;
 * - `behind`: the branch went back to one of the synced commit's ancestors (`git reset --hard HEAD~1`);
 * - `diverged`: history was rewritten (amend, rebase, a force-push): neither contains the other;
 * - `missing`: the synced commit no longer exists in the repository (rewritten, then pruned).
 */
export type SyncedRelation = 'same' | 'ahead' | 'behind' | 'diverged' | 'missing'

export type HeadState = { kind: 'branch'; branch: string } | { kind: 'detached'; sha: string }

export interface SourceState {
  branch: string
  tip: string
  /** What the work tree has checked out: the tracked branch, another one, or a detached commit. */
  head: HeadState
  /** True when HEAD is on the tracked branch (what git commit in the work tree moves). */
  onTrackedBranch: boolean
  /** Present when `syncedSha` was given. */
  synced?: SyncedRelation
  /** Lock files present but younger than `staleLockMs`: a git command is at work. */
  busyLocks: LeftLock[]
}

export interface SourceStateOptions {
  branch: string
  /** The commit Drydock synced last, to tell new commits from rewritten history. */
  syncedSha?: string
  /**
   * A lock file older than this is reported as left behind (LockedError).
   * Default 60 s: git commands hold theirs for milliseconds, but `git commit`
   * holds index.lock while its message editor is open.
   */
  staleLockMs?: number
  /** The present time, for lock ages; defaults to the clock. */
  nowMs?: number
}

const STALE_LOCK_MS = 60_000

/**
 * Everything the host needs to decide what to do after the watcher fires: the
 * tracked branch's tip, what HEAD is on, and how the tip relates to the commit
 * synced last. Each failure is a typed SourceError whose message says what to
 * do, and reading works again once the cause is gone:
 * RepositoryMissingError, CorruptRepositoryError (a damaged HEAD or ref, a
 * missing tip), BranchMissingError (deleted), LockedError (a lock file left
 * for longer than `staleLockMs`), SourceError (no commits yet).
 */
export async function readSourceState(
  repo: GitRepository,
  options: SourceStateOptions,
): Promise<SourceState> {
  repo.assertPresent()
  const locks = findLocks(repo.gitdir, options.nowMs)
  const stale = staleLockError(repo.dir, repo.gitdir, locks, options.staleLockMs ?? STALE_LOCK_MS)
  if (stale) throw stale
  const written = readHead(repo.gitdir)
  const head: HeadState =
    'branch' in written
      ? { kind: 'branch', branch: written.branch }
      : { kind: 'detached', sha: written.detached }
  const tip = await repo.branchTip(options.branch)
  const state: SourceState = {
    branch: options.branch,
    tip,
    head,
    onTrackedBranch: head.kind === 'branch' && head.branch === options.branch,
    busyLocks: locks,
  }
  if (options.syncedSha !== undefined) state.synced = await relation(repo, options.syncedSha, tip)
  return state
}

async function relation(repo: GitRepository, synced: string, tip: string): Promise<SyncedRelation> {
  if (synced === tip) return 'same'
  if (repo.objects.tryRead(synced)?.type !== 'commit') return 'missing'
  if (await repo.isAncestor(synced, tip)) return 'ahead'
  if (await repo.isAncestor(tip, synced)) return 'behind'
  return 'diverged'
}
