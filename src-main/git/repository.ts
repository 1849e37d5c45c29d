import fs from 'node:fs'
import path from 'node:path'
import git from 'isomorphic-git'
import type { GitSource, TreeFile } from '../gitops/ports'
import { isAncestor } from './ancestry'
import {
  BranchMissingError,
  CorruptRepositoryError,
  RepositoryMissingError,
  SourceError,
} from './errors'
import { CommitHistory } from './history'
import type { CommitLinks, HistoryOrder } from './history-walk'
import { CommitGraph } from './objects/commit-graph'
import { parseCommit, type CommitRecord } from './objects/commit-text'
import { Lru } from './objects/lru'
import { ObjectDatabase } from './objects/object-db'
import { readRef } from './refs'
import { shortSha } from './short-sha'
import { TreeListings } from './tree-listing'

const SHA = /^[0-9a-f]{40}$/
const SHORT_SHA = /^[0-9a-f]{4,39}$/
const COMMITS_CACHED = 20_000
const HISTORIES_CACHED = 8

export interface HistoryOptions {
  /** `default` lists as `git log` does, `first-parent` as `git log --first-parent`. */
  order?: HistoryOrder
}

/**
 * A local Git repository. Objects (commits, trees, blobs) are read straight
 * from packs and loose files, and history from git's commit graph when there is
 * one; isomorphic-git lists and resolves refs and writes.
 */
export class GitRepository implements GitSource {
  readonly objects: ObjectDatabase
  readonly trees: TreeListings
  private graph: CommitGraph | undefined
  private graphStamp = ''
  private readonly commits = new Lru<string, CommitRecord>(COMMITS_CACHED, () => 1)
  private readonly histories = new Lru<string, CommitHistory>(HISTORIES_CACHED, () => 1)

  private constructor(
    readonly dir: string,
    readonly gitdir: string,
    /** Whether `dir` is a work tree (false for a bare repository). */
    readonly hasWorkTree: boolean,
  ) {
    this.objects = new ObjectDatabase(path.join(gitdir, 'objects'))
    this.trees = new TreeListings(this.objects)
  }

  /** Opens a work tree (or bare repository), or says in one line why it cannot. */
  static async open(dir: string): Promise<GitRepository> {
    const resolved = path.resolve(dir)
    let stat: fs.Stats
    try {
      stat = await fs.promises.stat(resolved)
    } catch {
      throw new SourceError(`${resolved} does not exist: give the path of a Git repository`)
    }
    if (!stat.isDirectory())
      throw new SourceError(
        `${resolved} is a file, not a folder: give the path of a Git repository`,
      )
    const dotGit = path.join(resolved, '.git')
    const isBare =
      fs.existsSync(path.join(resolved, 'HEAD')) && fs.existsSync(path.join(resolved, 'objects'))
    if (fs.existsSync(path.join(dotGit, 'HEAD')))
      return checked(new GitRepository(resolved, dotGit, true))
    if (isBare) return checked(new GitRepository(resolved, resolved, false))
    if (fs.existsSync(dotGit) && fs.statSync(dotGit).isFile())
      throw new SourceError(
        `${resolved} is a linked worktree or a submodule (its .git is a file, not a folder), which Drydock ` +
          `does not read yet: open the main repository it belongs to (see "git worktree list")`,
      )
    throw new SourceError(
      `${resolved} is not a Git repository (no .git folder): run "git init" there, or open the repository's top folder`,
    )
  }

  /** The branch HEAD points at, or undefined when HEAD is detached. */
  async currentBranch(): Promise<string | undefined> {
    return (await git.currentBranch({ fs, gitdir: this.gitdir, fullname: false })) ?? undefined
  }

  async branches(): Promise<string[]> {
    return (await git.listBranches({ fs, gitdir: this.gitdir })).sort()
  }

