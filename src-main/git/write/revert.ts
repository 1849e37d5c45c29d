import git from 'isomorphic-git'
import fs from 'node:fs'
import { NothingToCommitError, RevertConflictError, SourceError } from '../errors'
import type { CommitRecord } from '../objects/commit-text'
import type { GitRepository } from '../repository'
import type { TreeEntry } from '../tree-listing'
import { commitOnBranch, type WrittenCommit } from './commit-on-branch'
import { repositoryIdentity, signatureAt, type Identity } from './identity'
import { mergeLines } from './line-merge'
import { diffTrees, type FileVersion } from './tree-diff'
import { EMPTY_TREE, editTree, type PathContent } from './tree-edit'

export interface RevertOptions {
  /** The branch to write on. */
  branch: string
  /** The commit to undo (a sha or any revision `resolve` takes). */
  commit: string
  /** For a merge: which parent (1-based, as `git revert -m`) the merge is undone against. */
  mainline?: number
  author?: Identity
  committer?: Identity
  timeMs?: number
}

/**
 * Writes the inverse of one commit on `branch`, as `git revert --no-edit`
 * does: message `Revert "<subject>"`, a blank line and `This reverts commit
 * <sha>.` (for a merge: `…, reversing\nchanges made to <parent>.`).
 *
 * Each file the commit changed is merged three ways, by lines, with the
 * commit's version as the base, the tip's as ours and the parent's as theirs:
 * changes since the commit to other lines of the file are kept, and changes
 * to the same or adjacent lines conflict, as in git. No rename detection.
 * Refuses with RevertConflictError (the files) when it does not apply cleanly,
 * NothingToCommitError when the tip already lacks the change, SourceError for
 * a merge without `mainline`, and LocalChangesError when uncommitted changes
 * to the files it touches would be overwritten.
 */
export async function revertCommit(
  repo: GitRepository,
  options: RevertOptions,
): Promise<WrittenCommit> {
  const tip = await repo.branchTip(options.branch)
  const commit = repo.commit(await repo.resolve(options.commit))
  const parent = mainlineParent(commit, options.mainline)
  const parentTree = parent ? repo.commit(parent).tree : EMPTY_TREE
  const tipTree = repo.commit(tip).tree
  const edits = new Map<string, PathContent>()
  const conflicts: string[] = []
  for (const change of diffTrees(repo.trees, commit.tree, parentTree)) {
    const ours = fileAt(repo.trees.find(tipTree, change.path))
    const merged = await mergeFile(repo, change.before, ours, change.after)
    if (merged === 'conflict') conflicts.push(change.path)
    else if (!same(merged, ours)) edits.set(change.path, merged)
  }
  const short = repo.shortSha(commit.sha)
  if (conflicts.length > 0)
    throw new RevertConflictError(
      `cannot revert ${short} ("${commit.subject}") cleanly: ${conflicts.join(', ')} changed since ` +
        `where the commit changed them; revert it by hand ("git revert ${short}") and resolve the conflicts`,
      conflicts,
    )
  if (edits.size === 0)
    throw new NothingToCommitError(
      `nothing to revert: ${options.branch} (${repo.shortSha(tip)}) no longer has the changes of ${short}`,
    )
  const tree = await editTree(repo.gitdir, repo.trees, tipTree, edits)
  const identity = options.author ?? (await repositoryIdentity(repo.gitdir))
  const timeMs = options.timeMs ?? Date.now()
  const subject = `Revert "${commit.subject}"`
  const body =
    commit.parents.length > 1
      ? `This reverts commit ${commit.sha}, reversing\nchanges made to ${parent}.`
      : `This reverts commit ${commit.sha}.`
  return commitOnBranch({
    repo,
    branch: options.branch,
    tip,
    tree,
    changes: diffTrees(repo.trees, tipTree, tree),
    message: `${subject}\n\n${body}\n`,
    author: signatureAt(identity, timeMs),
    committer: signatureAt(options.committer ?? identity, timeMs),
    reflogMessage: `revert: ${subject}`,
    refuse: 'touched',
    action: `revert ${short}`,
  })
}

/** The parent a revert goes back to, with git's refusals for merges. */
function mainlineParent(commit: CommitRecord, mainline: number | undefined): string | undefined {
  const sha = commit.sha
  if (commit.parents.length > 1) {
    if (mainline === undefined)
      throw new SourceError(
        `commit ${sha} is a merge but no mainline was given: name the parent to keep (1 for the branch merged into, as "git revert -m 1")`,
      )
    const parent = commit.parents[mainline - 1]
    if (!parent) throw new SourceError(`commit ${sha} does not have parent ${mainline}`)
    return parent
  }
  if (mainline !== undefined)
    throw new SourceError(`mainline was specified but commit ${sha} is not a merge`)
  return commit.parents[0]
}

function fileAt(entry: TreeEntry | undefined): FileVersion | undefined {
  return entry && entry.mode !== '040000' ? { oid: entry.oid, mode: entry.mode } : undefined
}

function same(a: FileVersion | undefined, b: FileVersion | undefined): boolean {
  return a?.oid === b?.oid && a?.mode === b?.mode
}

/**
 * One file's three-way merge. When only one side changed it, that side wins;
 * when both changed the content, lines are merged; a mode or type change on
 * both sides, or a deletion against an edit, conflicts.
 */
async function mergeFile(
  repo: GitRepository,
  base: FileVersion | undefined,
  ours: FileVersion | undefined,
  theirs: FileVersion | undefined,
): Promise<PathContent | 'conflict'> {
  if (same(ours, base)) return theirs
  if (same(theirs, base) || same(ours, theirs)) return ours
  if (!base || !ours || !theirs) return 'conflict'
  const mode =
    base.mode === ours.mode ? theirs.mode : base.mode === theirs.mode ? ours.mode : undefined
  if (!mode || mode === '120000' || mode === '160000') return 'conflict'
  const read = (v: FileVersion): Buffer => repo.objects.readTyped(v.oid, 'blob')
  const merged = mergeLines(read(base), read(ours), read(theirs))
  if (!merged) return 'conflict'
  const oid = await git.writeBlob({ fs, gitdir: repo.gitdir, blob: merged })
  return { oid, mode }
}
