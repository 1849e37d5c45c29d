import type { Pod } from '../../api/core'
import type { OwnerReference } from '../../api/meta'
import type { PersistentVolumeClaim } from '../../api/persistent-volume-claim'
import type { StatefulSet } from '../../api/statefulset'
import { ownerRefTo } from '../history/controller-history'
import { claimName, podInOrdinalRange, retentionPolicy } from './utils'

/**
 * The claims of a StatefulSet's pods and who owns them under the
 * `persistentVolumeClaimRetentionPolicy` (`stateful_set_utils.go`): Retain/Retain
 * leaves them unowned; WhenDeleted=Delete hands them to the set; WhenScaled=Delete
 * hands a scaled-down pod's claims to that pod, so the garbage collector takes them.
 */

/** `getPersistentVolumeClaims`: this pod's claims, one per template, labelled with the selector's labels. */
export function claimsFor(set: StatefulSet, ordinal: number): PersistentVolumeClaim[] {
  const matchLabels = set.spec.selector.matchLabels ?? {}
  return (set.spec.volumeClaimTemplates ?? []).map((t) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: claimName(set, t.metadata.name, ordinal),
      namespace: set.metadata.namespace,
      labels: t.metadata.labels ? { ...t.metadata.labels, ...matchLabels } : { ...matchLabels },
      annotations: t.metadata.annotations,
    },
    spec: t.spec,
    // The API server starts every claim Pending; binding is a PersistentVolume controller's work.
    status: { phase: 'Pending' },
  }))
}

type Owner = { kind: 'StatefulSet' | 'Pod'; name: string; uid?: string }

const ownerOf = (set: StatefulSet): Owner => ({
  kind: 'StatefulSet',
  name: set.metadata.name,
  uid: set.metadata.uid,
})
const podOwner = (pod: Pod): Owner => ({
  kind: 'Pod',
  name: pod.metadata.name,
  uid: pod.metadata.uid,
})

/** `matchesRef`: same kind and name, whatever the uid. */
function matchesRef(ref: OwnerReference, owner: Owner): boolean {
  const apiVersion = owner.kind === 'Pod' ? 'v1' : 'apps/v1'
  return ref.apiVersion === apiVersion && ref.kind === owner.kind && ref.name === owner.name
}

function hasOwnerRef(claim: PersistentVolumeClaim, owner: Owner): boolean {
  return (claim.metadata.ownerReferences ?? []).some((r) => r.uid === owner.uid)
}

/** `hasStaleOwnerRef`: a reference to an earlier object of the same name. */
function hasStaleOwnerRef(claim: PersistentVolumeClaim, owner: Owner): boolean {
  const ref = (claim.metadata.ownerReferences ?? []).find((r) => matchesRef(r, owner))
  return ref !== undefined && ref.uid !== owner.uid
}

export const hasStalePodRef = (claim: PersistentVolumeClaim, pod: Pod): boolean =>
  hasStaleOwnerRef(claim, podOwner(pod))

/** `hasUnexpectedController`: someone other than the set or the pod controls the claim. */
export function hasUnexpectedController(
  claim: PersistentVolumeClaim,
  set: StatefulSet,
  pod: Pod,
): boolean {
  const policy = retentionPolicy(set)
  if (policy.whenScaled === 'Retain' && policy.whenDeleted === 'Retain') return false
  for (const ref of claim.metadata.ownerReferences ?? []) {
    const ours = [ownerOf(set), podOwner(pod)].find((owner) => matchesRef(ref, owner))
    if (ours) {
      if (ref.uid !== ours.uid) return true
      continue
    }
    if (ref.controller) return true
  }
  return false
}

function hasNonControllerOwner(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  return (claim.metadata.ownerReferences ?? []).some(
    (r) => (r.uid === set.metadata.uid || r.uid === pod.metadata.uid) && !r.controller,
  )
}

/** Which of the set and the pod should own the claim, by the policy and whether the pod is scaled down. */
function wantedOwners(set: StatefulSet, pod: Pod): { set: boolean; pod: boolean } {
  const policy = retentionPolicy(set)
  const scaledDown = !podInOrdinalRange(pod, set)
  return {
    set: policy.whenDeleted === 'Delete' && (policy.whenScaled === 'Retain' || !scaledDown),
    pod: policy.whenScaled === 'Delete' && scaledDown,
  }
}

/** `isClaimOwnerUpToDate`. */
export function isClaimOwnerUpToDate(
  claim: PersistentVolumeClaim,
  set: StatefulSet,
  pod: Pod,
): boolean {
  if (hasStaleOwnerRef(claim, ownerOf(set)) || hasStaleOwnerRef(claim, podOwner(pod))) return true
  if (hasUnexpectedController(claim, set, pod))
    return !hasOwnerRef(claim, ownerOf(set)) && !hasOwnerRef(claim, podOwner(pod))
  if (hasNonControllerOwner(claim, set, pod)) return false
  const wanted = wantedOwners(set, pod)
  return (
    wanted.set === hasOwnerRef(claim, ownerOf(set)) &&
    wanted.pod === hasOwnerRef(claim, podOwner(pod))
  )
}

/** `updateClaimOwnerRefForSetAndPod`: the claim's owner references as the policy wants them. */
export function claimOwnerRefs(
  claim: PersistentVolumeClaim,
  set: StatefulSet,
  pod: Pod,
): OwnerReference[] | undefined {
  const unexpected = hasUnexpectedController(claim, set, pod)
  const refs = (claim.metadata.ownerReferences ?? []).filter(
    (r) => !matchesRef(r, ownerOf(set)) && !matchesRef(r, podOwner(pod)),
  )
  if (!unexpected) {
    const wanted = wantedOwners(set, pod)
    if (wanted.set) refs.push(ownerRefTo(set))
    if (wanted.pod) refs.push(ownerRefTo(pod))
  }
  return refs.length > 0 ? refs : undefined
}
