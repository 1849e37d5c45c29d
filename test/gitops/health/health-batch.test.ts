import { describe, expect, it } from 'vitest'
import { assessHealth } from '../../../src-main/gitops/health/health'
import type { Manifest } from '../../../src-main/gitops/manifest/types'
import { fixture } from '../../helpers/fixtures'

describe('Job health (gitops-engine)', () => {
  it.each([
    ['job-running.yaml', 'Progressing', ''],
    // FailureTarget is not yet Failed: the Job waits for its pods to terminate.
    ['job-failing.yaml', 'Progressing', ''],
    ['job-complete.yaml', 'Healthy', 'Reached expected number of succeeded pods'],
    ['job-failed.yaml', 'Degraded', 'Job has reached the specified backoff limit'],
    ['job-suspended.yaml', 'Suspended', ''],
    // A Suspended=False condition counts as finished for gitops-engine: a resumed Job reads Healthy.
    ['job-resumed.yaml', 'Healthy', 'Job resumed'],
  ])('%s is %s', (file, status, message) => {
    expect(assessHealth(fixture<Manifest>('jobs', file))).toEqual({ status, message })
  })
})

describe('CronJob health (Argo CD batch/CronJob health.lua)', () => {
  it.each([
    ['cronjob-suspended.yaml', 'Suspended', 'CronJob is Suspended'],
    ['cronjob-unscheduled.yaml', 'Healthy', 'CronJob has not been scheduled yet'],
    [
      'cronjob-first-run.yaml',
      'Healthy',
      'The Cronjob never completed succesfully. It may not be healthy',
    ],
    [
      'cronjob-running.yaml',
      'Healthy',
      'The job is running. Its last execution may not have been successful',
    ],
    [
      'cronjob-last-failed.yaml',
      'Degraded',
      'CronJob has not completed its last execution successfully',
    ],
    ['cronjob-succeeded.yaml', 'Healthy', 'CronJob has completed its last execution successfully'],
  ])('%s is %s', (file, status, message) => {
    expect(assessHealth(fixture<Manifest>('cronjobs', file))).toEqual({ status, message })
  })
})
