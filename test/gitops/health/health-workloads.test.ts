import { describe, expect, it } from 'vitest'
import { assessHealth } from '../../../src-main/gitops/health/health'
import type { Manifest } from '../../../src-main/gitops/manifest/types'
import { fixture } from '../../helpers/fixtures'

describe('StatefulSet health (gitops-engine)', () => {
  it.each([
    [
      'statefulset-healthy.yaml',
      'Healthy',
      'partitioned roll out complete: 3 new pods have been updated...',
    ],
    [
      'statefulset-unobserved.yaml',
      'Progressing',
      'Waiting for statefulset spec update to be observed...',
    ],
    ['statefulset-not-ready.yaml', 'Progressing', 'Waiting for 2 pods to be ready...'],
    [
      'statefulset-partitioned.yaml',
      'Progressing',
      'Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...',
    ],
    ['statefulset-on-delete.yaml', 'Healthy', 'statefulset has 3 ready pods'],
    [
      'statefulset-revision-pending.yaml',
      'Progressing',
      'waiting for statefulset rolling update to complete 2 pods at revision web-b9d86f9fb...',
    ],
  ])('%s is %s', (file, status, message) => {
    expect(assessHealth(fixture<Manifest>('statefulsets', file))).toEqual({ status, message })
  })
})

describe('DaemonSet health (gitops-engine)', () => {
  it.each([
    ['daemonset-healthy.yaml', 'Healthy', ''],
    [
      'daemonset-unobserved.yaml',
      'Progressing',
      'Waiting for rollout to finish: observed daemon set generation less then desired generation',
    ],
    [
      'daemonset-updating.yaml',
      'Progressing',
      'Waiting for daemon set "agent" rollout to finish: 1 out of 3 new pods have been updated...',
    ],
    [
      'daemonset-unavailable.yaml',
      'Progressing',
      'Waiting for daemon set "agent" rollout to finish: 2 of 3 updated pods are available...',
    ],
    ['daemonset-on-delete.yaml', 'Healthy', 'daemon set 1 out of 3 new pods have been updated'],
  ])('%s is %s', (file, status, message) => {
    expect(assessHealth(fixture<Manifest>('daemonsets', file))).toEqual({ status, message })
  })
})
