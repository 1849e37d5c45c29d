import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../src-main/sim/api/core'
import { isPodReady } from '../../../src-main/sim/api/pod-util'
import type { IntOrString } from '../../../src-main/sim/api/meta'
import type { PodDisruptionBudget } from '../../../src-main/sim/api/policy'
import { drainProgress } from '../../../src-main/sim/infra/drain'
import { applyFault, parseFault } from '../../../src-main/sim/infra/faults'
import type { Simulation } from '../../../src-main/sim/simulation'
import { ApiError } from '../../../src-main/sim/store/errors'
import { evictPod } from '../../../src-main/sim/store/eviction'
import { deployment, pod } from '../../helpers/manifests'
import { eventsOf } from '../../helpers/batch'
import { activePods, apply, newSim, readyCount } from '../../helpers/sim'

function budget(
  name: string,
  spec: { minAvailable?: IntOrString; maxUnavailable?: IntOrString },
  app = 'web',
): PodDisruptionBudget {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace: 'default' },
    spec: { ...spec, selector: { matchLabels: { app } } },
  }
}

function pdbNamed(sim: Simulation, name: string): PodDisruptionBudget {
  return sim.store.get<PodDisruptionBudget>('PodDisruptionBudget', 'default', name)!
}

/** Four ready `web` pods, and the worker holding the most of them (two, with the default workers). */
function fourReplicas(): { sim: Simulation; node: string; onNode: number } {
  const sim = newSim()
  apply(sim, deployment('web', { replicas: 4 }))
  expect(sim.runUntilTrue(() => readyCount(sim, 'web') === 4, 120_000)).toBe(true)
  const perNode = new Map<string, number>()
  for (const p of activePods(sim, 'web'))
    perNode.set(p.spec.nodeName!, (perNode.get(p.spec.nodeName!) ?? 0) + 1)
  const [node, onNode] = [...perNode].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!
  return { sim, node, onNode }
}

function refusal(run: () => void): ApiError {
  try {
    run()
  } catch (e) {
    if (e instanceof ApiError) return e
    throw e
  }
  throw new Error('expected a refusal')
}

