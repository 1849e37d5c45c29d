import { describe, expect, it } from 'vitest'
import type { Toleration } from '../../../../src-main/sim/api/core'
import type { DaemonSet } from '../../../../src-main/sim/api/daemonset'
import { newSim } from '../../../helpers/sim'
import {
  ALL_NODES,
  WORKERS,
  addWorker,
  agent,
  daemonPods,
  dsEvents,
  editDs,
  liveDs,
  readyImagesByNode,
} from './helpers'

const CONTROL_PLANE: Toleration = {
  key: 'node-role.kubernetes.io/control-plane',
  operator: 'Exists',
  effect: 'NoSchedule',
}

describe('DaemonSet placement', () => {
  it.each<{ name: string; edit: (spec: DaemonSet['spec']) => void; nodes: string[] }>([
    { name: 'the workers only, the control plane being tainted', edit: () => {}, nodes: WORKERS },
    {
      name: 'every node with a toleration for the control-plane taint',
      edit: (spec) => (spec.template.spec.tolerations = [CONTROL_PLANE]),
      nodes: ALL_NODES,
    },
    {
      name: 'the nodes its nodeSelector picks',
      edit: (spec) =>
        (spec.template.spec.nodeSelector = { 'kubernetes.io/hostname': 'drydock-worker2' }),
      nodes: ['drydock-worker2'],
    },
    {
      name: 'the nodes its required node affinity allows',
      edit: (spec) =>
        (spec.template.spec.affinity = {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                {
                  matchExpressions: [
                    {
                      key: 'kubernetes.io/hostname',
                      operator: 'NotIn',
                      values: ['drydock-worker'],
                    },
                  ],
                },
              ],
            },
          },
        }),
      nodes: ['drydock-worker2', 'drydock-worker3'],
    },
  ])('runs one pod on $name', ({ edit, nodes }) => {
    const sim = newSim()
    sim.store.create(agent(edit))
    sim.runFor(60_000)
    const pods = daemonPods(sim)
    expect(pods.map((p) => p.spec.nodeName).sort()).toEqual(nodes)
    for (const p of pods)
      expect(p.metadata.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
    expect(Object.keys(readyImagesByNode(sim)).sort()).toEqual(nodes)
    expect(liveDs(sim).status).toEqual({
      currentNumberScheduled: nodes.length,
      numberMisscheduled: 0,
      desiredNumberScheduled: nodes.length,
      numberReady: nodes.length,
      observedGeneration: 1,
      updatedNumberScheduled: nodes.length,
      numberAvailable: nodes.length,
    })
    expect(dsEvents(sim).sort()).toEqual(
      pods.map((p) => `Normal SuccessfulCreate Created pod: ${p.metadata.name}`).sort(),
    )
  })

  it('pins each pod to its node by affinity, with the daemon tolerations, for the scheduler to bind', () => {
    const sim = newSim()
    sim.store.create(agent())
    sim.settle()
    const unbound = daemonPods(sim)
    expect(unbound).toHaveLength(3)
    const pinned = unbound.map(
      (p) =>
        p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
          ?.nodeSelectorTerms[0]?.matchFields?.[0],
    )
    expect(pinned.map((f) => f?.values?.[0]).sort()).toEqual(WORKERS)
    expect(pinned[0]).toMatchObject({ key: 'metadata.name', operator: 'In' })
    expect(unbound[0]!.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ])
    const hash = unbound[0]!.metadata.labels!['controller-revision-hash']
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/)
    expect(sim.store.get('ControllerRevision', 'default', `agent-${hash}`)).toBeDefined()
    sim.runFor(30_000)
    for (const p of daemonPods(sim)) {
      const pinnedTo =
        p.spec.affinity!.nodeAffinity!.requiredDuringSchedulingIgnoredDuringExecution!
          .nodeSelectorTerms[0]!.matchFields![0]!.values![0]
      expect(p.spec.nodeName).toBe(pinnedTo)
    }
  })

  it('tolerates an unavailable network too when it uses the host network', () => {
    const sim = newSim()
    sim.store.create(agent((spec) => (spec.template.spec.hostNetwork = true)))
    sim.settle()
    expect(daemonPods(sim)[0]!.spec.tolerations?.at(-1)).toEqual({
      key: 'node.kubernetes.io/network-unavailable',
      operator: 'Exists',
      effect: 'NoSchedule',
    })
  })

  it('follows nodes: a new node gets a pod, a deleted one loses it to the pod garbage collector', () => {
    const sim = newSim()
    sim.store.create(agent())
    sim.runFor(60_000)
    addWorker(sim, 'drydock-worker4', 4)
    sim.runFor(30_000)
    expect(Object.keys(readyImagesByNode(sim)).sort()).toEqual([...WORKERS, 'drydock-worker4'])
    expect(liveDs(sim).status?.desiredNumberScheduled).toBe(4)
    const onNode = (node: string) => daemonPods(sim).filter((p) => p.spec.nodeName === node)
    const orphan = onNode('drydock-worker4')[0]!

    sim.store.delete({ kind: 'Node', name: 'drydock-worker4' })
    const deletedAt = sim.nowMs()
    let failedWith: string | undefined
    sim.store.watch(
      ({ object }) => {
        if (object.metadata.name !== orphan.metadata.name) return
        const status = (object as typeof orphan).status
        failedWith ??= status?.conditions?.find((c) => c.type === 'DisruptionTarget')?.message
      },
      ['Pod'],
    )
    expect(sim.runUntilTrue(() => onNode('drydock-worker4').length === 0, 120_000)).toBe(true)
    // Pod GC waits out its 40 s quarantine before it believes the node is gone.
    expect(sim.nowMs() - deletedAt).toBeGreaterThanOrEqual(40_000)
    expect(failedWith).toBe('PodGC: node no longer exists')
    expect(sim.store.get('Pod', 'default', orphan.metadata.name)).toBeUndefined()
    expect(liveDs(sim).status).toMatchObject({
      desiredNumberScheduled: 3,
      currentNumberScheduled: 3,
    })
    expect(daemonPods(sim)).toHaveLength(3)
  })

  it('removes the pod from a node that stops matching its nodeSelector', () => {
    const sim = newSim()
    sim.store.create(agent((spec) => (spec.template.spec.nodeSelector = { agent: 'yes' })))
    sim.settle()
    expect(daemonPods(sim)).toHaveLength(0)
    const label = (name: string, labels: Record<string, string>) => {
      const node = sim.store.get('Node', undefined, name)!
      sim.store.update({
        ...node,
        metadata: { ...node.metadata, labels: { ...node.metadata.labels, ...labels } },
      })
      sim.settle()
    }
    label('drydock-worker2', { agent: 'yes' })
    sim.runFor(30_000)
    expect(Object.keys(readyImagesByNode(sim))).toEqual(['drydock-worker2'])
    label('drydock-worker2', { agent: 'no' })
    sim.runFor(60_000)
    expect(daemonPods(sim)).toHaveLength(0)
    expect(dsEvents(sim).at(-1)).toMatch(/^Normal SuccessfulDelete Deleted pod: agent-[a-z0-9]{5}$/)
    expect(liveDs(sim).status).toMatchObject({
      desiredNumberScheduled: 0,
      currentNumberScheduled: 0,
    })
  })

  it('replaces a pod deleted by hand', () => {
    const sim = newSim()
    sim.store.create(agent())
    sim.runFor(60_000)
    const victim = daemonPods(sim).find((p) => p.spec.nodeName === 'drydock-worker3')!
    sim.store.delete({ kind: 'Pod', namespace: 'default', name: victim.metadata.name })
    sim.runFor(60_000)
    const ready = readyImagesByNode(sim)
    expect(Object.keys(ready).sort()).toEqual(WORKERS)
    expect(daemonPods(sim).map((p) => p.metadata.name)).not.toContain(victim.metadata.name)
  })

  it('adds its pods to a node once it tolerates the node taint', () => {
    const sim = newSim()
    sim.store.create(agent())
    sim.runFor(30_000)
    editDs(sim, (spec) => (spec.template.spec.tolerations = [CONTROL_PLANE]))
    sim.runFor(5 * 60_000)
    expect(Object.keys(readyImagesByNode(sim)).sort()).toEqual(ALL_NODES)
  })
})
