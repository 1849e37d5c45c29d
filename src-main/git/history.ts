import { HistoryWalk, type CommitLinks, type HistoryOrder } from './history-walk'
import type { CommitRecord } from './objects/commit-text'

/**
 * The history of one tip in one order, read lazily and kept: the commit names
 * walked so far are remembered, so asking for page 3 after page 2 walks only
 * the commits of page 3, and subjects and authors are read only for the
 * commits of the page asked for.
 */
export class CommitHistory {
  private readonly names: string[] = []
  private readonly walk: HistoryWalk

  constructor(
    links: CommitLinks,
    readonly tip: string,
    readonly order: HistoryOrder,
    private readonly readCommit: (sha: string) => CommitRecord,
  ) {
    this.walk = new HistoryWalk(links, tip, order)
  }

  /** Whether every commit has been walked (then `walkedCount` is the history's length). */
  get complete(): boolean {
    return this.walk.done
  }

  get walkedCount(): number {
    return this.names.length
  }

  /** Commit names `offset` to `offset + limit` (fewer at the end), newest first. */
  shas(offset: number, limit: number): string[] {
    const wanted = offset + limit
    if (this.names.length < wanted) {
      for (const name of this.walk.next(wanted - this.names.length)) this.names.push(name)
    }
    return this.names.slice(offset, wanted)
  }

  /** Every commit name, as `git log --format=%H` (or with `--first-parent`) prints them. */
  all(): string[] {
    while (!this.walk.done) for (const name of this.walk.next(4096)) this.names.push(name)
    return this.names.slice()
  }

  /** The commits of one page, with subject, message, author and committer. */
  page(offset: number, limit: number): CommitRecord[] {
    return this.shas(offset, limit).map(this.readCommit)
  }
}
