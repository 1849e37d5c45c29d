import { NothingToCommitError } from '../errors'
import type { GitRepository } from '../repository'
import { commitOnBranch, type WrittenCommit } from './commit-on-branch'
import { repositoryIdentity, signatureAt, type Identity } from './identity'
import { diffTrees } from './tree-diff'
import { editTree } from './tree-edit'

export interface RollbackOptions {
  /** The branch to write on: the app's tracked branch. */
  branch: string
  /** The revision whose state `path` returns to (a full sha, e.g. a history entry's). */
  target: string
  /** The folder (or file) to roll back, from the repository root; '' or omitted for everything. */
  path?: string
  /** Defaults to `user.name`/`user.email` of the repository's config, else `Drydock <drydock@localhost>`. */
  author?: Identity
  /** Defaults to the author. */
  committer?: Identity
  /** The commit time; defaults to now. */
  timeMs?: number
}

/**
 * Writes a commit on `branch` whose tree under `path` is that path's tree at
 * `target`, everything outside `path` unchanged, with the message
 *
 *     Roll back <path or "everything"> to <short sha>: <subject>
 *
 *     Reverts: <target sha>..<tip sha>
 *
 * (the trailer names the range whose changes under `path` are undone, as
 * `git log <target>..<tip>` lists it). When the branch is checked out, the
 * work tree and index are updated too, so `git status` stays clean.
 *
 * Refuses with NothingToCommitError when `path` already equals its state at
 * `target`, LocalChangesError when uncommitted changes under `path` would be
 * lost, LockedError while git holds the index or the branch, and SourceError
 * when the branch moved meanwhile.
 */
export async function rollback(
  repo: GitRepository,
  options: RollbackOptions,
): Promise<WrittenCommit> {
  const path = (options.path ?? '').replace(/^\/+|\/+$/g, '')
  const tip = await repo.branchTip(options.branch)
  const target = repo.commit(await repo.resolve(options.target))
  const tipTree = repo.commit(tip).tree
  const before = repo.trees.find(tipTree, path)
  const after = repo.trees.find(target.tree, path)
  const short = repo.shortSha(target.sha)
  const what = path || 'everything'
  if (before?.oid === after?.oid && before?.mode === after?.mode)
    throw new NothingToCommitError(
      `nothing to roll back: ${what} on ${options.branch} (${repo.shortSha(tip)}) already equals ${short}`,
    )
  const tree = await editTree(
    repo.gitdir,
    repo.trees,
    tipTree,
    new Map([[path, after && { oid: after.oid, mode: after.mode }]]),
  )
  // Trees outside `path` are the same objects on both sides, so this reads only what changed.
  const changes = diffTrees(repo.trees, tipTree, tree)
  const identity = options.author ?? (await repositoryIdentity(repo.gitdir))
  const timeMs = options.timeMs ?? Date.now()
  const subject = `Roll back ${what} to ${short}: ${target.subject}`
  return commitOnBranch({
    repo,
    branch: options.branch,
    tip,
    tree,
    changes,
    message: `${subject}\n\nReverts: ${target.sha}..${tip}\n`,
    author: signatureAt(identity, timeMs),
    committer: signatureAt(options.committer ?? identity, timeMs),
    reflogMessage: `commit: ${subject}`,
    refuse: { under: path },
    action: `roll back ${what}`,
  })
}
