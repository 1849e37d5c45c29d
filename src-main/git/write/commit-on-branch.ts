import fs from 'node:fs'
import path from 'node:path'
import git from 'isomorphic-git'
import { LocalChangesError, SourceError } from '../errors'
import type { Signature } from '../objects/commit-text'
import { readHead, readRef } from '../refs'
import type { GitRepository } from '../repository'
import { LockFile } from './lock-file'
import { appendReflog } from './reflog'
import type { FileChange } from './tree-diff'
import { indexInLock } from './index-in-lock'
import { applyToWorkTree, localChanges } from './work-tree'

/** What a written rollback or revert commit did. */
export interface WrittenCommit {
  sha: string
  /** The branch tip it was written on top of. */
  parent: string
  branch: string
  message: string
  /** The files it changes, compared with its parent. */
  changes: FileChange[]
  /** True when the branch is checked out and the work tree and index were updated with it. */
  workTreeUpdated: boolean
}

export interface BranchCommit {
  repo: GitRepository
  branch: string
  /** The tip the new commit was computed against; the write is refused if the branch moved since. */
  tip: string
  tree: string
  changes: FileChange[]
  message: string
  author: Signature
  committer: Signature
  /** The reflog's message, as git writes it (`commit: <subject>`). */
  reflogMessage: string
  /**
   * Which uncommitted changes refuse the write: any under these paths
   * (`under`, for a rollback of a folder), or only those to the files the commit
   * changes (`touched`, for a revert, as git refuses local changes it would
   * overwrite). Untracked files refuse only when a written file is in their way.
   */
  refuse: { under: string } | 'touched'
  /** Words for the refusal: `roll back apps/web`, `revert 1a2b3c4`. */
  action: string
}

/**
 * Writes a commit on `branch` whose tree is `tree` and moves the branch to it
 * under git's locks. When the branch is checked out, the work tree and index
 * are brought to the new tree first (only the changed files), as `git
 * checkout` and `git revert` leave them: `git status` is clean afterwards
 * when it was clean before. Local changes elsewhere are left as they are.
 */
export async function commitOnBranch(request: BranchCommit): Promise<WrittenCommit> {
  const { repo, branch, tip } = request
  const checkedOut = repo.hasWorkTree && isCheckedOut(repo.gitdir, branch)
  const locks: LockFile[] = []
  try {
    const indexLock = checkedOut
      ? LockFile.acquire(repo.gitdir, path.join(repo.gitdir, 'index'))
      : undefined
    if (indexLock) locks.push(indexLock)
    const refPath = path.join(repo.gitdir, 'refs', 'heads', branch)
    const refLock = LockFile.acquire(repo.gitdir, refPath)
    locks.push(refLock)
    const current = readRef(repo.gitdir, `refs/heads/${branch}`)
    if (current !== tip)
      throw new SourceError(
        `branch "${branch}" moved to ${current?.slice(0, 7) ?? 'nothing'} while Drydock prepared to ${request.action}: try again`,
      )
    if (checkedOut)
      await refuseLocalChanges(request).catch((e: unknown) => {
        if (e instanceof SourceError) throw e
        throw new SourceError(
          `cannot ${request.action}: reading the index of ${repo.dir}: ${(e as Error).message}`,
          { cause: e },
        )
      })
    const sha = await git.writeCommit({
      fs,
      gitdir: repo.gitdir,
      commit: {
        tree: request.tree,
        parent: [tip],
        author: toIsoSignature(request.author),
        committer: toIsoSignature(request.committer),
        message: request.message,
      },
    })
    if (indexLock) {
      const inNewTree = (p: string): boolean => repo.trees.find(request.tree, p) !== undefined
      await applyToWorkTree(
        repo.dir,
        repo.gitdir,
        repo.objects,
        request.changes,
        inNewTree,
        indexInLock(repo.gitdir, indexLock.lockPath),
      ).catch((e: unknown) => {
        throw new SourceError(
          `cannot ${request.action}: updating the work tree of ${repo.dir} failed part way ` +
            `(${(e as Error).message}); the branch and the index did not move, and "git status" ` +
            `shows the files already written ("git checkout -- ." puts them back)`,
          { cause: e },
        )
      })
      indexLock.commitWritten()
    }
    refLock.commit(`${sha}\n`)
    appendReflog({
      gitdir: repo.gitdir,
      ref: `refs/heads/${branch}`,
      alsoHead: checkedOut,
      hasWorkTree: repo.hasWorkTree,
      oldSha: tip,
      newSha: sha,
      committer: request.committer,
      message: request.reflogMessage,
    })
    return {
      sha,
      parent: tip,
      branch,
      message: request.message,
      changes: request.changes,
      workTreeUpdated: checkedOut,
    }
  } finally {
    for (const lock of locks.reverse()) lock.release()
  }
}

function isCheckedOut(gitdir: string, branch: string): boolean {
  const head = readHead(gitdir)
  return 'branch' in head && head.branch === branch
}

async function refuseLocalChanges(request: BranchCommit): Promise<void> {
  const { repo, tip, changes, refuse } = request
  const blocking = localChanges({
    dir: repo.dir,
    gitdir: repo.gitdir,
    trees: repo.trees,
    tipTree: repo.commit(tip).tree,
    scope: refuse === 'touched' ? changes.map((c) => c.path) : [refuse.under],
    writes: changes.filter((c) => c.after).map((c) => c.path),
  })
  if (blocking.length === 0) return
  const list = blocking.map((c) => `${c.status} ${c.path}`).join(', ')
  throw new LocalChangesError(
    `cannot ${request.action}: uncommitted changes in ${repo.dir} would be overwritten (${list}); ` +
      `commit or stash them first ("git stash"), then try again`,
    blocking,
  )
}

/** isomorphic-git's signature shape: seconds, and minutes west of UTC. */
function toIsoSignature(s: Signature): {
  name: string
  email: string
  timestamp: number
  timezoneOffset: number
} {
  return {
    name: s.name,
    email: s.email,
    timestamp: Math.floor(s.timestampMs / 1000),
    timezoneOffset: -s.timezoneOffsetMinutes,
  }
}
