import { describe, expect, it } from 'vitest'
import { isJobFinished, type CronJob } from '../../../../src-main/sim/api/batch'
import type { Pod } from '../../../../src-main/sim/api/core'
import { DEFAULT_START_MS, type Simulation } from '../../../../src-main/sim/simulation'
import {
  batchFixture,
  conditionsOf,
  cronJobNamed,
  eventsOf,
  jobsOf,
  watchEvents,
} from '../../../helpers/batch'
import { apply, newSim } from '../../../helpers/sim'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

/** The name upstream gives the Job for a scheduled time: minutes since the epoch. */
function jobFor(cronJob: string, minutesAfterStart: number): string {
  return `${cronJob}-${DEFAULT_START_MS / MINUTE + minutesAfterStart}`
}

function activeJobs(sim: Simulation, cj: CronJob): string[] {
  return jobsOf(sim, cj)
    .filter((j) => !isJobFinished(j))
    .map((j) => j.metadata.name)
}

/** Steps through `durationMs`, returning the most unfinished Jobs seen at once and the steps taken. */
function runWatching(
  sim: Simulation,
  name: string,
  durationMs: number,
): { maxActive: number; steps: number } {
  const target = sim.nowMs() + durationMs
  let maxActive = 0
  let steps = 0
  while (sim.step(target)) {
    steps++
    maxActive = Math.max(maxActive, activeJobs(sim, cronJobNamed(sim, name)).length)
  }
  sim.runUntil(target)
  return { maxActive, steps }
}

function lines(sim: Simulation, name: string): string[] {
  return eventsOf(sim, 'CronJob', name).map((e) => `${e.reason}: ${e.message}`)
}

