import { describe, expect, it } from 'vitest'
import type { Job } from '../../../../src-main/sim/api/batch'
import { isPodActive } from '../../../../src-main/sim/api/pod-util'
import { ApiError } from '../../../../src-main/sim/store/errors'
import type { Simulation } from '../../../../src-main/sim/simulation'
import { batchFixture, conditionsOf, eventsOf, jobNamed, podsOf } from '../../../helpers/batch'
import { apply, newSim } from '../../../helpers/sim'

const POD_NAME = /^[a-z]+-[bcdfghjklmnpqrstvwxz2456789]{5}$/

/** Runs until the Job has a Complete or Failed condition, noting the most pods ever active at once. */
function runJob(sim: Simulation, name: string, maxMs = 3_600_000): { maxActive: number } {
  let maxActive = 0
  const done = (): boolean => {
    const job = jobNamed(sim, name)!
    maxActive = Math.max(maxActive, podsOf(sim, job).filter(isPodActive).length)
    return conditionsOf(job).some((c) => /^(Complete|Failed)=True/.test(c))
  }
  sim.runUntilTrue(done, maxMs)
  return { maxActive }
}

function creationTimesMs(sim: Simulation, job: Job): number[] {
  return podsOf(sim, job).map((p) => Date.parse(p.metadata.creationTimestamp!))
}

