import { describe, expect, it } from 'vitest'
import { assessHealth } from '../../../src-main/gitops/health/health'
import type { Manifest } from '../../../src-main/gitops/manifest/types'
import { fixture } from '../../helpers/fixtures'

describe('HorizontalPodAutoscaler health (gitops-engine)', () => {
  it.each([
    ['hpa-scaled.yaml', 'Healthy', 'the HPA controller was able to update the target scale to 4'],
    [
      'hpa-no-metrics.yaml',
      'Degraded',
      'the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container app of Pod web-7c9d8f6b5-x2x7z',
    ],
    ['hpa-new.yaml', 'Progressing', 'Waiting to Autoscale'],
  ])('%s is %s', (file, status, message) => {
    expect(assessHealth(fixture<Manifest>('health', file))).toEqual({ status, message })
  })

  it('reads the conditions of an autoscaling/v1 HPA from its annotation', () => {
    const v1: Manifest = {
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: {
        name: 'web',
        annotations: {
          'autoscaling.alpha.kubernetes.io/conditions': JSON.stringify([
            { type: 'AbleToScale', status: 'False', reason: 'FailedGetScale', message: 'no scale' },
          ]),
        },
      },
    }
    expect(assessHealth(v1)).toEqual({ status: 'Degraded', message: 'no scale' })
  })
})

describe('custom resources, by their Ready condition', () => {
  it.each([
    ['custom-ready.yaml', 'Healthy', 'Certificate is up to date and has not expired'],
    ['custom-not-ready.yaml', 'Degraded', 'Issuer letsencrypt not found'],
    ['custom-without-conditions.yaml', 'Healthy', ''],
  ])('%s is %s', (file, status, message) => {
    expect(assessHealth(fixture<Manifest>('health', file))).toEqual({ status, message })
  })
})
