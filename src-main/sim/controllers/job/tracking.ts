import type { Pod } from '../../api/core'
import { isPodFailed } from './backoff'

export type Outcome = 'Succeeded' | 'Failed'

interface Tracked {
  /** Pods whose outcome is in the Job's counters, or that must never be counted. */
  readonly counted: Set<string>
  /** Pods that went away before their outcome was counted. */
  readonly gone: Outcome[]
}

/**
 * Which finished pods a Job has already counted. Upstream keeps the
 * `batch.kubernetes.io/job-tracking` finalizer on every pod until its outcome
 * is in `status.succeeded` or `status.failed`, so no pod is lost or counted
 * twice even once it is deleted. Drydock's pods carry no finalizer; the
 * controller remembers the pods it counted instead, and the pods that vanished
 * uncounted, until the Job finishes or goes.
 */
export class JobTracking {
  private readonly jobs = new Map<string, Tracked>()

  private of(jobUid: string): Tracked {
    let t = this.jobs.get(jobUid)
    if (!t) this.jobs.set(jobUid, (t = { counted: new Set(), gone: [] }))
    return t
  }

  /** Pods that finished since the last sync, by outcome, in creation order. */
  newlyFinished(jobUid: string, pods: readonly Pod[]): { succeeded: Pod[]; failed: Pod[] } {
    const counted = this.jobs.get(jobUid)?.counted
    const succeeded: Pod[] = []
    const failed: Pod[] = []
    for (const pod of pods) {
      if (counted?.has(pod.metadata.uid!)) continue
      if (pod.status?.phase === 'Succeeded') succeeded.push(pod)
      else if (isPodFailed(pod)) failed.push(pod)
    }
    return { succeeded, failed }
  }

  /** Outcomes of pods that vanished uncounted, to be added once. */
  takeGone(jobUid: string): Outcome[] {
    const t = this.jobs.get(jobUid)
    if (!t || t.gone.length === 0) return []
    return t.gone.splice(0)
  }

  markCounted(jobUid: string, pods: Iterable<Pod>): void {
    const counted = this.of(jobUid).counted
    for (const pod of pods) counted.add(pod.metadata.uid!)
  }

  /** A pod of a running Job was removed: count what it became, unless it was counted already. */
  podGone(jobUid: string, pod: Pod): void {
    const t = this.of(jobUid)
    // A counted pod that goes is simply forgotten: its uid never comes back.
    if (t.counted.delete(pod.metadata.uid!)) return
    t.gone.push(pod.status?.phase === 'Succeeded' ? 'Succeeded' : 'Failed')
  }

  forget(jobUid: string): void {
    this.jobs.delete(jobUid)
  }
}
