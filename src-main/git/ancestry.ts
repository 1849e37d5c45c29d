import type { CommitLinks } from './history-walk'
import { parseCommitLinks } from './objects/commit-text'

/**
 * Whether `ancestor` is reachable from `descendant` through parents (a commit
 * counts as its own ancestor), as `git merge-base --is-ancestor` answers. With
 * a commit graph, commits whose topological level is not above the ancestor's
 * are not walked: nothing below that level can lead to it.
 */
export function isAncestor(links: CommitLinks, ancestor: string, descendant: string): boolean {
  if (ancestor === descendant) return true
  const { graph, objects, shallow } = links
  const ancestorPosition = graph ? graph.find(Buffer.from(ancestor, 'hex')) : -1
  // Graphs written by old git versions hold level 0 (unknown): then nothing is pruned.
  const floor = graph && ancestorPosition >= 0 ? graph.level(ancestorPosition) : 0
  const seen = new Set<string>([descendant])
  const queue = [descendant]
  const positions: number[] = []
  while (queue.length > 0) {
    const oid = queue.pop()!
    if (oid === ancestor) return true
    if (shallow.has(oid)) continue
    const position = graph ? graph.find(Buffer.from(oid, 'hex')) : -1
    let parents: string[]
    if (graph && position >= 0) {
      const level = graph.level(position)
      if (level > 0 && level <= floor) continue
      positions.length = 0
      graph.parents(position, positions)
      parents = positions.map((p) => graph.oid(p))
    } else {
      parents = parseCommitLinks(objects.readTyped(oid, 'commit')).parents
    }
    for (const parent of parents) {
      if (seen.has(parent)) continue
      seen.add(parent)
      queue.push(parent)
    }
  }
  return false
}
