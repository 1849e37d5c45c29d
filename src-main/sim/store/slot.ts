import type { KubeObject } from '../api/meta'

/**
 * Where one stored object lives, from its create to its removal: the table
 * (by name) and the indexes (by uid, by owner, by node) hold the slot, and a
 * write that replaces the object only changes `obj`. Most writes (every
 * status update) then touch no hash table at all.
 */
export interface Slot {
  obj: KubeObject
}
