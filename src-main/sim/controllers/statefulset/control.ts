import type { Pod } from '../../api/core'
import type { StatefulSet } from '../../api/statefulset'
import type { ControllerContext } from '../../runtime/context'
import { ownedRevisions, sortRevisions } from '../history/controller-history'
import type { StatefulPodControl } from './pod-control'
import { getStatefulSetRevisions, truncateHistory, type StatefulSetRevisions } from './revisions'
import { rollingUpdate } from './rolling'
import { computeReplicaStatus, statefulSetStatus } from './status'
import {
  allowsBurst,
  applyRevision,
  identityMatches,
  isCreated,
  isFailed,
  isPending,
  isRunningAndAvailable,
  isRunningAndReady,
  isSucceeded,
  isTerminating,
  isUnavailable,
  newVersionedStatefulSetPod,
  ordinalOf,
  podInOrdinalRange,
  startOrdinal,
  storageMatches,
} from './utils'

/** What one pass works on: the set at its two revisions, and the clock. */
interface Pass {
  set: StatefulSet
  updateSet: StatefulSet
  monotonic: boolean
  minReadySeconds: number
  nowMs: number
}

/**
 * `defaultStatefulSetControl.UpdateStatefulSet` (`stateful_set_control.go`): one
 * pass over a set's pods. OrderedReady ("monotonic") creates the lowest missing
 * ordinal and waits until every lower one is Running, Ready and available, and
 * deletes from the highest ordinal one at a time; Parallel does both at once.
 * Scaling comes before updating.
 */
export class StatefulSetControl {
  constructor(
    private readonly ctx: ControllerContext,
    private readonly podControl: StatefulPodControl,
  ) {}

  sync(set: StatefulSet, pods: readonly Pod[]): void {
    const store = this.ctx.store
    const sorted = sortRevisions(ownedRevisions(store, set))
    const revisions = getStatefulSetRevisions(store, set, sorted)
    this.updateStatefulSet(set, revisions, pods)
    this.writeStatus(set, revisions)
    truncateHistory(store, set, this.ownedPods(set), sorted, revisions)
  }

  private updateStatefulSet(
    set: StatefulSet,
    revisions: StatefulSetRevisions,
    pods: readonly Pod[],
  ): void {
    const currentSet = applyRevision(set, revisions.current)
    const pass: Pass = {
      set,
      updateSet: applyRevision(set, revisions.update),
      monotonic: !allowsBurst(set),
      minReadySeconds: set.spec.minReadySeconds ?? 0,
      nowMs: this.ctx.clock.nowMs(),
    }
    const count = set.spec.replicas ?? 1
    const start = startOrdinal(set)
    const replicas: Pod[] = new Array<Pod>(count)
    const condemned: Pod[] = []
    for (const pod of pods) {
      if (podInOrdinalRange(pod, set)) replicas[ordinalOf(pod) - start] = pod
      else if (ordinalOf(pod) >= 0) condemned.push(pod)
    }
    for (let i = 0; i < count; i++) {
      replicas[i] ??= newVersionedStatefulSetPod(
        currentSet,
        pass.updateSet,
        revisions.current.metadata.name,
        revisions.update.metadata.name,
        start + i,
      )
    }
    condemned.sort((a, b) => ordinalOf(b) - ordinalOf(a))
    const unavailable = (p: Pod): boolean => isUnavailable(p, pass.minReadySeconds, pass.nowMs)
    const firstUnavailable =
      replicas.find(unavailable) ?? [...condemned].reverse().find(unavailable)

    if (set.metadata.deletionTimestamp) return
    for (const pod of replicas) {
      if (this.processReplica(pass, pod) && pass.monotonic) return
    }
    for (const pod of condemned) {
      if (!this.podControl.claimsMatchRetentionPolicy(pass.updateSet, pod))
        this.podControl.updateClaimsForRetentionPolicy(pass.updateSet, pod)
    }
    for (const pod of condemned) {
      if (this.processCondemned(pass, pod, firstUnavailable) && pass.monotonic) return
    }
    if (set.spec.updateStrategy?.type === 'OnDelete') return
    rollingUpdate(this.podControl, set, replicas, revisions.update.metadata.name, pass.nowMs)
  }

  /** `processReplica`: true when an OrderedReady pass must stop here. */
  private processReplica(pass: Pass, pod: Pod): boolean {
    const { set, monotonic } = pass
    // A finished pod (evicted, or its node rebooted) is replaced whatever its exit code.
    if (isFailed(pod) || isSucceeded(pod)) {
      if (!isTerminating(pod)) this.podControl.deleteStatefulPod(set, pod)
      return true
    }
    if (!isCreated(pod)) {
      if (this.podControl.podClaimIsStale(set, pod)) return true
      this.podControl.createStatefulPod(set, pod)
      return monotonic
    }
    if (isPending(pod)) this.podControl.createMissingClaims(set, pod)
    if (monotonic) {
      if (isTerminating(pod)) return true
      if (!isRunningAndReady(pod)) return true
      if (!isRunningAndAvailable(pod, pass.minReadySeconds, pass.nowMs)) return true
    }
    const retentionMatches = this.podControl.claimsMatchRetentionPolicy(pass.updateSet, pod)
    if (identityMatches(set, pod) && storageMatches(set, pod) && retentionMatches) return false
    this.podControl.updateStatefulPod(pass.updateSet, pod)
    return false
  }

  /** `processCondemned`: OrderedReady deletes only when every other pod is healthy, and waits for it to go. */
  private processCondemned(pass: Pass, pod: Pod, firstUnavailable: Pod | undefined): boolean {
    if (isTerminating(pod)) return pass.monotonic
    if (pass.monotonic && pod !== firstUnavailable) {
      if (!isRunningAndReady(pod)) return true
      if (!isRunningAndAvailable(pod, pass.minReadySeconds, pass.nowMs)) return true
    }
    this.podControl.deleteStatefulPod(pass.set, pod)
    return true
  }

  /** The status is computed from the pods as this pass left them. */
  private writeStatus(set: StatefulSet, revisions: StatefulSetRevisions): void {
    const pods = this.ownedPods(set).filter((p) => ordinalOf(p) >= 0)
    const counts = computeReplicaStatus(
      pods,
      set.spec.minReadySeconds ?? 0,
      this.ctx.clock.nowMs(),
      revisions.current.metadata.name,
      revisions.update.metadata.name,
    )
    const status = statefulSetStatus(set, counts, {
      current: revisions.current.metadata.name,
      update: revisions.update.metadata.name,
      collisionCount: revisions.collisionCount,
    })
    const latest = this.ctx.store.get<StatefulSet>(
      'StatefulSet',
      set.metadata.namespace,
      set.metadata.name,
    )
    if (!latest || latest.metadata.uid !== set.metadata.uid) return
    this.ctx.store.updateStatus<StatefulSet>({
      ...latest,
      metadata: { ...latest.metadata, resourceVersion: undefined },
      status,
    })
  }

  ownedPods(set: StatefulSet): Pod[] {
    return this.ctx.store
      .dependents<Pod>(set.metadata.uid!, 'Pod')
      .filter((p) =>
        p.metadata.ownerReferences?.some((r) => r.controller && r.uid === set.metadata.uid),
      )
  }
}