describe('draining a node respects a PodDisruptionBudget', () => {
  it('with minAvailable 3, never drops below 3 ready pods and waits for a replacement', () => {
    const { sim, node, onNode } = fourReplicas()
    expect(onNode).toBe(2)
    apply(sim, budget('web', { minAvailable: 3 }))
    expect(pdbNamed(sim, 'web').status?.disruptionsAllowed).toBe(1)

    let lowest = Number.POSITIVE_INFINITY
    const evictedAt: number[] = []
    let replacementReadyAt: number | undefined
    const before = new Set(activePods(sim, 'web').map((p) => p.metadata.name))
    sim.store.watch(
      ({ type, object, old }) => {
        const p = object as Pod
        if (p.metadata.labels?.app !== 'web') return
        lowest = Math.min(lowest, readyCount(sim, 'web'))
        if (
          type === 'MODIFIED' &&
          p.metadata.deletionTimestamp &&
          !(old as Pod).metadata.deletionTimestamp
        )
          evictedAt.push(sim.nowMs())
        if (!before.has(p.metadata.name) && isPodReady(p) && replacementReadyAt === undefined)
          replacementReadyAt = sim.nowMs()
      },
      ['Pod'],
    )

    const text = applyFault(sim, parseFault(`node/${node}:drain`))
    sim.settle()
    expect(text).toMatch(new RegExp(`^node/${node} cordoned\n`))
    expect(text).toContain(
      `(will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`,
    )
    expect(sim.runUntilTrue(() => drainProgress(sim.store, node)?.done === true, 10 * 60_000)).toBe(
      true,
    )

    expect(lowest).toBeGreaterThanOrEqual(3)
    expect(evictedAt).toHaveLength(2)
    expect(replacementReadyAt).toBeDefined()
    expect(evictedAt[1]!).toBeGreaterThanOrEqual(replacementReadyAt!)
    expect(evictedAt[1]! - evictedAt[0]!).toBeGreaterThan(0)
    expect(drainProgress(sim.store, node)!.log.at(-1)).toBe(`node/${node} drained`)
    const pods = activePods(sim, 'web')
    expect(pods.filter((p) => p.spec.nodeName === node)).toHaveLength(0)
    sim.runFor(60_000)
    expect(readyCount(sim, 'web')).toBe(4)
    expect(pdbNamed(sim, 'web').status?.disruptedPods).toBeUndefined()
  })

  it('with maxUnavailable 0, never completes and is refused in the API server words', () => {
    const { sim, node } = fourReplicas()
    apply(sim, budget('web', { maxUnavailable: 0 }))
    const text = applyFault(sim, parseFault(`node/${node}:drain`))
    sim.runFor(10 * 60_000)
    expect(drainProgress(sim.store, node)?.done).toBe(false)
    expect(readyCount(sim, 'web')).toBe(4)
    const victim = activePods(sim, 'web').find((p) => p.spec.nodeName === node)!
    expect(text).toContain(
      `error when evicting pods/"${victim.metadata.name}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`,
    )
    const e = refusal(() => evictPod(sim.store, sim.clock, 'default', victim.metadata.name))
    expect(e.code).toBe(429)
    expect(e.message).toBe("Cannot evict pod as it would violate the pod's disruption budget.")
    expect(e.causes).toEqual([
      {
        type: 'DisruptionBudget',
        message: 'The disruption budget web needs 4 healthy pods and has 4 currently',
      },
    ])

    // Uncordoning gives up the drain: nothing is tried any more.
    applyFault(sim, parseFault(`node/${node}:uncordon`))
    sim.settle()
    expect(drainProgress(sim.store, node)).toBeUndefined()
    expect(sim.store.get('Node', undefined, node)?.spec).not.toHaveProperty('unschedulable')
  })

  it('refuses a pod that no controller would recreate, as kubectl without --force', () => {
    const sim = newSim()
    apply(sim, pod('bare', { image: 'nginx:1.27' }))
    sim.runFor(30_000)
    const node = sim.store.get<Pod>('Pod', 'default', 'bare')!.spec.nodeName!
    const text = applyFault(sim, parseFault(`node/${node}:drain`))
    sim.runFor(30_000)
    expect(text).toContain(
      'cannot delete Pods that declare no controller (use --force to override): default/bare',
    )
    expect(sim.store.get<Pod>('Pod', 'default', 'bare')?.metadata.deletionTimestamp).toBeUndefined()
    expect(sim.store.get('Node', undefined, node)?.spec).toMatchObject({ unschedulable: true })
  })

  it('refuses with a 500 a pod two budgets select', () => {
    const { sim } = fourReplicas()
    apply(sim, budget('a', { minAvailable: 1 }))
    apply(sim, budget('b', { minAvailable: 1 }))
    const victim = activePods(sim, 'web')[0]!
    const e = refusal(() => evictPod(sim.store, sim.clock, 'default', victim.metadata.name))
    expect(e.code).toBe(500)
    expect(e.message).toBe(
      'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.',
    )
  })

  it('takes an allowed eviction from the budget and records the pod', () => {
    const { sim } = fourReplicas()
    apply(sim, budget('web', { minAvailable: 2 }))
    const victim = activePods(sim, 'web')[0]!.metadata.name
    evictPod(sim.store, sim.clock, 'default', victim)
    expect(pdbNamed(sim, 'web').status?.disruptedPods).toHaveProperty(victim)
    sim.settle()
    const status = pdbNamed(sim, 'web').status!
    expect(status.disruptionsAllowed).toBe(1)
    // The controller has seen the pod go: it no longer needs the note.
    expect(status.disruptedPods).toBeUndefined()
    expect(sim.store.get<Pod>('Pod', 'default', victim)?.metadata.deletionTimestamp).toBeDefined()
  })
})

