import type { HealthCheck } from './types'
import { field } from './types'

/**
 * Argo CD's `batch/CronJob` health (`resource_customizations/batch/CronJob/health.lua`):
 * suspended, or judged by whether the last scheduled run succeeded. Timestamps
 * are RFC 3339 in UTC, so they compare as text, as the Lua script compares them.
 */
export const cronJobHealth: HealthCheck = (live) => {
  if (field<boolean>(live, 'spec', 'suspend') === true)
    return { status: 'Suspended', message: 'CronJob is Suspended' }
  const status = field<Record<string, unknown>>(live, 'status')
  if (status === undefined) return { status: 'Progressing', message: 'Waiting for CronJob' }
  const lastSchedule = field<string>(status, 'lastScheduleTime')
  const lastSuccess = field<string>(status, 'lastSuccessfulTime')
  if (lastSchedule === undefined)
    return { status: 'Healthy', message: 'CronJob has not been scheduled yet' }
  if (lastSuccess === undefined) {
    return {
      status: 'Healthy',
      message: 'The Cronjob never completed succesfully. It may not be healthy',
    }
  }
  if ((field<unknown[]>(status, 'active') ?? []).length > 0) {
    return {
      status: 'Healthy',
      message: 'The job is running. Its last execution may not have been successful',
    }
  }
  if (lastSuccess < lastSchedule) {
    return {
      status: 'Degraded',
      message: 'CronJob has not completed its last execution successfully',
    }
  }
  return { status: 'Healthy', message: 'CronJob has completed its last execution successfully' }
}
