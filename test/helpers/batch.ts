import type { KubeEvent, Pod } from '../../src-main/sim/api/core'
import type { CronJob, Job } from '../../src-main/sim/api/batch'
import { controllerRef } from '../../src-main/sim/api/pod-util'
import type { Simulation } from '../../src-main/sim/simulation'
import { fixture } from './fixtures'

/** A Job or CronJob manifest from `test/fixtures/batch`, changed by `edit` if given. */
export function batchFixture<T extends Job | CronJob>(file: string, edit?: (obj: T) => void): T {
  const obj = fixture<T>('batch', file)
  edit?.(obj)
  return obj
}

export function jobNamed(sim: Simulation, name: string): Job | undefined {
  return sim.store.get<Job>('Job', 'default', name)
}

export function cronJobNamed(sim: Simulation, name: string): CronJob {
  return sim.store.get<CronJob>('CronJob', 'default', name)!
}

/** Every pod the Job controls, in creation order. */
export function podsOf(sim: Simulation, job: Job): Pod[] {
  return sim.store
    .dependents<Pod>(job.metadata.uid!, 'Pod')
    .filter((p) => controllerRef(p)?.uid === job.metadata.uid)
}

/** Jobs a CronJob controls, oldest first. */
export function jobsOf(sim: Simulation, cj: CronJob): Job[] {
  return sim.store
    .dependents<Job>(cj.metadata.uid!, 'Job')
    .filter((j) => controllerRef(j)?.uid === cj.metadata.uid)
}

/** Events about one object, oldest first, as `reason: message`. */
export function eventsOf(sim: Simulation, kind: string, name: string): KubeEvent[] {
  return sim.store
    .list<KubeEvent>('Event', { namespace: 'default' })
    .filter((e) => e.involvedObject.kind === kind && e.involvedObject.name === name)
    .sort((a, b) =>
      a.firstTimestamp < b.firstTimestamp ? -1 : a.firstTimestamp > b.firstTimestamp ? 1 : 0,
    )
}

/**
 * Every event recorded from now on about objects of `kind`, as
 * `name reason: message`, repeats included: the store itself forgets events an
 * hour after their last update, as the API server does.
 */
export function watchEvents(sim: Simulation, kind: string): string[] {
  const log: string[] = []
  sim.store.watch(
    ({ type, object, old }) => {
      const e = object as KubeEvent
      if (e.involvedObject.kind !== kind || type === 'DELETED') return
      if (type === 'MODIFIED' && (old as KubeEvent).count === e.count) return
      log.push(`${e.involvedObject.name} ${e.reason}: ${e.message}`)
    },
    ['Event'],
  )
  return log
}

export function conditionsOf(job: Job | undefined): string[] {
  return (job?.status?.conditions ?? []).map((c) => `${c.type}=${c.status}:${c.reason ?? ''}`)
}
