import { describe, expect, it } from 'vitest'
import type { DaemonSet } from '../../../../src-main/sim/api/daemonset'
import { ApiError } from '../../../../src-main/sim/store/errors'
import { newSim } from '../../../helpers/sim'
import { agent } from './helpers'

function createError(ds: DaemonSet): string {
  try {
    newSim().store.create(ds)
  } catch (e) {
    if (e instanceof ApiError) return e.message
    throw e
  }
  return ''
}

describe('DaemonSet defaults', () => {
  it('rolls one pod at a time without surge, and keeps ten revisions', () => {
    const ds = newSim().store.create(agent())
    expect(ds.spec.updateStrategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
    })
    expect(ds.spec.revisionHistoryLimit).toBe(10)
    expect(ds.spec.template.spec.restartPolicy).toBe('Always')
  })
})

describe('DaemonSet validation', () => {
  it.each<[string, (ds: DaemonSet) => void, string]>([
    [
      'a selector that misses the template',
      (ds) => (ds.spec.selector = { matchLabels: { app: 'other' } }),
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"agent"}: `selector` does not match template `labels`',
    ],
    [
      'both maxSurge and maxUnavailable',
      (ds) =>
        (ds.spec.updateStrategy = {
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: 1, maxSurge: 1 },
        }),
      'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero',
    ],
    [
      'neither maxSurge nor maxUnavailable',
      (ds) =>
        (ds.spec.updateStrategy = {
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: 0, maxSurge: 0 },
        }),
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0',
    ],
    [
      'a maxUnavailable above 100%',
      (ds) =>
        (ds.spec.updateStrategy = {
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: '150%' },
        }),
      'spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 150%: must not be greater than 100%',
    ],
    [
      'a restartPolicy other than Always',
      (ds) => (ds.spec.template.spec.restartPolicy = 'OnFailure'),
      'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
    ],
  ])('refuses %s', (_, edit, message) => {
    const ds = agent()
    edit(ds)
    expect(createError(ds)).toBe(`DaemonSet.apps "agent" is invalid: ${message}`)
  })

  it('refuses an empty selector', () => {
    expect(createError(agent((spec) => (spec.selector = {})))).toMatch(
      /^DaemonSet\.apps "agent" is invalid: spec\.selector: Invalid value: .*: empty selector is invalid for daemonset$/,
    )
  })
})
