import type { CommitGraph } from './objects/commit-graph'
import { parseCommitLinks } from './objects/commit-text'
import type { ObjectDatabase } from './objects/object-db'

/**
 * The orders Drydock lists history in, each exactly as git prints it:
 * - `default`: `git log <tip>`: newest committer time first among the commits
 *   whose children are shown, ties in the order they were reached;
 * - `first-parent`: `git log --first-parent <tip>`: the branch's own line.
 */
export type HistoryOrder = 'default' | 'first-parent'

interface Node {
  oid: string
  /** Position in the commit graph, or -1 for a commit it does not hold. */
  position: number
  timeSeconds: number
  /** Insertion order, which breaks ties of time as git's date-sorted list does. */
  seq: number
  /** Read with the time when the commit is not in the graph, so it is inflated once. */
  parents?: string[]
}

/** Where a walk reads parents and times: the commit graph when it holds the commit, else the object. */
export interface CommitLinks {
  graph: CommitGraph | undefined
  objects: ObjectDatabase
  /** Commits listed in `.git/shallow`: their parents are not there and count as none. */
  shallow: ReadonlySet<string>
}

/**
 * Walks history newest first, a few commits at a time: `next(n)` does only the
 * work for the next `n` commits. Parents and times come from the commit graph
 * where it has them (no inflation at all) and from commit objects otherwise.
 */
export class HistoryWalk {
  private readonly heap: Node[] = []
  private readonly seen = new Set<string>()
  private seq = 0
  private readonly parentPositions: number[] = []

  constructor(
    private readonly links: CommitLinks,
    tip: string,
    private readonly order: HistoryOrder,
  ) {
    this.push(this.node(tip))
  }

  get done(): boolean {
    return this.heap.length === 0
  }

  /** The next `count` commit names in order (fewer once history ends). */
  next(count: number): string[] {
    const out: string[] = []
    while (out.length < count && this.heap.length > 0) {
      const node = this.pop()
      out.push(node.oid)
      this.visitParents(node)
    }
    return out
  }

  private visitParents(node: Node): void {
    const { graph, objects, shallow } = this.links
    if (shallow.has(node.oid)) return
    const firstOnly = this.order === 'first-parent'
    if (node.position >= 0 && graph) {
      const positions = this.parentPositions
      positions.length = 0
      graph.parents(node.position, positions)
      for (let i = 0; i < (firstOnly ? Math.min(1, positions.length) : positions.length); i++) {
        const p = positions[i]!
        const oid = graph.oid(p)
        if (this.seen.has(oid)) continue
        this.push({ oid, position: p, timeSeconds: graph.timeSeconds(p), seq: 0 })
      }
      return
    }
    const parents = node.parents ?? parseCommitLinks(objects.readTyped(node.oid, 'commit')).parents
    for (let i = 0; i < (firstOnly ? Math.min(1, parents.length) : parents.length); i++) {
      const oid = parents[i]!
      if (this.seen.has(oid)) continue
      this.push(this.node(oid))
    }
  }

  private node(oid: string): Node {
    const { graph, objects } = this.links
    const position = graph ? graph.find(Buffer.from(oid, 'hex')) : -1
    if (position >= 0 && graph)
      return { oid, position, timeSeconds: graph.timeSeconds(position), seq: 0 }
    const { timeSeconds, parents } = parseCommitLinks(objects.readTyped(oid, 'commit'))
    return { oid, position: -1, timeSeconds, seq: 0, parents }
  }

  // A binary heap ordered by (time descending, seq ascending): the same order as
  // git's commit_list_insert_by_date, which files a commit after every queued
  // commit of the same or a newer time.
  private push(node: Node): void {
    this.seen.add(node.oid)
    node.seq = this.seq++
    const heap = this.heap
    heap.push(node)
    let i = heap.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!before(node, heap[parent]!)) break
      heap[i] = heap[parent]!
      i = parent
    }
    heap[i] = node
  }

  private pop(): Node {
    const heap = this.heap
    const top = heap[0]!
    const last = heap.pop()!
    if (heap.length === 0) return top
    let i = 0
    for (;;) {
      const left = 2 * i + 1
      if (left >= heap.length) break
      const right = left + 1
      const child = right < heap.length && before(heap[right]!, heap[left]!) ? right : left
      if (!before(heap[child]!, last)) break
      heap[i] = heap[child]!
      i = child
    }
    heap[i] = last
    return top
  }
}

function before(a: Node, b: Node): boolean {
  return a.timeSeconds > b.timeSeconds || (a.timeSeconds === b.timeSeconds && a.seq < b.seq)
}
