import type { Pod } from '../../api/core'
import type { PersistentVolumeClaim } from '../../api/persistent-volume-claim'
import type { StatefulSet } from '../../api/statefulset'
import type { ControllerContext } from '../../runtime/context'
import { ApiError } from '../../store/errors'
import {
  claimOwnerRefs,
  claimsFor,
  hasStalePodRef,
  hasUnexpectedController,
  isClaimOwnerUpToDate,
} from './claims'
import { claimName, identityLabels, identityMatches, ordinalOf, retentionPolicy } from './utils'

export const STATEFULSET_CONTROLLER = 'statefulset-controller'

type Verb = 'create' | 'update' | 'delete'
const title = (verb: Verb): string => verb[0]!.toUpperCase() + verb.slice(1)

/**
 * `StatefulPodControl` (`stateful_pod_control.go`): creates a pod's claims before
 * the pod, deletes and repairs pods, keeps claim ownership in line with the
 * retention policy, and records each action in upstream's words.
 */
export class StatefulPodControl {
  constructor(private readonly ctx: ControllerContext) {}

  /** `CreateStatefulPod`: claims first, then the pod, then the claims' owners. */
  createStatefulPod(set: StatefulSet, pod: Pod): Pod | undefined {
    const claimError = this.createClaims(set, pod)
    if (claimError) {
      this.recordPodEvent('create', set, pod, claimError)
      return undefined
    }
    let created: Pod
    try {
      created = this.ctx.store.createOwned<Pod>({ ...pod, status: { phase: 'Pending' } })
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      // Upstream sinks AlreadyExists without an event and retries later.
      if (e.reason !== 'AlreadyExists') this.recordPodEvent('create', set, pod, e.message)
      return undefined
    }
    this.updateClaimsForRetentionPolicy(set, created)
    this.recordPodEvent('create', set, created)
    return created
  }

  /** `UpdateStatefulPod`: puts back the identity labels and any missing claims. */
  updateStatefulPod(set: StatefulSet, pod: Pod): void {
    let labels = pod.metadata.labels
    if (!identityMatches(set, pod)) {
      labels = identityLabels(labels, pod.metadata.name, ordinalOf(pod))
    }
    const claimError = this.createClaims(set, pod)
    if (claimError) return this.recordPodEvent('update', set, pod, claimError)
    if (!this.claimsMatchRetentionPolicy(set, pod)) this.updateClaimsForRetentionPolicy(set, pod)
    if (labels === pod.metadata.labels) return
    this.ctx.store.updateOwned<Pod>({ ...pod, metadata: { ...pod.metadata, labels } })
    this.recordPodEvent('update', set, pod)
  }

  /** `DeleteStatefulPod`: a graceful delete; the kubelet finishes it. */
  deleteStatefulPod(set: StatefulSet, pod: Pod): void {
    try {
      this.ctx.store.delete({
        kind: 'Pod',
        namespace: pod.metadata.namespace,
        name: pod.metadata.name,
      })
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      if (e.reason !== 'NotFound') return this.recordPodEvent('delete', set, pod, e.message)
    }
    this.recordPodEvent('delete', set, pod)
  }

  /** `createMissingPersistentVolumeClaims`, for a pod still Pending. */
  createMissingClaims(set: StatefulSet, pod: Pod): void {
    const claimError = this.createClaims(set, pod)
    if (claimError) return
    this.updateClaimsForRetentionPolicy(set, pod)
  }

  /** `ClaimsMatchRetentionPolicy`: a missing claim is picked up on a later pass. */
  claimsMatchRetentionPolicy(set: StatefulSet, pod: Pod): boolean {
    return this.existingClaims(set, pod).every((claim) => isClaimOwnerUpToDate(claim, set, pod))
  }

