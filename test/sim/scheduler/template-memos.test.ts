import { describe, expect, it } from 'vitest'
import type { Pod, Service } from '../../../src-main/sim/api/core'
import type { PodAffinity } from '../../../src-main/sim/api/pod-affinity'
import type { TopologySpreadConstraint } from '../../../src-main/sim/api/topology-spread'
import { SchedulerCache } from '../../../src-main/sim/scheduler/cache/cache'
import type { CycleContext } from '../../../src-main/sim/scheduler/framework'
import { spreadConstraints } from '../../../src-main/sim/scheduler/plugins/spread-constraints'
import { podInfo } from '../../../src-main/sim/scheduler/pod-info'
import type { Simulation } from '../../../src-main/sim/simulation'
import { deployment } from '../../helpers/manifests'
import { activePods, apply, newSim } from '../../helpers/sim'
import { fixturePod } from './helpers'

/**
 * What the scheduler works out once per pod template and keeps: each case
 * changes what it was worked out from, and expects it worked out again.
 */

function cycle(sim: Simulation, cache: SchedulerCache, pod: Pod): CycleContext {
  return { pod: podInfo(pod), cache, store: sim.store }
}

function defaultSelectorKey(sim: Simulation, cache: SchedulerCache, pod: Pod): string[] {
  return spreadConstraints(cycle(sim, cache, pod), 'ScheduleAnyway').constraints.map(
    (c) => `${c.topologyKey}: ${c.selector.key}`,
  )
}

const byPodTemplateHash = (pod: Pod) =>
  `pod-template-hash In ${pod.metadata.labels!['pod-template-hash']}`

describe('what the scheduler keeps per pod template', () => {
  it("works a ReplicaSet's default spreading out again when a Service starts selecting its pods", () => {
    const sim = newSim()
    const cache = new SchedulerCache(sim.store)
    apply(sim, deployment('web', { replicas: 2 }))
    const [first, second] = activePods(sim, 'web')
    expect(defaultSelectorKey(sim, cache, first!)).toEqual([
      `kubernetes.io/hostname: app In web;${byPodTemplateHash(first!)}`,
      `topology.kubernetes.io/zone: app In web;${byPodTemplateHash(first!)}`,
    ])
    const svc: Service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    }
    sim.store.create(svc)
    // The Service's selector joins the owner's: `app` is required twice.
    expect(defaultSelectorKey(sim, cache, second!)[0]).toBe(
      `kubernetes.io/hostname: app In web;app In web;${byPodTemplateHash(second!)}`,
    )
  })

  it('reads matchLabelKeys from each pod’s own labels, though the pods share their constraints', () => {
    const sim = newSim()
    const cache = new SchedulerCache(sim.store)
    const constraints: TopologySpreadConstraint[] = [
      {
        maxSkew: 1,
        topologyKey: 'kubernetes.io/hostname',
        whenUnsatisfiable: 'DoNotSchedule',
        labelSelector: { matchLabels: { app: 'web' } },
        matchLabelKeys: ['version'],
      },
    ]
    const keys = ['v1', 'v2'].map((version) => {
      const pod = fixturePod('pod.yaml', `web-${version}`, (p) => {
        p.metadata.labels = { app: 'web', version }
      })
      pod.spec.topologySpreadConstraints = constraints
      return spreadConstraints(cycle(sim, cache, pod), 'DoNotSchedule').constraints[0]!.selector.key
    })
    expect(keys).toEqual(['app In web;version In v1', 'app In web;version In v2'])
  })

  it('compiles shared pod affinity for each namespace and, with matchLabelKeys, each pod’s labels', () => {
    const antiAffinity: PodAffinity = {
      requiredDuringSchedulingIgnoredDuringExecution: [
        {
          topologyKey: 'kubernetes.io/hostname',
          labelSelector: { matchLabels: { app: 'web' } },
          matchLabelKeys: ['version'],
        },
      ],
    }
    const affinity = { podAntiAffinity: antiAffinity }
    const terms = [
      ['default', 'v1'],
      ['default', 'v2'],
      ['other', 'v2'],
    ].map(([namespace, version]) => {
      const pod = fixturePod('pod.yaml', 'web', (p) => {
        p.metadata.namespace = namespace
        p.metadata.labels = { app: 'web', version: version! }
      })
      pod.spec.affinity = affinity
      const term = podInfo(pod).affinity.requiredAntiAffinity[0]!
      return `${[...term.namespaces].join()}: ${term.selector.key}`
    })
    expect(terms).toEqual([
      'default: app In web;version In v1',
      'default: app In web;version In v2',
      'other: app In web;version In v2',
    ])
  })
})
