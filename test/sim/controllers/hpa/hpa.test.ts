import { describe, expect, it } from 'vitest'
import type { HorizontalPodAutoscaler } from '../../../../src-main/sim/api/autoscaling'
import type { KubeEvent } from '../../../../src-main/sim/api/core'
import type { Image } from '../../../../src-main/sim/api/drydock'
import type { Simulation } from '../../../../src-main/sim/simulation'
import { deployment } from '../../../helpers/manifests'
import { apply, deploymentNamed, newSim } from '../../../helpers/sim'

function hpa(spec: Partial<HorizontalPodAutoscaler['spec']> = {}): HorizontalPodAutoscaler {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 1,
      maxReplicas: 10,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
        },
      ],
      ...spec,
    },
  }
}

/** An image that burns 200m of CPU whatever it is asked for. */
const busyImage: Image = {
  apiVersion: 'drydock.dev/v1alpha1',
  kind: 'Image',
  metadata: { name: 'busy' },
  spec: { repository: 'lab/busy', tags: ['1.0'], ports: [8080], resources: { cpu: '200m' } },
}

function live(sim: Simulation): HorizontalPodAutoscaler {
  return sim.store.get<HorizontalPodAutoscaler>('HorizontalPodAutoscaler', 'default', 'web')!
}

function condition(sim: Simulation, type: string): string {
  const c = live(sim).status?.conditions?.find((x) => x.type === type)
  return `${c?.status} ${c?.reason}: ${c?.message}`
}

function rescales(sim: Simulation): string[] {
  return sim.store
    .list<KubeEvent>('Event', { namespace: 'default' })
    .filter((e) => e.reason === 'SuccessfulRescale')
    .map((e) => e.message)
}

describe('the horizontal pod autoscaler', () => {
  it('scales a busy Deployment up within its policies (4 pods or 100 % per 15 s) and stops at maxReplicas', () => {
    const sim = newSim()
    apply(sim, busyImage)
    apply(sim, deployment('web', { replicas: 2, image: 'lab/busy:1.0', cpu: '100m' }))
    sim.runFor(30_000)
    apply(sim, hpa())
    sim.runFor(1_000)
    expect(deploymentNamed(sim, 'web').spec.replicas).toBe(6)
    expect(live(sim).status?.currentMetrics?.[0]?.resource.current.averageUtilization).toBe(200)
    sim.runFor(120_000)
    expect(deploymentNamed(sim, 'web').spec.replicas).toBe(10)
    expect(rescales(sim)).toEqual([
      'New size: 6; reason: cpu resource utilization (percentage of request) above target',
      'New size: 10; reason: cpu resource utilization (percentage of request) above target',
    ])
    expect(condition(sim, 'ScalingLimited')).toBe(
      'True TooManyReplicas: the desired replica count is more than the maximum replica count',
    )
  })

  it('waits out the 5-minute stabilisation window before scaling an idle Deployment down to minReplicas', () => {
    const sim = newSim()
    apply(sim, deployment('web', { replicas: 5, cpu: '100m' }))
    sim.runFor(30_000)
    apply(sim, hpa({ minReplicas: 2 }))
    sim.runFor(240_000)
    expect(deploymentNamed(sim, 'web').spec.replicas).toBe(5)
    expect(condition(sim, 'AbleToScale')).toContain('ScaleDownStabilized')
    sim.runFor(90_000)
    expect(deploymentNamed(sim, 'web').spec.replicas).toBe(2)
    expect(rescales(sim)).toEqual(['New size: 2; reason: All metrics below target'])
    expect(condition(sim, 'ScalingLimited')).toBe(
      'True TooFewReplicas: the desired replica count is less than the minimum replica count',
    )
  })

  it('cannot compute utilisation without CPU requests, and says which container lacks one', () => {
    const sim = newSim()
    apply(sim, deployment('web', { replicas: 2 }))
    sim.runFor(30_000)
    apply(sim, hpa())
    sim.runFor(1_000)
    expect(condition(sim, 'ScalingActive')).toMatch(
      /^False FailedGetResourceMetric: the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container app of Pod web-[a-z0-9]+-[a-z0-9]{5}$/,
    )
    expect(deploymentNamed(sim, 'web').spec.replicas).toBe(2)
  })

  it.each([
    [{ maxReplicas: 0 }, 'spec.maxReplicas: Invalid value: 0: must be greater than 0'],
    [
      { minReplicas: 5, maxReplicas: 3 },
      'spec.maxReplicas: Invalid value: 3: must be greater than or equal to `minReplicas`',
    ],
    [
      { scaleTargetRef: { kind: 'Deployment', name: '' } },
      'spec.scaleTargetRef.name: Required value',
    ],
    [
      { scaleTargetRef: { kind: '0%', name: 'web' } },
      `spec.scaleTargetRef.kind: Invalid value: "0%": may not contain '%'`,
    ],
    [
      { scaleTargetRef: { kind: 'apps/Deployment', name: '..' } },
      `[spec.scaleTargetRef.kind: Invalid value: "apps/Deployment": may not contain '/', spec.scaleTargetRef.name: Invalid value: "..": may not be '..']`,
    ],
    [
      // The target comes after the replica counts, as upstream checks them.
      { maxReplicas: 0, scaleTargetRef: { kind: '', name: 'web' } },
      '[spec.maxReplicas: Invalid value: 0: must be greater than 0, spec.scaleTargetRef.kind: Required value]',
    ],
    [
      // The target is a struct: left out, it has neither a type nor a figure.
      { metrics: [{ type: 'Resource', resource: { name: 'cpu' } }] },
      '[spec.metrics[0].resource.target.type: Required value: must specify a metric target type, spec.metrics[0].resource.target.type: Invalid value: "": must be either Utilization, Value, or AverageValue, spec.metrics[0].resource.target.averageUtilization: Required value: must set either a target raw value or a target utilization]',
    ],
    [
      {
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 0 } },
          },
        ],
      },
      'spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0',
    ],
  ])('rejects %j', (spec, message) => {
    const sim = newSim()
    expect(() => sim.store.create(hpa(spec as Partial<HorizontalPodAutoscaler['spec']>))).toThrow(
      `HorizontalPodAutoscaler.autoscaling "web" is invalid: ${message}`,
    )
    expect(sim.store.list('HorizontalPodAutoscaler')).toEqual([])
  })

  it('turns an autoscaling/v1 target percentage into a v2 CPU metric', () => {
    const sim = newSim()
    const v1 = {
      ...hpa(),
      apiVersion: 'autoscaling/v1',
      spec: {
        scaleTargetRef: hpa().spec.scaleTargetRef,
        maxReplicas: 4,
        targetCPUUtilizationPercentage: 70,
      },
    }
    apply(sim, v1 as unknown as HorizontalPodAutoscaler)
    expect(live(sim).spec.metrics?.[0]?.resource?.target.averageUtilization).toBe(70)
  })
})