  /** `UpdatePodClaimForRetentionPolicy`. */
  updateClaimsForRetentionPolicy(set: StatefulSet, pod: Pod): void {
    for (const claim of this.existingClaims(set, pod)) {
      if (hasUnexpectedController(claim, set, pod)) {
        // "manging" is upstream's spelling.
        this.record(
          set,
          'Warning',
          'ConflictingController',
          `PersistentVolumeClaim ${claim.metadata.name} has a conflicting OwnerReference that acts as a manging controller, the retention policy is ignored for this claim`,
        )
      }
      if (isClaimOwnerUpToDate(claim, set, pod)) continue
      const ownerReferences = claimOwnerRefs(claim, set, pod)
      this.ctx.store.updateOwned<PersistentVolumeClaim>({
        ...claim,
        metadata: { ...claim.metadata, ownerReferences },
      })
    }
  }

  /**
   * `PodClaimIsStale`: with WhenScaled=Delete, a claim still owned by an earlier
   * pod of this name is about to be collected; the pod waits for it to go.
   */
  podClaimIsStale(set: StatefulSet, pod: Pod): boolean {
    if (retentionPolicy(set).whenScaled === 'Retain') return false
    return this.existingClaims(set, pod).some((claim) => hasStalePodRef(claim, pod))
  }

  /** `createPersistentVolumeClaims`: the claims that do not exist yet; an error message if one failed. */
  private createClaims(set: StatefulSet, pod: Pod): string | undefined {
    const errors: string[] = []
    for (const claim of claimsFor(set, ordinalOf(pod))) {
      if (this.getClaim(claim)) continue
      try {
        // Through the API's admission, as upstream's client does: it gives the claim the default class.
        this.ctx.store.create(claim)
        this.recordClaimEvent(set, pod, claim)
      } catch (e) {
        if (!(e instanceof ApiError)) throw e
        errors.push(`failed to create PVC ${claim.metadata.name}: ${e.message}`)
        if (e.reason !== 'AlreadyExists') this.recordClaimEvent(set, pod, claim, e.message)
      }
    }
    return errors.length === 0
      ? undefined
      : errors.length === 1
        ? errors[0]
        : `[${errors.join(', ')}]`
  }

  private getClaim(claim: PersistentVolumeClaim): PersistentVolumeClaim | undefined {
    return this.ctx.store.get<PersistentVolumeClaim>(
      'PersistentVolumeClaim',
      claim.metadata.namespace,
      claim.metadata.name,
    )
  }

  /** The pod's claims that exist; looked up by name, since most passes only read them. */
  private existingClaims(set: StatefulSet, pod: Pod): PersistentVolumeClaim[] {
    const ordinal = ordinalOf(pod)
    const out: PersistentVolumeClaim[] = []
    for (const t of set.spec.volumeClaimTemplates ?? []) {
      const name = claimName(set, t.metadata.name, ordinal)
      const claim = this.ctx.store.get<PersistentVolumeClaim>(
        'PersistentVolumeClaim',
        set.metadata.namespace,
        name,
      )
      if (claim) out.push(claim)
    }
    return out
  }

  /** `recordPodEvent`: `create Pod web-0 in StatefulSet web successful`, or `... failed error: ...`. */
  private recordPodEvent(verb: Verb, set: StatefulSet, pod: Pod, error?: string): void {
    const what = `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name}`
    if (error === undefined)
      this.record(set, 'Normal', `Successful${title(verb)}`, `${what} successful`)
    else this.record(set, 'Warning', `Failed${title(verb)}`, `${what} failed error: ${error}`)
  }

  /** `recordClaimEvent`: note "success", not "successful", and "for Pod" only on failure. */
  private recordClaimEvent(
    set: StatefulSet,
    pod: Pod,
    claim: PersistentVolumeClaim,
    error?: string,
  ): void {
    const claimName = claim.metadata.name
    const rest = `Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name}`
    if (error === undefined)
      this.record(set, 'Normal', 'SuccessfulCreate', `create Claim ${claimName} ${rest} success`)
    else
      this.record(
        set,
        'Warning',
        'FailedCreate',
        `create Claim ${claimName} for ${rest} failed error: ${error}`,
      )
  }

  private record(
    set: StatefulSet,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
  ): void {
    this.ctx.recorder.record(set, type, reason, message, { component: STATEFULSET_CONTROLLER })
  }
}
