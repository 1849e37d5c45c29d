import type { Node } from '../../api/core'
import { nodeSelectorMatches } from '../../api/node-affinity'
import { parseQuantity } from '../../api/quantity'
import {
  claimClass,
  volumeClass,
  type PersistentVolume,
  type PersistentVolumeClaim,
} from '../../api/storage'
import { selectorFrom } from '../../store/labels'

function storageOf(resources: Record<string, string | number> | undefined): number {
  try {
    return parseQuantity(resources?.storage ?? 0)
  } catch {
    return 0
  }
}

/** Whether a volume is pre-bound to this claim (by name, and by uid once known). */
export function preBoundTo(volume: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  const ref = volume.spec.claimRef
  return (
    ref !== undefined &&
    ref.name === claim.metadata.name &&
    (ref.namespace ?? 'default') === claim.metadata.namespace &&
    (!ref.uid || ref.uid === claim.metadata.uid)
  )
}

/** A bound volume's node affinity lets a pod on this node use it. */
export function volumeFitsNode(volume: PersistentVolume, node: Node): boolean {
  const required = volume.spec.nodeAffinity?.required
  return !required || nodeSelectorMatches(required, node)
}

/**
 * `FindMatchingVolume` (`pkg/controller/volume/persistentvolume/util`): a volume
 * pre-bound to the claim wins at once; otherwise the smallest available volume
 * of the claim's class and volume mode that has its access modes, enough
 * capacity, labels its selector wants, and (for a claim waiting for its
 * consumer) affinity to the chosen node.
 */
export function findMatchingVolume(
  claim: PersistentVolumeClaim,
  volumes: Iterable<PersistentVolume>,
  node: Node | undefined,
  delayBinding: boolean,
): PersistentVolume | undefined {
  const wanted = storageOf(claim.spec.resources?.requests)
  const selector = claim.spec.selector ? selectorFrom(claim.spec.selector) : undefined
  const modes = claim.spec.accessModes ?? []
  let best: PersistentVolume | undefined
  let bestSize = Infinity
  for (const volume of volumes) {
    if (volume.metadata.deletionTimestamp) continue
    if (volumeClass(volume) !== claimClass(claim)) continue
    if ((volume.spec.volumeMode ?? 'Filesystem') !== (claim.spec.volumeMode ?? 'Filesystem'))
      continue
    const size = storageOf(volume.spec.capacity)
    if (volume.spec.claimRef) {
      if (preBoundTo(volume, claim) && size >= wanted) return volume
      continue
    }
    if (volume.status?.phase !== 'Available') continue
    if (selector && !selector.matches(volume.metadata.labels)) continue
    if (!modes.every((m) => (volume.spec.accessModes ?? []).includes(m))) continue
    if (size < wanted) continue
    if (delayBinding && (!node || !volumeFitsNode(volume, node))) continue
    if (size < bestSize) {
      best = volume
      bestSize = size
    }
  }
  return best
}
