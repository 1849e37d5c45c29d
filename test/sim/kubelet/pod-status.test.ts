import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../src-main/sim/api/core'
import type { Condition } from '../../../src-main/sim/api/meta'
import { buildPodStatus } from '../../../src-main/sim/kubelet/pod-status'
import { newContainer, type PodRuntime } from '../../../src-main/sim/kubelet/runtime-state'

const T0 = Date.parse('2026-01-01T00:00:00Z')

function runtime(ready: boolean, container = 'app'): PodRuntime {
  const c = newContainer(container, 'nginx:1.27', false, false)
  if (ready) Object.assign(c, { activity: 'running', ready: true, started: true })
  return {
    key: 'default/web',
    namespace: 'default',
    name: 'web',
    uid: 'u1',
    nodeName: 'worker-1',
    startTimeMs: T0,
    sandboxReady: true,
    podIP: '10.244.1.2',
    init: [],
    containers: [c],
    killing: false,
    timers: [],
  }
}

function withStatus(status: Pod['status']): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', uid: 'u1' },
    spec: { nodeName: 'worker-1', containers: [{ name: 'app', image: 'nginx:1.27' }] },
    status,
  }
}

function conditionOf(status: Pod['status'], type: string): Condition {
  return status!.conditions!.find((c) => c.type === type)!
}

describe('the status the kubelet builds', () => {
  it.each([
    { name: 'a pod whose containers are not ready', ready: false },
    { name: 'a running, ready pod', ready: true },
  ])(
    'rebuilt later with nothing changed, is the same JSON and keeps its parts: $name',
    ({ ready }) => {
      const rt = runtime(ready)
      const first = buildPodStatus(withStatus(undefined), rt, '192.168.0.2', T0)
      const again = buildPodStatus(withStatus(first), rt, '192.168.0.2', T0 + 5_000)
      expect(JSON.stringify(again)).toBe(JSON.stringify(first))
      for (const c of first!.conditions!) expect(conditionOf(again, c.type)).toBe(c)
      expect((again as { podIPs?: unknown }).podIPs).toBe((first as { podIPs?: unknown }).podIPs)
      expect((again as { hostIPs?: unknown }).hostIPs).toBe(
        (first as { hostIPs?: unknown }).hostIPs,
      )
    },
  )

  it('builds a new condition when one flips, moving its lastTransitionTime', () => {
    const first = buildPodStatus(withStatus(undefined), runtime(false), '192.168.0.2', T0)
    const later = buildPodStatus(withStatus(first), runtime(true), '192.168.0.2', T0 + 5_000)
    const ready = conditionOf(later, 'Ready')
    expect(ready).not.toBe(conditionOf(first, 'Ready'))
    expect(ready).toEqual({
      type: 'Ready',
      status: 'True',
      lastTransitionTime: '2026-01-01T00:00:05Z',
    })
    expect(conditionOf(later, 'Initialized')).toBe(conditionOf(first, 'Initialized'))
  })

  it.each([
    {
      name: 'fields in another order',
      stored: { status: 'True', type: 'Initialized', lastTransitionTime: '2025-12-31T23:00:00Z' },
    },
    {
      name: 'a field the kubelet does not write',
      stored: {
        type: 'Initialized',
        status: 'True',
        lastTransitionTime: '2025-12-31T23:00:00Z',
        lastProbeTime: '2025-12-31T23:00:00Z',
      },
    },
    {
      name: 'a reason the kubelet would not give',
      stored: {
        type: 'Initialized',
        status: 'True',
        lastTransitionTime: '2025-12-31T23:00:00Z',
        reason: 'Other',
      },
    },
  ])('does not keep a condition stored with $name', ({ stored }) => {
    const status = buildPodStatus(
      withStatus({ conditions: [stored as Condition] }),
      runtime(true),
      '192.168.0.2',
      T0,
    )
    const built = conditionOf(status, 'Initialized')
    expect(built).not.toBe(stored)
    expect(Object.keys(built)).toEqual(['type', 'status', 'lastTransitionTime'])
    expect(built.lastTransitionTime).toBe('2025-12-31T23:00:00Z')
  })

  it('keeps a False condition with its reason and message only while they hold', () => {
    const notReady = buildPodStatus(withStatus(undefined), runtime(false), undefined, T0)
    const ready = conditionOf(notReady, 'Ready')
    expect(ready).toEqual({
      type: 'Ready',
      status: 'False',
      lastTransitionTime: '2026-01-01T00:00:00Z',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [app]',
    })
    const again = buildPodStatus(withStatus(notReady), runtime(false), undefined, T0 + 1_000)
    expect(conditionOf(again, 'Ready')).toBe(ready)
    const other = buildPodStatus(withStatus(notReady), runtime(false, 'web'), undefined, T0 + 1_000)
    expect(conditionOf(other, 'Ready')).toEqual({
      ...ready,
      message: 'containers with unready status: [web]',
    })
  })
})
