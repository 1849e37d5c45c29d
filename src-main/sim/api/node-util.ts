import type { Node, Taint } from './core'
import type { Condition } from './meta'

/** A node's conditions; none when what is stored there is not a list of them. */
export function nodeConditions(node: Node | undefined): readonly Condition[] {
  const list = node?.status?.conditions
  return Array.isArray(list) ? list.filter((c) => c && typeof c === 'object') : []
}

/** A node's taints; none when what is stored there is not a list of them. */
export function nodeTaints(node: Node | undefined): readonly Taint[] {
  const list = node?.spec?.taints
  return Array.isArray(list) ? list.filter((t) => t && typeof t === 'object') : []
}