  /**
   * The tip of `branch`. Typed errors: RepositoryMissingError (the folder went
   * away), SourceError (no commits yet), BranchMissingError (deleted or never
   * there), CorruptRepositoryError (a damaged ref, or a tip that is not there).
   */
  async branchTip(branch: string): Promise<string> {
    this.assertPresent()
    const sha = readRef(this.gitdir, `refs/heads/${branch}`)
    if (sha === undefined) {
      const branches = await this.branches()
      if (branches.length === 0)
        throw new SourceError(`${this.dir} has no commits yet: commit your manifests first`)
      throw new BranchMissingError(
        `branch "${branch}" does not exist in ${this.dir} (branches: ${branches.join(', ')})`,
        branch,
        branches,
      )
    }
    const object = this.objects.tryRead(sha)
    if (object?.type !== 'commit')
      throw new CorruptRepositoryError(
        `branch "${branch}" points at ${sha}, which is ${object ? `a ${object.type}` : 'missing'} in ${this.dir}: ` +
          `the repository is damaged (run "git fsck"), or reset the branch to a good commit`,
        `refs/heads/${branch}`,
      )
    return sha
  }

  /** Throws RepositoryMissingError once the folder or its git directory is gone. */
  assertPresent(): void {
    if (!fs.existsSync(path.join(this.gitdir, 'HEAD')))
      throw new RepositoryMissingError(
        `${this.dir} is no longer a Git repository (${this.gitdir} is gone): ` +
          `restore it or open another; Drydock reads it again once it is back`,
      )
  }

  /**
   * Resolves a revision as `git rev-parse` would for the common forms: a branch,
   * tag, `HEAD`, a full or abbreviated sha, each optionally followed by `~N` or `^`.
   */
  async resolve(revision: string): Promise<string> {
    const m = /^(.*?)((?:[~^]\d*)*)$/.exec(revision.trim())!
    const base = m[1]!
    let sha = await this.resolveBase(base, revision)
    for (const step of m[2]!.match(/[~^]\d*/g) ?? []) {
      const n = step.length > 1 ? Number(step.slice(1)) : 1
      for (let i = 0; i < (step[0] === '~' ? n : 1); i++) {
        const parents = this.commit(sha).parents
        const index = step[0] === '^' ? n - 1 : 0
        const parent = parents[index]
        if (!parent)
          throw new SourceError(`revision "${revision}" goes past the first commit in ${this.dir}`)
        sha = parent
      }
    }
    return sha
  }

  private async resolveBase(base: string, revision: string): Promise<string> {
    const candidates =
      base === 'HEAD' ? ['HEAD'] : [`refs/heads/${base}`, `refs/tags/${base}`, base]
    for (const ref of candidates) {
      let sha: string
      try {
        sha = await git.resolveRef({ fs, gitdir: this.gitdir, ref })
      } catch {
        continue
      }
      // A full sha "resolves" to itself even when no such object exists.
      if (this.objects.tryRead(sha)) return this.peel(sha)
    }
    if (SHA.test(base) || SHORT_SHA.test(base)) {
      const [match, ...more] = this.objects.expand(base)
      if (match && more.length === 0 && this.objects.tryRead(match)?.type === 'commit') return match
      if (more.length > 0)
        throw new SourceError(`short sha "${base}" is ambiguous in ${this.dir}: give more digits`)
    }
    if ((await this.branches()).length === 0)
      throw new SourceError(`${this.dir} has no commits yet: commit your manifests first`)
    throw new SourceError(
      `unknown revision "${revision}" in ${this.dir}: use a branch, a tag or a commit sha (see "git log --oneline")`,
    )
  }

  /** The commit an annotated tag (or a chain of them) points at. */
  private peel(oid: string): string {
    for (let depth = 0; depth < 10; depth++) {
      const object = this.objects.read(oid)
      if (object.type !== 'tag') return oid
      oid = object.data.toString('latin1', 7, 47) // "object <sha>\n" comes first
    }
    return oid
  }

  async readCommit(sha: string): Promise<CommitRecord> {
    return this.commit(sha)
  }

