import fs from 'node:fs'
import path from 'node:path'
import git from 'isomorphic-git'
import type { CommitInfo, GitSource, TreeFile } from '../gitops/ports'
import { SourceError } from './errors'

const SHA = /^[0-9a-f]{40}$/
const SHORT_SHA = /^[0-9a-f]{4,39}$/

/**
 * A local Git repository read through isomorphic-git, with one cache shared by
 * every read so packfiles are indexed once.
 */
export class GitRepository implements GitSource {
  private readonly cache = {}

  private constructor(
    readonly dir: string,
    readonly gitdir: string,
  ) {}

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
    if (fs.existsSync(path.join(dotGit, 'HEAD'))) return new GitRepository(resolved, dotGit)
    if (isBare) return new GitRepository(resolved, resolved)
    throw new SourceError(
      `${resolved} is not a Git repository (no .git folder): run "git init" there, or open the repository's top folder`,
    )
  }

  /** The branch HEAD points at, or undefined when HEAD is detached. */
  async currentBranch(): Promise<string | undefined> {
    return (await git.currentBranch({ fs, gitdir: this.gitdir, fullname: false })) ?? undefined
  }

  async branches(): Promise<string[]> {
    return git.listBranches({ fs, gitdir: this.gitdir })
  }

  /** The tip of `branch`, with clear errors for an empty repository or an unknown branch. */
  async branchTip(branch: string): Promise<string> {
    try {
      return await git.resolveRef({ fs, gitdir: this.gitdir, ref: `refs/heads/${branch}` })
    } catch {
      const branches = await this.branches()
      if (branches.length === 0)
        throw new SourceError(`${this.dir} has no commits yet: commit your manifests first`)
      throw new SourceError(
        `branch "${branch}" does not exist in ${this.dir} (branches: ${branches.join(', ')})`,
      )
    }
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
        const parents = (await this.readCommit(sha)).parents
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
      try {
        const sha = await git.resolveRef({ fs, gitdir: this.gitdir, ref })
        if (ref.startsWith('refs/tags/')) return await this.peel(sha)
        return sha
      } catch {
        /* try the next form */
      }
    }
    if (SHA.test(base) || SHORT_SHA.test(base)) {
      try {
        const sha = await git.expandOid({ fs, gitdir: this.gitdir, oid: base, cache: this.cache })
        await this.readCommit(sha)
        return sha
      } catch {
        /* fall through to the error */
      }
    }
    if ((await this.branches()).length === 0)
      throw new SourceError(`${this.dir} has no commits yet: commit your manifests first`)
    throw new SourceError(
      `unknown revision "${revision}" in ${this.dir}: use a branch, a tag or a commit sha (see "git log --oneline")`,
    )
  }

  /** An annotated tag's commit. */
  private async peel(oid: string): Promise<string> {
    const obj = await git.readObject({ fs, gitdir: this.gitdir, oid, cache: this.cache })
    if (obj.type === 'tag') return (obj.object as { object: string }).object
    return oid
  }

  async readCommit(sha: string): Promise<CommitInfo> {
    const { commit, oid } = await git.readCommit({
      fs,
      gitdir: this.gitdir,
      oid: sha,
      cache: this.cache,
    })
    return toCommitInfo(oid, commit)
  }

  /** The newest `limit` commits reachable from `sha`, newest first. */
  async log(sha: string, limit: number): Promise<CommitInfo[]> {
    const entries = await git.log({
      fs,
      gitdir: this.gitdir,
      ref: sha,
      depth: limit,
      cache: this.cache,
    })
    return entries.map((e) => toCommitInfo(e.oid, e.commit))
  }

  async listFiles(sha: string, under: string): Promise<TreeFile[]> {
    const prefix = under.replace(/^\/+|\/+$/g, '')
    const { tree } = await git
      .readTree({
        fs,
        gitdir: this.gitdir,
        oid: sha,
        cache: this.cache,
        filepath: prefix || undefined,
      })
      .catch(() => {
        throw new SourceError(`path "${prefix}" does not exist in commit ${sha.slice(0, 7)}`)
      })
    const files: TreeFile[] = []
    const walk = async (entries: typeof tree, base: string): Promise<void> => {
      for (const entry of entries) {
        const p = base ? `${base}/${entry.path}` : entry.path
        if (entry.type === 'tree') {
          const sub = await git.readTree({
            fs,
            gitdir: this.gitdir,
            oid: entry.oid,
            cache: this.cache,
          })
          await walk(sub.tree, p)
        } else if (entry.type === 'blob') {
          files.push({ path: p, oid: entry.oid, mode: entry.mode })
        }
      }
    }
    await walk(tree, prefix)
    return files
  }

  async readBlob(oid: string): Promise<Uint8Array> {
    const { blob } = await git.readBlob({ fs, gitdir: this.gitdir, oid, cache: this.cache })
    return blob
  }
}

function toCommitInfo(
  oid: string,
  commit: {
    message: string
    parent: string[]
    author: { name: string; email: string; timestamp: number }
  },
): CommitInfo {
  return {
    sha: oid,
    subject: commit.message.split('\n')[0] ?? '',
    message: commit.message,
    author: {
      name: commit.author.name,
      email: commit.author.email,
      timestampMs: commit.author.timestamp * 1000,
    },
    parents: commit.parent,
  }
}
