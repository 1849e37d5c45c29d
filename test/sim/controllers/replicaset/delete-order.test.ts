import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../../src-main/sim/api/core'
import { podsToDelete } from '../../../../src-main/sim/controllers/replicaset/delete-order'
import { Prng } from '../../../../src-main/sim/kernel/prng'

const T0 = Date.UTC(2026, 0, 1)

function pod(
  name: string,
  o: { node?: string; phase?: string; readyAtS?: number; restarts?: number; createdS: number },
): Pod {
  const at = (s: number): string => new Date(T0 + s * 1000).toISOString().replace('.000Z', 'Z')
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', creationTimestamp: at(o.createdS) },
    spec: { containers: [{ name: 'app', image: 'nginx' }], nodeName: o.node },
    status: {
      phase: o.phase ?? 'Pending',
      conditions:
        o.readyAtS === undefined
          ? []
          : [{ type: 'Ready', status: 'True', lastTransitionTime: at(o.readyAtS) }],
      containerStatuses: [
        {
          name: 'app',
          image: 'nginx',
          imageID: '',
          ready: o.readyAtS !== undefined,
          restartCount: o.restarts ?? 0,
        },
      ],
    },
  } as Pod
}

describe('which pods a ReplicaSet deletes first', () => {
  it.each([
    [
      'unscheduled before scheduled',
      [
        pod('a', { node: 'n1', phase: 'Running', readyAtS: 5, createdS: 1 }),
        pod('b', { createdS: 0 }),
      ],
      ['b'],
    ],
    [
      'pending before running',
      [
        pod('a', { node: 'n1', phase: 'Running', createdS: 1 }),
        pod('b', { node: 'n2', createdS: 0 }),
      ],
      ['b'],
    ],
    [
      'not ready before ready',
      [
        pod('a', { node: 'n1', phase: 'Running', readyAtS: 3, createdS: 1 }),
        pod('b', { node: 'n2', phase: 'Running', createdS: 0 }),
      ],
      ['b'],
    ],
    [
      'doubled up on a node before alone',
      [
        pod('a', { node: 'n1', phase: 'Running', readyAtS: 3, createdS: 1 }),
        pod('b', { node: 'n2', phase: 'Running', readyAtS: 3, createdS: 1 }),
        pod('c', { node: 'n2', phase: 'Running', readyAtS: 3, createdS: 1 }),
      ],
      ['b'],
    ],
    [
      'ready for less time first',
      [
        pod('a', { node: 'n1', phase: 'Running', readyAtS: 3, createdS: 1 }),
        pod('b', { node: 'n2', phase: 'Running', readyAtS: 9, createdS: 1 }),
      ],
      ['b'],
    ],
    [
      'more restarts first',
      [
        pod('a', { node: 'n1', phase: 'Running', readyAtS: 3, createdS: 1 }),
        pod('b', { node: 'n2', phase: 'Running', readyAtS: 3, restarts: 2, createdS: 1 }),
      ],
      ['b'],
    ],
    [
      'newer first',
      [
        pod('a', { node: 'n1', phase: 'Running', readyAtS: 3, createdS: 1 }),
        pod('b', { node: 'n2', phase: 'Running', readyAtS: 3, createdS: 2 }),
      ],
      ['b'],
    ],
  ])('%s', (_, pods, expected) => {
    expect(podsToDelete(pods, 1, T0 + 60_000).map((p) => p.metadata.name)).toEqual(expected)
  })

  it('picks the same few pods from a large set as a full ranking does', () => {
    const prng = new Prng(7)
    const pick = (n: number): number => prng.int(n)
    const pods = Array.from({ length: 400 }, (_, i) => {
      const scheduled = pick(10) > 0
      const running = scheduled && pick(4) > 0
      return pod(`p-${i}`, {
        node: scheduled ? `n${pick(30)}` : undefined,
        phase: running ? 'Running' : 'Pending',
        readyAtS: running && pick(5) > 0 ? pick(20) : undefined,
        restarts: pick(3),
        createdS: pick(20),
      })
    })
    const full = podsToDelete(pods, pods.length, T0 + 60_000).map((p) => p.metadata.name)
    for (const count of [1, 2, 5, 24, 25, 26, 100])
      expect(podsToDelete(pods, count, T0 + 60_000).map((p) => p.metadata.name)).toEqual(
        full.slice(0, count),
      )
  })
})
