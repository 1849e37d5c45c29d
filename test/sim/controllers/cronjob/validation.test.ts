import { describe, expect, it } from 'vitest'
import type { CronJob } from '../../../../src-main/sim/api/batch'
import { ApiError } from '../../../../src-main/sim/store/errors'
import { batchFixture } from '../../../helpers/batch'
import { newSim } from '../../../helpers/sim'

function createError(manifest: CronJob): ApiError {
  try {
    newSim().store.create(manifest)
  } catch (e) {
    if (e instanceof ApiError) return e
    throw e
  }
  throw new Error('the CronJob was accepted')
}

describe('CronJob validation', () => {
  it('refuses an hour of 25 with robfig/cron words', () => {
    const error = createError(batchFixture<CronJob>('cronjob-bad-schedule.yaml'))
    expect(error.reason).toBe('Invalid')
    expect(error.message).toBe(
      'CronJob.batch "nightly" is invalid: spec.schedule: Invalid value: "0 25 * * *": end of range (25) above maximum (23): 25',
    )
  })

  it.each([
    ['bad', 'spec.schedule: Invalid value: "bad": expected exactly 5 fields, found 1: [bad]'],
    [
      '0 0 * * * *',
      'spec.schedule: Invalid value: "0 0 * * * *": expected exactly 5 fields, found 6: [0 0 * * * *]',
    ],
    [
      '@fortnightly',
      'spec.schedule: Invalid value: "@fortnightly": unrecognized descriptor: @fortnightly',
    ],
    [
      '*/0 * * * *',
      'spec.schedule: Invalid value: "*/0 * * * *": step of range should be a positive number: */0',
    ],
    [
      '0 0 * * 7',
      'spec.schedule: Invalid value: "0 0 * * 7": end of range (7) above maximum (6): 7',
    ],
    [
      '0 0 1-x * *',
      'spec.schedule: Invalid value: "0 0 1-x * *": failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax',
    ],
    [
      '@every 5d',
      'spec.schedule: Invalid value: "@every 5d": failed to parse duration @every 5d: time: unknown unit "d" in duration "5d"',
    ],
    [
      'CRON_TZ=UTC 0 * * * *',
      'spec.schedule: Invalid value: "CRON_TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    ],
  ])('refuses the schedule %j', (schedule, detail) => {
    const manifest = batchFixture<CronJob>('cronjob-bad-schedule.yaml', (cj) => {
      cj.spec.schedule = schedule
    })
    expect(createError(manifest).message).toBe(`CronJob.batch "nightly" is invalid: ${detail}`)
  })

  it.each([
    '@hourly',
    '@daily',
    '@midnight',
    '@weekly',
    '@monthly',
    '@yearly',
    '@every 90m',
    '0 9 * * mon-fri',
    '30 6-16/4 * jan,jul ?',
  ])('accepts the schedule %j', (schedule) => {
    const sim = newSim()
    const manifest = batchFixture<CronJob>('cronjob-bad-schedule.yaml', (cj) => {
      cj.spec.schedule = schedule
    })
    expect(sim.store.create(manifest).spec.schedule).toBe(schedule)
  })

  it.each([
    [
      'a jobTemplate with restartPolicy Always',
      (cj: CronJob) => {
        cj.spec.schedule = '@hourly'
        cj.spec.jobTemplate.spec.template.spec.restartPolicy = 'Always'
      },
      'spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"',
    ],
    [
      'an unknown time zone',
      (cj: CronJob) => {
        cj.spec.schedule = '@hourly'
        cj.spec.timeZone = 'Mars/Olympus_Mons'
      },
      'spec.timeZone: Invalid value: "Mars/Olympus_Mons": unknown time zone Mars/Olympus_Mons',
    ],
    [
      'an unknown concurrency policy',
      (cj: CronJob) => {
        cj.spec.schedule = '@hourly'
        cj.spec.concurrencyPolicy = 'Queue' as CronJob['spec']['concurrencyPolicy']
      },
      'spec.concurrencyPolicy: Unsupported value: "Queue": supported values: "Allow", "Forbid", "Replace"',
    ],
    [
      'a negative startingDeadlineSeconds',
      (cj: CronJob) => {
        cj.spec.schedule = '@hourly'
        cj.spec.startingDeadlineSeconds = -5
      },
      'spec.startingDeadlineSeconds: Invalid value: -5: must be greater than or equal to 0',
    ],
  ])('refuses %s', (_what, edit, detail) => {
    const manifest = batchFixture<CronJob>('cronjob-bad-schedule.yaml', edit)
    expect(createError(manifest).message).toBe(`CronJob.batch "nightly" is invalid: ${detail}`)
  })

  it('refuses a name longer than 52 characters: its Jobs would need more than 63', () => {
    const name = 'n'.repeat(53)
    const manifest = batchFixture<CronJob>('cronjob-bad-schedule.yaml', (cj) => {
      cj.metadata.name = name
      cj.spec.schedule = '@hourly'
    })
    expect(createError(manifest).message).toBe(
      `CronJob.batch "${name}" is invalid: metadata.name: Invalid value: "${name}": must be no more than 52 characters`,
    )
  })

  it('defaults concurrencyPolicy, suspend and the history limits, not the Job template', () => {
    const manifest = batchFixture<CronJob>('cronjob-quarter-hourly.yaml')
    const cj = newSim().store.create(manifest)
    expect(cj.spec).toMatchObject({
      concurrencyPolicy: 'Allow',
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
    })
    expect(cj.spec.startingDeadlineSeconds).toBeUndefined()
    expect(cj.spec.jobTemplate.spec.backoffLimit).toBeUndefined()
    expect(cj.spec.jobTemplate.spec.template.spec.terminationGracePeriodSeconds).toBe(30)
  })
})
