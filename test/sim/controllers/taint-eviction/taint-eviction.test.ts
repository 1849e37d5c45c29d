import { describe, expect, it } from 'vitest'
import type { Pod, Taint, Toleration } from '../../../../src-main/sim/api/core'
import type { Condition } from '../../../../src-main/sim/api/meta'
import type { Simulation } from '../../../../src-main/sim/simulation'
import { newSim } from '../../../helpers/sim'
import { createPods, events, fixturePod, setTaints } from '../../scheduler/helpers'

const NOT_READY: Taint = { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }
const NODE = 'drydock-worker'

function podOn(name: string, tolerations?: Toleration[]): Pod {
  return fixturePod('pod-tolerates-not-ready.yaml', name, (p) => {
    p.spec.tolerations = tolerations
  })
}

const exists = (sim: Simulation, name: string) => sim.store.get<Pod>('Pod', 'default', name)

/** Marked for deletion, or already gone (the kubelet stops nginx in well under a second). */
function evicted(sim: Simulation, name: string, lastSeen: Map<string, Pod>): boolean {
  return !exists(sim, name) || Boolean(lastSeen.get(name)?.metadata.deletionTimestamp)
}

/** The last version of each pod the store held, kept after it is removed. */
function watchPods(sim: Simulation): Map<string, Pod> {
  const seen = new Map<string, Pod>()
  sim.store.watch(({ object }) => seen.set(object.metadata.name, object as Pod), ['Pod'])
  return seen
}

/** The DisruptionTarget condition as first written. */
function watchDisruption(sim: Simulation): Map<string, Condition> {
  const written = new Map<string, Condition>()
  sim.store.watch(
    ({ object }) => {
      const c = (object as Pod).status?.conditions?.find((c) => c.type === 'DisruptionTarget')
      if (c && !written.has(object.metadata.name)) written.set(object.metadata.name, c)
    },
    ['Pod'],
  )
  return written
}

interface Case {
  name: string
  tolerations?: Toleration[]
  /** Seconds after the taint when the pod is marked for deletion; undefined: never. */
  evictedAfterS: number | undefined
}

const forSeconds = (s: number): Toleration[] => [
  { key: NOT_READY.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: s },
]

const cases: Case[] = [
  // Created through the API, the pod gets the 300 s tolerations of DefaultTolerationSeconds.
  { name: 'the default tolerations', tolerations: undefined, evictedAfterS: 300 },
  { name: 'tolerationSeconds 60', tolerations: forSeconds(60), evictedAfterS: 60 },
  { name: 'tolerationSeconds 0', tolerations: forSeconds(0), evictedAfterS: 0 },
  {
    name: 'tolerations of other taints only, so only the default 300 s apply',
    tolerations: [{ key: 'example.com/other', operator: 'Exists', effect: 'NoExecute' }],
    evictedAfterS: 300,
  },
  {
    name: 'a toleration without seconds',
    tolerations: [{ key: NOT_READY.key, operator: 'Exists', effect: 'NoExecute' }],
    evictedAfterS: undefined,
  },
]

describe('taint eviction', () => {
  it.each(cases)('evicts a pod with $name', ({ tolerations, evictedAfterS }) => {
    const sim = newSim()
    const seen = watchPods(sim)
    const disruption = watchDisruption(sim)
    createPods(sim, [podOn('x', tolerations)])
    sim.runFor(10_000)
    setTaints(sim, NODE, [NOT_READY])
    if (evictedAfterS === undefined) {
      sim.runFor(3_600_000)
      expect(evicted(sim, 'x', seen)).toBe(false)
      expect(events(sim, 'x', 'TaintManagerEviction')).toEqual([])
      return
    }
    if (evictedAfterS > 0) {
      sim.runFor(evictedAfterS * 1000 - 1_000)
      expect(evicted(sim, 'x', seen)).toBe(false)
      sim.runFor(1_000)
    }
    expect(evicted(sim, 'x', seen)).toBe(true)
    expect(events(sim, 'x', 'TaintManagerEviction')).toEqual(['Marking for deletion Pod default/x'])
    const condition = disruption.get('x')!
    expect([condition.status, condition.reason, condition.message]).toEqual([
      'True',
      'DeletionByTaintManager',
      'Taint manager: deleting due to NoExecute taint',
    ])
    // The kubelet stops it within its grace period, and the pod is gone; its
    // status writes on the way keep the condition they do not own.
    sim.runFor(60_000)
    expect(exists(sim, 'x')).toBeUndefined()
    expect(seen.get('x')?.status?.conditions?.map((c) => c.type)).toContain('DisruptionTarget')
  })

  it('calls off the eviction when the taint goes before the time runs out', () => {
    const sim = newSim()
    createPods(sim, [podOn('x', forSeconds(60))])
    setTaints(sim, NODE, [NOT_READY])
    sim.runFor(30_000)
    setTaints(sim, NODE, [])
    sim.runFor(3_600_000)
    expect(exists(sim, 'x')?.metadata.deletionTimestamp).toBeUndefined()
    expect(events(sim, 'x', 'TaintManagerEviction')).toEqual([
      'Cancelling deletion of Pod default/x',
    ])
  })

  it('calls off the eviction of a pod deleted while it waits', () => {
    const sim = newSim()
    createPods(sim, [podOn('x', forSeconds(60))])
    setTaints(sim, NODE, [NOT_READY])
    sim.runFor(30_000)
    sim.store.delete({ kind: 'Pod', namespace: 'default', name: 'x' }, { gracePeriodSeconds: 0 })
    sim.runFor(60_000)
    expect(events(sim, 'x', 'TaintManagerEviction')).toEqual([
      'Cancelling deletion of Pod default/x',
    ])
  })

  it('evicts at once a pod on a node that gets a taint it does not tolerate, leaving other nodes alone', () => {
    const sim = newSim()
    createPods(sim, [
      podOn('here', []),
      fixturePod('pod-tolerates-not-ready.yaml', 'elsewhere', (p) => {
        p.spec.nodeName = 'drydock-worker2'
        p.spec.tolerations = []
      }),
    ])
    const seen = watchPods(sim)
    setTaints(sim, NODE, [{ key: 'example.com/broken', effect: 'NoExecute' }])
    expect(evicted(sim, 'here', seen)).toBe(true)
    expect(events(sim, 'here', 'TaintManagerEviction')).toEqual([
      'Marking for deletion Pod default/here',
    ])
    expect(evicted(sim, 'elsewhere', seen)).toBe(false)
  })

  it('ignores NoSchedule taints', () => {
    const sim = newSim()
    createPods(sim, [podOn('x', [])])
    setTaints(sim, NODE, [{ key: 'example.com/broken', effect: 'NoSchedule' }])
    sim.runFor(600_000)
    expect(exists(sim, 'x')?.metadata.deletionTimestamp).toBeUndefined()
  })

  it('gives a pod created through the API the 300 s not-ready and unreachable tolerations', () => {
    const sim = newSim()
    createPods(sim, [fixturePod('pod.yaml', 'app')])
    expect(exists(sim, 'app')!.spec.tolerations).toEqual([
      {
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
    ])
  })
})
