import { describe, expect, it } from 'vitest'
import type { Node, Taint } from '../../../../src-main/sim/api/core'
import type { Condition } from '../../../../src-main/sim/api/meta'
import {
  passAtOrAfter,
  unknownAtMs,
  unknownConditions,
} from '../../../../src-main/sim/controllers/node-lifecycle/health'
import {
  noScheduleTaintDiff,
  swapTaints,
} from '../../../../src-main/sim/controllers/node-lifecycle/taints'
import { Zones, zoneKey } from '../../../../src-main/sim/controllers/node-lifecycle/zones'

const S = 1000

describe('when a silent node is found Unknown', () => {
  it.each([
    // last renewal, monitor passes from 0: the first pass strictly after renewal + 50 s
    { renewalS: 0, unknownS: 55 },
    { renewalS: 10, unknownS: 65 },
    { renewalS: 12, unknownS: 65 },
    { renewalS: 14.999, unknownS: 65 },
    { renewalS: 15, unknownS: 70 },
  ])('renewed at $renewalS s: Unknown at $unknownS s', ({ renewalS, unknownS }) => {
    expect(unknownAtMs(renewalS * S, 0)).toBe(unknownS * S)
  })

  it('passes fall every 5 s from the controller start', () => {
    expect(passAtOrAfter(7 * S, 2 * S)).toBe(7 * S)
    expect(passAtOrAfter(7.001 * S, 2 * S)).toBe(12 * S)
  })
})

function node(conditions: Partial<Condition>[], extra: Partial<Node['spec']> = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'n', creationTimestamp: '2026-01-01T00:00:00Z' },
    spec: { ...extra },
    status: { conditions: conditions as Condition[] },
  }
}

describe('the conditions of a node that went silent', () => {
  it('turn Unknown, keeping when they were last heard of', () => {
    const before = node([
      { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: 'h', lastTransitionTime: 't' },
      { type: 'Ready', status: 'True', lastHeartbeatTime: 'h', lastTransitionTime: 't' },
      { type: 'NetworkUnavailable', status: 'False' },
    ])
    expect(unknownConditions(before, 'now')).toEqual([
      {
        type: 'MemoryPressure',
        status: 'Unknown',
        reason: 'NodeStatusUnknown',
        message: 'Kubelet stopped posting node status.',
        lastHeartbeatTime: 'h',
        lastTransitionTime: 'now',
      },
      {
        type: 'Ready',
        status: 'Unknown',
        reason: 'NodeStatusUnknown',
        message: 'Kubelet stopped posting node status.',
        lastHeartbeatTime: 'h',
        lastTransitionTime: 'now',
      },
      { type: 'NetworkUnavailable', status: 'False' },
      ...['DiskPressure', 'PIDPressure'].map((type) => ({
        type,
        status: 'Unknown',
        reason: 'NodeStatusNeverUpdated',
        message: 'Kubelet never posted node status.',
        lastHeartbeatTime: '2026-01-01T00:00:00Z',
        lastTransitionTime: 'now',
      })),
    ])
  })

  it('are not written again once Ready is Unknown', () => {
    expect(unknownConditions(node([{ type: 'Ready', status: 'Unknown' }]), 'now')).toBeUndefined()
  })
})

const ns = (key: string): Taint => ({ key: `node.kubernetes.io/${key}`, effect: 'NoSchedule' })

describe('NoSchedule taints follow the conditions and the cordon', () => {
  it.each([
    { name: 'Ready', node: node([{ type: 'Ready', status: 'True' }]), add: [], remove: [] },
    {
      name: 'NotReady',
      node: node([{ type: 'Ready', status: 'False' }]),
      add: [ns('not-ready')],
      remove: [],
    },
    {
      name: 'Unknown',
      node: node([{ type: 'Ready', status: 'Unknown' }]),
      add: [ns('unreachable')],
      remove: [],
    },
    {
      name: 'back to Ready',
      node: node([{ type: 'Ready', status: 'True' }], { taints: [ns('unreachable')] }),
      add: [],
      remove: [ns('unreachable')],
    },
    {
      name: 'under memory pressure, cordoned',
      node: node([{ type: 'MemoryPressure', status: 'True' }], { unschedulable: true }),
      add: [ns('memory-pressure'), ns('unschedulable')],
      remove: [],
    },
    {
      name: 'tainted by someone else',
      node: node([{ type: 'Ready', status: 'True' }], {
        taints: [{ key: 'dedicated', effect: 'NoSchedule' }],
      }),
      add: [],
      remove: [],
    },
  ])('$name', ({ node: n, add, remove }) => {
    expect(noScheduleTaintDiff(n)).toEqual({ add, remove })
  })

  it('are swapped in one write, stamped with when they were added', () => {
    const other: Taint = { key: 'dedicated', effect: 'NoSchedule' }
    expect(
      swapTaints([other, ns('not-ready')], [ns('unreachable')], [ns('not-ready')], 'now'),
    ).toEqual([other, { ...ns('unreachable'), timeAdded: 'now' }])
    expect(swapTaints([other], [], [ns('not-ready')], 'now')).toBeUndefined()
  })
})

function zoned(name: string, zone: string, ready: boolean): Node {
  const n = node([{ type: 'Ready', status: ready ? 'True' : 'Unknown' }])
  return {
    ...n,
    metadata: { ...n.metadata, name, labels: { 'topology.kubernetes.io/zone': zone } },
  }
}

describe('zones', () => {
  it('are keyed by region and zone', () => {
    expect(zoneKey(zoned('a', 'z1', true))).toBe(':\u0000:z1')
    expect(zoneKey(node([]))).toBe('')
  })

  /** A zone of `size` nodes of which `down` are not Ready, next to a healthy zone. */
  function disrupt(size: number, down: number): Zones {
    const zones = new Zones()
    for (let i = 0; i < size; i++) zones.observe(`a${i}`, zoned(`a${i}`, 'a', i >= down), 0)
    zones.observe('b0', zoned('b0', 'b', true), 0)
    zones.handleDisruption(0)
    return zones
  }

  it.each([
    { case: 'one node of three down', size: 3, down: 1, qps: 0.1 },
    { case: 'all down: fully disrupted, tainted at the normal rate', size: 3, down: 3, qps: 0.1 },
    { case: 'most of a small zone down: no tainting', size: 5, down: 3, qps: 0 },
    { case: 'most of a large zone down: tainting slows down', size: 60, down: 40, qps: 0.01 },
  ])('$case', ({ size, down, qps }) => {
    expect(disrupt(size, down).tainter(':\u0000:a')!.limiter.qps).toBe(qps)
  })

  it('stop all tainting when every zone is fully disrupted, and resume when one recovers', () => {
    const zones = new Zones()
    zones.observe('a', zoned('a', 'a', true), 0)
    zones.observe('b', zoned('b', 'b', true), 0)
    zones.handleDisruption(0)
    zones.observe('a', zoned('a', 'a', false), 0)
    zones.observe('b', zoned('b', 'b', false), 0)
    expect(zones.handleDisruption(0).enteredFullDisruption).toBe(true)
    expect(zones.tainter(':\u0000:a')!.limiter.qps).toBe(0)
    zones.observe('b', zoned('b', 'b', true), 0)
    expect(zones.handleDisruption(0)).toEqual({
      enteredFullDisruption: false,
      exitedFullDisruption: true,
      resumed: [':\u0000:a', ':\u0000:b'],
    })
    expect(zones.tainter(':\u0000:a')!.limiter.qps).toBe(0.1)
  })
})
