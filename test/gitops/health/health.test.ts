import { describe, expect, it } from 'vitest'
import { assessHealth } from '../../../src-main/gitops/health/health'
import { worstOf } from '../../../src-main/gitops/health/types'
import type { Manifest } from '../../../src-main/gitops/manifest/types'
import { fixture } from '../../helpers/fixtures'

describe('Deployment health (gitops-engine)', () => {
  it.each([
    ['deployment-healthy.yaml', 'Healthy', ''],
    [
      'deployment-unobserved.yaml',
      'Progressing',
      'Waiting for rollout to finish: observed deployment generation less than desired generation',
    ],
    [
      'deployment-updating.yaml',
      'Progressing',
      'Waiting for rollout to finish: 2 out of 5 new replicas have been updated...',
    ],
    [
      'deployment-old-terminating.yaml',
      'Progressing',
      'Waiting for rollout to finish: 2 old replicas are pending termination...',
    ],
    [
      'deployment-unavailable.yaml',
      'Progressing',
      'Waiting for rollout to finish: 3 of 5 updated replicas are available...',
    ],
    [
      'deployment-deadline-exceeded.yaml',
      'Degraded',
      'Deployment "web" exceeded its progress deadline',
    ],
    ['deployment-paused.yaml', 'Suspended', 'Deployment is paused'],
  ])('%s is %s', (file, status, message) => {
    expect(assessHealth(fixture<Manifest>('deployments', file))).toEqual({ status, message })
  })
})

describe('Pod health (gitops-engine)', () => {
  it.each([
    ['pod-running.yaml', 'Healthy'],
    ['pod-container-creating.yaml', 'Progressing'],
    ['pod-image-pull-backoff.yaml', 'Degraded'],
    ['pod-crash-loop.yaml', 'Degraded'],
    ['pod-completed.yaml', 'Healthy'],
    ['pod-evicted.yaml', 'Degraded'],
    ['pod-unschedulable.yaml', 'Progressing'],
  ])('%s is %s', (file, status) => {
    expect(assessHealth(fixture<Manifest>('pods', file)).status).toBe(status)
  })

  it('explains a Degraded pod with the waiting message', () => {
    expect(assessHealth(fixture<Manifest>('pods', 'pod-image-pull-backoff.yaml')).message).toBe(
      'Back-off pulling image "nginx:1.290"',
    )
  })
})

describe('health of other kinds and of the app', () => {
  it('is Missing when the live object is absent, and Healthy for kinds without a check', () => {
    expect(assessHealth(undefined).status).toBe('Missing')
    expect(
      assessHealth({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }).status,
    ).toBe('Healthy')
  })

  it('waits for a LoadBalancer address', () => {
    const svc = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { type: 'LoadBalancer' },
    }
    expect(assessHealth(svc).status).toBe('Progressing')
    expect(
      assessHealth({ ...svc, status: { loadBalancer: { ingress: [{ ip: '172.18.255.1' }] } } })
        .status,
    ).toBe('Healthy')
  })

  it("takes the worst status in Argo CD's order", () => {
    expect(worstOf(['Healthy', 'Suspended'])).toBe('Suspended')
    expect(worstOf(['Progressing', 'Missing', 'Healthy'])).toBe('Missing')
    expect(worstOf(['Degraded', 'Missing'])).toBe('Degraded')
    expect(worstOf([])).toBe('Healthy')
  })
})