describe('the Job controller', () => {
  it('completes 3 pods, never more than 2 at once, and keeps them', () => {
    const sim = newSim()
    apply(sim, batchFixture<Job>('job-parallel.yaml'))
    const { maxActive } = runJob(sim, 'render')
    const job = jobNamed(sim, 'render')!
    expect(maxActive).toBe(2)
    expect(job.status).toMatchObject({ succeeded: 3, ready: 0, terminating: 0 })
    expect(job.status?.active).toBeUndefined()
    expect(job.status?.failed).toBeUndefined()
    expect(job.status?.completionTime).toBeDefined()
    expect(conditionsOf(job)).toEqual([
      'SuccessCriteriaMet=True:CompletionsReached',
      'Complete=True:CompletionsReached',
    ])
    expect(job.status?.conditions?.[1]?.message).toBe('Reached expected number of succeeded pods')
    const pods = podsOf(sim, job)
    expect(pods.map((p) => p.status?.phase)).toEqual(['Succeeded', 'Succeeded', 'Succeeded'])
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(POD_NAME)
      expect(pod.metadata.name.startsWith('render-')).toBe(true)
      expect(pod.metadata.labels).toEqual({
        'batch.kubernetes.io/controller-uid': job.metadata.uid,
        'batch.kubernetes.io/job-name': 'render',
        'controller-uid': job.metadata.uid,
        'job-name': 'render',
      })
      expect(pod.metadata.ownerReferences).toEqual([
        {
          apiVersion: 'batch/v1',
          kind: 'Job',
          name: 'render',
          uid: job.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ])
    }
    // The third pod starts only once one of the first two has succeeded (after its 20 s of work).
    const [a, b, c] = creationTimesMs(sim, job)
    expect(b! - a!).toBeLessThan(1000)
    expect(c! - a!).toBeGreaterThanOrEqual(20_000)
    expect(eventsOf(sim, 'Job', 'render').map((e) => `${e.reason}: ${e.message}`)).toEqual([
      ...pods.map((p) => `SuccessfulCreate: Created pod: ${p.metadata.name}`),
      'Completed: Job completed',
    ])
  })

  it('fails with BackoffLimitExceeded after exactly 3 failed pods, backing off 10 s then 20 s', () => {
    const sim = newSim()
    apply(sim, batchFixture<Job>('job-failing.yaml'))
    runJob(sim, 'flaky')
    sim.runFor(600_000)
    const job = jobNamed(sim, 'flaky')!
    const pods = podsOf(sim, job)
    expect(pods.map((p) => p.status?.phase)).toEqual(['Failed', 'Failed', 'Failed'])
    expect(job.status).toMatchObject({ failed: 3, terminating: 0, ready: 0 })
    expect(job.status?.completionTime).toBeUndefined()
    expect(conditionsOf(job)).toEqual([
      'FailureTarget=True:BackoffLimitExceeded',
      'Failed=True:BackoffLimitExceeded',
    ])
    expect(job.status?.conditions?.[1]?.message).toBe('Job has reached the specified backoff limit')
    // Each replacement waits for the back-off after the previous pod failed: the gaps grow.
    const [first, second, third] = creationTimesMs(sim, job)
    const gaps = [second! - first!, third! - second!]
    expect(gaps[0]).toBeGreaterThanOrEqual(10_000)
    expect(gaps[0]).toBeLessThan(15_000)
    expect(gaps[1]).toBeGreaterThanOrEqual(20_000)
    expect(gaps[1]).toBeLessThan(25_000)
    const events = eventsOf(sim, 'Job', 'flaky')
    expect(events.map((e) => e.reason)).toEqual([
      'SuccessfulCreate',
      'SuccessfulCreate',
      'SuccessfulCreate',
      'BackoffLimitExceeded',
    ])
    expect(events[3]).toMatchObject({
      type: 'Warning',
      message: 'Job has reached the specified backoff limit',
      source: { component: 'job-controller' },
    })
  })

  it('counts container restarts against backoffLimit when restartPolicy is OnFailure', () => {
    const sim = newSim()
    apply(
      sim,
      batchFixture<Job>('job-failing.yaml', (j) => {
        j.spec.template.spec.restartPolicy = 'OnFailure'
      }),
    )
    runJob(sim, 'flaky')
    const job = jobNamed(sim, 'flaky')!
    expect(conditionsOf(job)).toEqual([
      'FailureTarget=True:BackoffLimitExceeded',
      'Failed=True:BackoffLimitExceeded',
    ])
    // One pod, restarted in place until its restarts reached the limit, then deleted and counted failed.
    expect(podsOf(sim, job)).toEqual([])
    expect(job.status?.failed).toBe(1)
    expect(eventsOf(sim, 'Job', 'flaky').map((e) => e.reason)).toEqual([
      'SuccessfulCreate',
      'SuccessfulDelete',
      'BackoffLimitExceeded',
    ])
  })

  it('fails a Job running past activeDeadlineSeconds with DeadlineExceeded and deletes its pod', () => {
    const sim = newSim()
    apply(sim, batchFixture<Job>('job-long.yaml'))
    const start = sim.nowMs()
    sim.runFor(59_000)
    expect(conditionsOf(jobNamed(sim, 'long'))).toEqual([])
    sim.runFor(1_500)
    const failing = jobNamed(sim, 'long')!
    expect(conditionsOf(failing)).toEqual(['FailureTarget=True:DeadlineExceeded'])
    expect(failing.status).toMatchObject({ failed: 1, terminating: 1 })
    const pod = podsOf(sim, failing)[0]!
    expect(pod.metadata.deletionTimestamp).toBeDefined()
    // A shell as PID 1 ignores SIGTERM: the pod goes at the end of its 30 s grace period.
    runJob(sim, 'long')
    const job = jobNamed(sim, 'long')!
    expect(sim.nowMs() - start).toBeGreaterThan(90_000)
    expect(conditionsOf(job)).toEqual([
      'FailureTarget=True:DeadlineExceeded',
      'Failed=True:DeadlineExceeded',
    ])
    expect(job.status?.conditions?.[1]?.message).toBe(
      'Job was active longer than specified deadline',
    )
    expect(job.status).toMatchObject({ failed: 1, terminating: 0 })
    expect(podsOf(sim, job)).toEqual([])
    expect(eventsOf(sim, 'Job', 'long').map((e) => `${e.type} ${e.reason}`)).toEqual([
      'Normal SuccessfulCreate',
      'Normal SuccessfulDelete',
      'Warning DeadlineExceeded',
    ])
  })

  it('runs no pod while suspended and starts the deadline clock on resume', () => {
    const sim = newSim()
    const suspended = batchFixture<Job>('job-parallel.yaml', (j) => {
      j.spec.suspend = true
    })
    apply(sim, suspended)
    sim.runFor(120_000)
    let job = jobNamed(sim, 'render')!
    expect(podsOf(sim, job)).toEqual([])
    expect(job.status?.startTime).toBeUndefined()
    expect(conditionsOf(job)).toEqual(['Suspended=True:JobSuspended'])
    apply(sim, { ...suspended, spec: { ...suspended.spec, suspend: false } })
    job = jobNamed(sim, 'render')!
    expect(job.status?.startTime).toBe('2026-01-01T00:02:00Z')
    expect(conditionsOf(job)).toEqual(['Suspended=False:JobResumed'])
    expect(podsOf(sim, job)).toHaveLength(2)
    // As upstream, manageJob creates the pods before the sync records the resume.
    expect(eventsOf(sim, 'Job', 'render').map((e) => e.reason)).toEqual([
      'Suspended',
      'SuccessfulCreate',
      'SuccessfulCreate',
      'Resumed',
    ])
  })

  it('deletes the finished Job ttlSecondsAfterFinished later, and its pods with it', () => {
    const sim = newSim()
    apply(
      sim,
      batchFixture<Job>('job-parallel.yaml', (j) => {
        j.spec.ttlSecondsAfterFinished = 100
      }),
    )
    runJob(sim, 'render')
    const finished = jobNamed(sim, 'render')!
    sim.runFor(99_000)
    expect(jobNamed(sim, 'render')).toBeDefined()
    sim.runFor(2_000)
    expect(jobNamed(sim, 'render')).toBeUndefined()
    sim.runFor(10_000)
    expect(podsOf(sim, finished)).toEqual([])
  })

  it('generates the selector and labels from its uid, as the API server does', () => {
    const sim = newSim()
    apply(sim, batchFixture<Job>('job-parallel.yaml'))
    const job = jobNamed(sim, 'render')!
    const uid = job.metadata.uid!
    expect(job.spec.selector).toEqual({
      matchLabels: { 'batch.kubernetes.io/controller-uid': uid },
    })
    expect(job.metadata.labels).toEqual(job.spec.template.metadata?.labels)
    expect(job.spec).toMatchObject({
      completions: 3,
      parallelism: 2,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      suspend: false,
    })
    // Applying the same manifest again keeps what the server generated, and changes nothing.
    apply(sim, batchFixture<Job>('job-parallel.yaml'))
    expect(jobNamed(sim, 'render')!.spec.selector).toEqual(job.spec.selector)
    expect(jobNamed(sim, 'render')!.metadata.generation).toBe(1)
  })
})