  /** The commit `sha`, parsed once and cached; a SourceError when there is no such commit. */
  commit(sha: string): CommitRecord {
    const cached = this.commits.get(sha)
    if (cached) return cached
    const object = this.objects.tryRead(sha)
    if (object?.type !== 'commit')
      throw new SourceError(
        `${sha} is ${object ? `a ${object.type}, not a commit` : 'not a commit'} in ${this.dir}`,
      )
    let commit: CommitRecord
    try {
      commit = parseCommit(sha, object.data)
    } catch (e) {
      throw new CorruptRepositoryError(`${(e as Error).message} (run "git fsck")`, sha, {
        cause: e,
      })
    }
    this.commits.set(sha, commit)
    return commit
  }

  /** The newest `limit` commits reachable from `sha`, newest first, as `git log -<limit>` lists them. */
  async log(sha: string, limit: number, options: HistoryOptions = {}): Promise<CommitRecord[]> {
    return this.history(sha, options).page(0, limit)
  }

  /**
   * The history of `tip`, read lazily a page at a time (see CommitHistory); the
   * same object is handed back for the same tip and order while it is cached,
   * so later pages continue the walk.
   */
  history(tip: string, options: HistoryOptions = {}): CommitHistory {
    const order = options.order ?? 'default'
    const key = `${tip} ${order}`
    let history = this.histories.get(key)
    if (!history) {
      history = new CommitHistory(this.links(), tip, order, (sha) => this.commit(sha))
      this.histories.set(key, history)
    }
    return history
  }

  /** Whether `ancestor` is `descendant` or one of its ancestors (`git merge-base --is-ancestor`). */
  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    return isAncestor(this.links(), ancestor, descendant)
  }

  /** The abbreviated sha `git rev-parse --short` prints: at least 7 digits, more in large or crowded repositories. */
  shortSha(oid: string): string {
    return shortSha(this.objects, oid)
  }

  /** The commit graph as it is on disk now, and the shallow boundary. */
  links(): CommitLinks {
    const objectsDir = path.join(this.gitdir, 'objects')
    const stamp = CommitGraph.stampOf(objectsDir)
    if (stamp !== this.graphStamp) {
      this.graph = stamp ? CommitGraph.load(objectsDir) : undefined
      this.graphStamp = stamp
      this.histories.clear()
    }
    return { graph: this.graph, objects: this.objects, shallow: readShallow(this.gitdir) }
  }

  async listFiles(sha: string, under: string): Promise<TreeFile[]> {
    const prefix = under.replace(/^\/+|\/+$/g, '')
    const tree = this.commit(sha).tree
    const entry = this.trees.find(tree, prefix)
    if (!entry || entry.mode !== '040000')
      throw new SourceError(`path "${prefix}" does not exist in commit ${sha.slice(0, 7)}`)
    return this.trees.files(entry.oid, prefix ? prefix + '/' : '')
  }

  async readBlob(oid: string): Promise<Uint8Array> {
    return this.objects.readTyped(oid, 'blob')
  }

  /** Releases the pack files' descriptors; a read after this fails. */
  close(): void {
    this.objects.close()
  }
}

/** Refuses what the readers cannot read, before anything is read wrongly. */
function checked(repo: GitRepository): GitRepository {
  let config = ''
  try {
    config = fs.readFileSync(path.join(repo.gitdir, 'config'), 'utf8')
  } catch {
    /* no config: git's defaults */
  }
  if (/^\s*objectformat\s*=\s*sha256\s*$/im.test(config))
    throw new SourceError(
      `${repo.dir} names its objects with SHA-256 (extensions.objectFormat), which Drydock does not read yet: ` +
        `use a SHA-1 repository (the default of "git init")`,
    )
  return repo
}

function readShallow(gitdir: string): ReadonlySet<string> {
  try {
    return new Set(
      fs.readFileSync(path.join(gitdir, 'shallow'), 'utf8').split('\n').filter(Boolean),
    )
  } catch {
    return new Set()
  }
}