describe('PodDisruptionBudget status', () => {
  const cases: {
    name: string
    spec: { minAvailable?: IntOrString; maxUnavailable?: IntOrString }
    app?: string
    want: [expected: number, desired: number, current: number, allowed: number]
    condition: string
  }[] = [
    {
      name: 'minAvailable 3',
      spec: { minAvailable: 3 },
      want: [4, 3, 4, 1],
      condition: 'True:SufficientPods',
    },
    {
      name: 'minAvailable 50%',
      spec: { minAvailable: '50%' },
      want: [4, 2, 4, 2],
      condition: 'True:SufficientPods',
    },
    {
      name: 'minAvailable 30% rounds up',
      spec: { minAvailable: '30%' },
      want: [4, 2, 4, 2],
      condition: 'True:SufficientPods',
    },
    {
      name: 'maxUnavailable 1',
      spec: { maxUnavailable: 1 },
      want: [4, 3, 4, 1],
      condition: 'True:SufficientPods',
    },
    {
      name: 'maxUnavailable 30% rounds up',
      spec: { maxUnavailable: '30%' },
      want: [4, 2, 4, 2],
      condition: 'True:SufficientPods',
    },
    {
      name: 'maxUnavailable 0',
      spec: { maxUnavailable: 0 },
      want: [4, 4, 4, 0],
      condition: 'False:InsufficientPods',
    },
    {
      name: 'minAvailable 5 of 4',
      spec: { minAvailable: 5 },
      want: [4, 5, 4, 0],
      condition: 'False:InsufficientPods',
    },
    {
      name: 'a selector matching nothing',
      spec: { minAvailable: 1 },
      app: 'none',
      want: [0, 1, 0, 0],
      condition: 'False:InsufficientPods',
    },
    {
      name: 'maxUnavailable on nothing',
      spec: { maxUnavailable: 1 },
      app: 'none',
      want: [0, 0, 0, 0],
      condition: 'False:InsufficientPods',
    },
  ]
  it.each(cases)('$name', ({ spec, app, want, condition }) => {
    const { sim } = fourReplicas()
    apply(sim, budget('web', spec, app))
    const pdb = pdbNamed(sim, 'web')
    const s = pdb.status!
    expect([s.expectedPods, s.desiredHealthy, s.currentHealthy, s.disruptionsAllowed]).toEqual(want)
    expect(s.observedGeneration).toBe(pdb.metadata.generation)
    const c = s.conditions?.find((x) => x.type === 'DisruptionAllowed')
    expect(`${c?.status}:${c?.reason}`).toBe(condition)
  })

  it('follows a pod relabelled out of its selector and back', () => {
    const { sim } = fourReplicas()
    apply(sim, budget('web', { minAvailable: 3 }))
    const relabel = (name: string, app: string) => {
      const live = sim.store.get<Pod>('Pod', 'default', name)!
      sim.store.update<Pod>({
        ...live,
        metadata: { ...live.metadata, labels: { ...live.metadata.labels, app } },
      })
      sim.settle()
    }
    const victim = activePods(sim, 'web')[0]!.metadata.name
    relabel(victim, 'debug')
    expect(pdbNamed(sim, 'web').status).toMatchObject({
      expectedPods: 3,
      currentHealthy: 3,
      disruptionsAllowed: 0,
    })
    relabel(victim, 'web')
    expect(pdbNamed(sim, 'web').status).toMatchObject({
      expectedPods: 4,
      currentHealthy: 4,
      disruptionsAllowed: 1,
    })
  })

  it('follows a pod that stops being ready', () => {
    const { sim } = fourReplicas()
    apply(sim, budget('web', { minAvailable: 3 }))
    const victim = activePods(sim, 'web')[0]!
    sim.store.delete({ kind: 'Pod', namespace: 'default', name: victim.metadata.name })
    sim.settle()
    expect(pdbNamed(sim, 'web').status?.currentHealthy).toBe(3)
    expect(pdbNamed(sim, 'web').status?.disruptionsAllowed).toBe(0)
  })

  it.each([
    [{ minAvailable: 1, maxUnavailable: 1 }, 'minAvailable and maxUnavailable cannot be both set'],
    [
      { minAvailable: '120%' },
      'spec.minAvailable: Invalid value: 120%: must not be greater than 100%',
    ],
    [
      { maxUnavailable: -1 },
      'spec.maxUnavailable: Invalid value: -1: must be greater than or equal to 0',
    ],
  ])('refuses %o', (spec, words) => {
    const sim = newSim()
    const e = refusal(() => sim.store.create(budget('web', spec as { minAvailable?: IntOrString })))
    expect(e.code).toBe(422)
    expect(e.message).toContain(words)
  })

  it('stores a budget written without a spec with an empty one, which selects no pod', () => {
    // The spec is a struct in Go: left out, it decodes empty, and a nil selector selects nothing.
    const { sim } = fourReplicas()
    apply(sim, {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'bare', namespace: 'default' },
    } as PodDisruptionBudget)
    const pdb = pdbNamed(sim, 'bare')
    expect(pdb.spec).toEqual({})
    expect(pdb.status).toMatchObject({
      currentHealthy: 0,
      desiredHealthy: 0,
      expectedPods: 0,
      disruptionsAllowed: 0,
    })
    expect(eventsOf(sim, 'PodDisruptionBudget', 'bare').map((e) => e.reason)).toEqual(['NoPods'])
  })
})