describe('Job defaults and validation', () => {
  it.each([
    [{}, { completions: 1, parallelism: 1 }],
    [{ parallelism: 4 }, { completions: undefined, parallelism: 4 }],
    [{ completions: 5 }, { completions: 5, parallelism: 1 }],
  ])('defaults %j to %j', (given, expected) => {
    const sim = newSim()
    const manifest = batchFixture<Job>('job-parallel.yaml', (j) => {
      delete j.spec.completions
      delete j.spec.parallelism
      Object.assign(j.spec, given)
      j.spec.suspend = true
    })
    const job = sim.store.create(manifest)
    expect({ completions: job.spec.completions, parallelism: job.spec.parallelism }).toEqual(
      expected,
    )
  })

  it.each([
    [
      'restartPolicy Always',
      (j: Job) => {
        j.spec.template.spec.restartPolicy = 'Always'
      },
      'Job.batch "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ],
    [
      'no restartPolicy',
      (j: Job) => {
        delete j.spec.template.spec.restartPolicy
      },
      'Job.batch "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ],
    [
      'a negative backoffLimit',
      (j: Job) => {
        j.spec.template.spec.restartPolicy = 'Never'
        j.spec.backoffLimit = -1
      },
      'Job.batch "pi" is invalid: spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0',
    ],
  ])('refuses %s as the API server words it', (_what, edit, message) => {
    const sim = newSim()
    const manifest = batchFixture<Job>('job-restart-always.yaml', edit)
    let error: unknown
    try {
      sim.store.create(manifest)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).reason).toBe('Invalid')
    expect((error as ApiError).message).toBe(message)
  })
})