describe('the CronJob controller', () => {
  it('runs */15 96 times a day, keeps the 3 newest Jobs, and sleeps between runs', () => {
    const sim = newSim()
    const log = watchEvents(sim, 'CronJob')
    apply(sim, batchFixture<CronJob>('cronjob-quarter-hourly.yaml'))
    const { steps } = runWatching(sim, 'report', DAY + MINUTE)
    const cj = cronJobNamed(sim, 'report')
    const count = (reason: string): number => log.filter((l) => l.includes(` ${reason}: `)).length
    expect(count('SuccessfulCreate')).toBe(96)
    expect(count('SawCompletedJob')).toBe(96)
    expect(count('SuccessfulDelete')).toBe(93)
    expect(log.slice(0, 6)).toEqual([
      `report SuccessfulCreate: Created job ${jobFor('report', 15)}`,
      `report SawCompletedJob: Saw completed job: ${jobFor('report', 15)}, status: Complete`,
      `report SuccessfulCreate: Created job ${jobFor('report', 30)}`,
      `report SawCompletedJob: Saw completed job: ${jobFor('report', 30)}, status: Complete`,
      `report SuccessfulCreate: Created job ${jobFor('report', 45)}`,
      `report SawCompletedJob: Saw completed job: ${jobFor('report', 45)}, status: Complete`,
    ])
    // The fourth Job's completion makes four successful ones: the oldest goes.
    expect(log.slice(6, 9)).toEqual([
      `report SuccessfulCreate: Created job ${jobFor('report', 60)}`,
      `report SuccessfulDelete: Deleted job ${jobFor('report', 15)}`,
      `report SawCompletedJob: Saw completed job: ${jobFor('report', 60)}, status: Complete`,
    ])
    const jobs = jobsOf(sim, cj)
    expect(jobs.map((j) => j.metadata.name)).toEqual([
      jobFor('report', 23 * 60 + 30),
      jobFor('report', 23 * 60 + 45),
      jobFor('report', 24 * 60),
    ])
    expect(jobs.map((j) => conditionsOf(j).at(-1))).toEqual([
      'Complete=True:CompletionsReached',
      'Complete=True:CompletionsReached',
      'Complete=True:CompletionsReached',
    ])
    expect(jobs[2]!.metadata.annotations).toEqual({
      'batch.kubernetes.io/cronjob-scheduled-timestamp': '2026-01-02T00:00:00Z',
    })
    expect(jobs[2]!.metadata.creationTimestamp).toBe('2026-01-02T00:00:00Z')
    expect(cj.status?.lastScheduleTime).toBe('2026-01-02T00:00:00Z')
    expect(cj.status?.lastSuccessfulTime).toBe(jobs[2]!.status?.completionTime)
    expect(cj.status?.active).toBeUndefined()
    // The garbage collector took the pods of the Jobs that were deleted.
    expect(sim.store.list<Pod>('Pod', { namespace: 'default' })).toHaveLength(3)
    // Each run costs a handful of timers (the kubelet's, the Job's sync); nothing ticks in between.
    expect(steps).toBeLessThan(96 * 10)
  })

  it('keeps failedJobsHistoryLimit failed Jobs and says which condition each ended with', () => {
    const sim = newSim()
    apply(
      sim,
      batchFixture<CronJob>('cronjob-quarter-hourly.yaml', (cj) => {
        cj.spec.jobTemplate.spec.backoffLimit = 0
        cj.spec.jobTemplate.spec.template.spec.restartPolicy = 'Never'
        cj.spec.jobTemplate.spec.template.spec.containers[0]!.command = ['sh', '-c', 'exit 1']
      }),
    )
    sim.runFor(61 * MINUTE)
    const cj = cronJobNamed(sim, 'report')
    expect(jobsOf(sim, cj).map((j) => j.metadata.name)).toEqual([jobFor('report', 60)])
    expect(lines(sim, 'report')).toContain(
      `SawCompletedJob: Saw completed job: ${jobFor('report', 15)}, status: Failed`,
    )
    expect(cj.status?.lastSuccessfulTime).toBeUndefined()
  })

  it('with Forbid, skips a run while the last Job still runs, then starts it late', () => {
    const sim = newSim()
    apply(sim, batchFixture<CronJob>('cronjob-slow.yaml'))
    const { maxActive } = runWatching(sim, 'backup', 16 * MINUTE)
    const cj = cronJobNamed(sim, 'backup')
    expect(maxActive).toBe(1)
    const jobs = jobsOf(sim, cj)
    expect(jobs.map((j) => j.metadata.name)).toEqual([jobFor('backup', 5), jobFor('backup', 10)])
    // The 00:10 run was skipped at 00:10 and started once the 00:05 Job finished, about 00:12.
    const late = jobs[1]!
    expect(late.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe(
      '2026-01-01T00:10:00Z',
    )
    expect(Date.parse(late.metadata.creationTimestamp!)).toBeGreaterThan(
      DEFAULT_START_MS + 12 * MINUTE,
    )
    expect(lines(sim, 'backup')).toContain(
      'JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid',
    )
    const already = eventsOf(sim, 'CronJob', 'backup').find((e) => e.reason === 'JobAlreadyActive')
    // 00:10 and 00:15: each scheduled time found the previous Job still running.
    expect(already?.count).toBe(2)
  })

  it('with startingDeadlineSeconds, lets a run that is too late go and waits for the next one', () => {
    const sim = newSim()
    apply(
      sim,
      batchFixture<CronJob>('cronjob-slow.yaml', (cj) => {
        cj.spec.startingDeadlineSeconds = 60
      }),
    )
    sim.runFor(16 * MINUTE)
    const jobs = jobsOf(sim, cronJobNamed(sim, 'backup'))
    expect(jobs.map((j) => j.metadata.name)).toEqual([jobFor('backup', 5), jobFor('backup', 15)])
    expect(jobs[1]!.metadata.creationTimestamp).toBe('2026-01-01T00:15:00Z')
  })

  it('with Replace, deletes the running Job and starts the new one', () => {
    const sim = newSim()
    apply(
      sim,
      batchFixture<CronJob>('cronjob-slow.yaml', (cj) => {
        cj.spec.concurrencyPolicy = 'Replace'
      }),
    )
    const { maxActive } = runWatching(sim, 'backup', 11 * MINUTE)
    const cj = cronJobNamed(sim, 'backup')
    expect(maxActive).toBe(1)
    expect(jobsOf(sim, cj).map((j) => j.metadata.name)).toEqual([jobFor('backup', 10)])
    expect(cj.status?.active?.map((r) => r.name)).toEqual([jobFor('backup', 10)])
    expect(lines(sim, 'backup')).toEqual([
      `SuccessfulCreate: Created job ${jobFor('backup', 5)}`,
      `SuccessfulDelete: Deleted job ${jobFor('backup', 5)}`,
      `SuccessfulCreate: Created job ${jobFor('backup', 10)}`,
    ])
  })

  it('with Allow, runs the next Job beside the one still running', () => {
    const sim = newSim()
    apply(
      sim,
      batchFixture<CronJob>('cronjob-slow.yaml', (cj) => {
        cj.spec.concurrencyPolicy = 'Allow'
      }),
    )
    sim.runFor(11 * MINUTE)
    const cj = cronJobNamed(sim, 'backup')
    expect(activeJobs(sim, cj)).toEqual([jobFor('backup', 5), jobFor('backup', 10)])
    expect(cj.status?.active?.map((r) => r.name)).toEqual([
      jobFor('backup', 5),
      jobFor('backup', 10),
    ])
  })

  it('after more than 100 missed times, warns and starts only the latest', () => {
    const sim = newSim()
    const suspended = batchFixture<CronJob>('cronjob-quarter-hourly.yaml', (cj) => {
      cj.spec.schedule = '* * * * *'
      cj.spec.suspend = true
    })
    apply(sim, suspended)
    sim.runFor(200 * MINUTE)
    expect(jobsOf(sim, cronJobNamed(sim, 'report'))).toEqual([])
    apply(sim, { ...suspended, spec: { ...suspended.spec, suspend: false } })
    const cj = cronJobNamed(sim, 'report')
    expect(jobsOf(sim, cj).map((j) => j.metadata.name)).toEqual([jobFor('report', 200)])
    expect(eventsOf(sim, 'CronJob', 'report')[0]).toMatchObject({
      type: 'Warning',
      reason: 'TooManyMissedTimes',
      message:
        'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew',
    })
    sim.runFor(MINUTE + 1000)
    expect(jobsOf(sim, cj).map((j) => j.metadata.name)).toEqual([
      jobFor('report', 200),
      jobFor('report', 201),
    ])
  })

  it('reads the schedule in timeZone and stamps the Job with that zone', () => {
    const sim = newSim()
    apply(
      sim,
      batchFixture<CronJob>('cronjob-quarter-hourly.yaml', (cj) => {
        cj.spec.schedule = '@daily'
        cj.spec.timeZone = 'Asia/Tokyo'
      }),
    )
    sim.runFor(16 * 60 * MINUTE)
    const [job] = jobsOf(sim, cronJobNamed(sim, 'report'))
    // Midnight in Tokyo is 15:00 UTC.
    expect(job?.metadata.name).toBe(jobFor('report', 15 * 60))
    expect(job?.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe(
      '2026-01-02T00:00:00+09:00',
    )
  })

  it('makes the same Jobs and events from the same seed', () => {
    const run = (): string[] => {
      const sim = newSim(7)
      const log = watchEvents(sim, 'CronJob')
      apply(sim, batchFixture<CronJob>('cronjob-slow.yaml'))
      sim.runFor(40 * MINUTE)
      const jobs = jobsOf(sim, cronJobNamed(sim, 'backup'))
      return [
        ...log,
        ...jobs.map((j) => `${j.metadata.name} ${j.metadata.uid} ${j.metadata.creationTimestamp}`),
      ]
    }
    const first = run()
    expect(first.length).toBeGreaterThan(6)
    expect(run()).toEqual(first)
  })

  it('does nothing while suspended: no Job and no timer', () => {
    const sim = newSim()
    apply(
      sim,
      batchFixture<CronJob>('cronjob-quarter-hourly.yaml', (cj) => {
        cj.spec.suspend = true
      }),
    )
    sim.runFor(DAY)
    expect(jobsOf(sim, cronJobNamed(sim, 'report'))).toEqual([])
    expect(sim.clock.pendingTimers()).toBe(0)
  })
})
