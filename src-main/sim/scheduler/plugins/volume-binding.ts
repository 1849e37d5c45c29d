import type { PersistentVolume } from '../../api/storage'
import { findMatchingVolume, volumeFitsNode } from '../../controllers/volume/matching'
import type { FilterPlugin, Status } from '../framework'
import { podClaims, storageClassOf } from '../pod-claims'

const NO_PROVISIONER = 'kubernetes.io/no-provisioner'

const status = (reason: string): Status => ({
  plugin: 'VolumeBinding',
  reasons: [reason],
  unresolvable: true,
})

const PV_NOT_EXIST = status(
  'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)',
)
const NODE_CONFLICT = status('node(s) had volume node affinity conflict')
const BIND_CONFLICT = status("node(s) didn't find available persistent volumes to bind")

/**
 * `VolumeBinding`'s PreFilter and Filter: the pod's claims must exist, not be
 * lost or being deleted, and be bound unless their class waits for the first
 * consumer; a bound volume's node affinity limits the nodes, and a claim of a
 * class without a provisioner needs a volume it can bind on the node. Claims
 * waiting for their consumer are given the chosen node afterwards (Reserve and
 * PreBind, in `volume-prebind.ts`).
 */
export const volumeBinding: FilterPlugin = {
  name: 'VolumeBinding',
  preFilter({ pod, store }) {
    const claims = podClaims(store, pod.pod)
    if (!claims) return undefined
    if ('rejection' in claims) return { rejection: status(claims.rejection) }
    if (claims.immediate.length > 0)
      return { rejection: status('pod has unbound immediate PersistentVolumeClaims') }
    const staticOnly = claims.delayed.filter(
      (c) => storageClassOf(store, c)?.provisioner === NO_PROVISIONER,
    )
    if (claims.bound.length === 0 && staticOnly.length === 0) return undefined
    let candidates: PersistentVolume[] | undefined
    return {
      filter(node) {
        for (const { volume } of claims.bound) {
          if (!volume) return PV_NOT_EXIST
          if (!volumeFitsNode(volume, node.node)) return NODE_CONFLICT
        }
        if (staticOnly.length === 0) return undefined
        candidates ??= store.list<PersistentVolume>('PersistentVolume')
        for (const claim of staticOnly)
          if (!findMatchingVolume(claim, candidates, node.node, true)) return BIND_CONFLICT
        return undefined
      },
    }
  },
}
