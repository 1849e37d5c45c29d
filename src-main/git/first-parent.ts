import type { CommitInfo, GitSource } from '../gitops/ports'

/**
 * The commits after `fromSha` up to and including `toSha` along first parents,
 * oldest first, as `git log --first-parent --reverse from..to` lists them; from
 * the root commit when `fromSha` is undefined. Undefined when `fromSha` is not
 * on that line (it is not an ancestor of `toSha`, or only through a merged
 * branch), since then no such range exists.
 */
export async function firstParentRange(
  source: Pick<GitSource, 'readCommit'>,
  toSha: string,
  fromSha: string | undefined,
): Promise<CommitInfo[] | undefined> {
  const newestFirst: CommitInfo[] = []
  let sha: string | undefined = toSha
  while (sha !== undefined && sha !== fromSha) {
    const commit = await source.readCommit(sha)
    newestFirst.push(commit)
    sha = commit.parents[0]
  }
  if (fromSha !== undefined && sha !== fromSha) return undefined
  return newestFirst.reverse()
}
