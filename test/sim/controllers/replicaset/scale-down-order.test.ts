import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../../src-main/sim/api/core'
import {
  podsToDelete,
  type RankedPod,
} from '../../../../src-main/sim/controllers/replicaset/delete-order'
import { ScaleDownOrder } from '../../../../src-main/sim/controllers/replicaset/scale-down-order'
import { Prng } from '../../../../src-main/sim/kernel/prng'
import { toRfc3339 } from '../../../../src-main/sim/kernel/time'

const T0 = 1_767_225_600_000

function randomPod(prng: Prng, i: number, nodes: number): Pod {
  const pick = (n: number): number => prng.int(n)
  const scheduled = pick(8) > 0
  const running = scheduled && pick(4) > 0
  const ready = running && pick(3) > 0
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `p-${i}`,
      namespace: 'default',
      creationTimestamp: toRfc3339(T0 + pick(20) * 1000),
    },
    spec: {
      containers: [{ name: 'app', image: 'nginx' }],
      nodeName: scheduled ? `n${pick(nodes)}` : undefined,
    },
    status: {
      phase: running ? 'Running' : 'Pending',
      conditions: ready
        ? // Some ready pods carry no transition time: they count as ready since now.
          [
            pick(8) > 0
              ? {
                  type: 'Ready',
                  status: 'True',
                  lastTransitionTime: toRfc3339(T0 + pick(20) * 1000),
                }
              : { type: 'Ready', status: 'True' },
          ]
        : [],
      containerStatuses: [
        { name: 'app', image: 'nginx', imageID: '', ready, restartCount: pick(3) },
      ],
    },
  } as Pod
}

const names = (pods: Pod[]): string[] => pods.map((p) => p.metadata.name)

describe('the scale-down order of a ReplicaSet', () => {
  it('gives the victims a full ranking gives, as pods come, change, move and go', () => {
    const prng = new Prng(5)
    for (const nodes of [3, 12, 40]) {
      const order = new ScaleDownOrder()
      const entries = new Map<string, RankedPod & { pod: Pod }>()
      let next = 0
      const add = (): void => {
        const entry = { pod: randomPod(prng, next++, nodes) }
        entries.set(entry.pod.metadata.name, entry)
        order.add(entry)
      }
      for (let i = 0; i < 150; i++) add()
      for (let round = 0; round < 30; round++) {
        const nowMs = T0 + 60_000 + round * 1000
        const all = [...entries.values()].map((e) => e.pod)
        for (const count of [1, 2, 3, 10])
          expect(names(order.victims(count, nowMs))).toEqual(names(podsToDelete(all, count, nowMs)))
        // The first victims go, as a scale-down deletes them.
        for (const pod of order.victims(2, nowMs)) {
          order.remove(entries.get(pod.metadata.name)!)
          entries.delete(pod.metadata.name)
        }
        // Another pod changes in place, one moves to another node, one joins.
        const [changed, moved] = [...entries.values()].slice(round % 7)
        const fresh = randomPod(prng, next++, nodes)
        changed!.pod = { ...fresh, spec: changed!.pod.spec, metadata: changed!.pod.metadata }
        changed!.ranks = undefined
        order.changed(changed!)
        order.remove(moved!)
        moved!.pod = {
          ...moved!.pod,
          spec: { ...moved!.pod.spec, nodeName: `n${prng.int(nodes)}` },
        }
        moved!.ranks = undefined
        order.add(moved!)
        add()
      }
    }
  })
})
