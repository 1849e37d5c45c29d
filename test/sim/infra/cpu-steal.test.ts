import { describe, expect, it } from 'vitest'
import type { Deployment } from '../../../src-main/sim/api/apps'
import type { Pod } from '../../../src-main/sim/api/core'
import type { Image } from '../../../src-main/sim/api/drydock'
import { infrastructureView } from '../../../src-main/host/infra-view'
import { fromRfc3339 } from '../../../src-main/sim/kernel/time'
import { Simulation } from '../../../src-main/sim/simulation'
import { deployment } from '../../helpers/manifests'
import { activePods, apply, readyCount } from '../../helpers/sim'
import { infraFixture } from './helpers'

const BUSY_NODES = ['busy-1', 'busy-2', 'busy-3', 'busy-4']

/** A worker that keeps four cores busy: a whole busy-N VM. */
const burner: Image = {
  apiVersion: 'drydock.dev/v1alpha1',
  kind: 'Image',
  metadata: { name: 'burner' },
  spec: { repository: 'lab/burner', tags: ['1.0'], resources: { cpu: '4', memory: '512Mi' } },
}

/** A server that needs ten seconds of CPU before it listens. */
const slowStart: Image = {
  apiVersion: 'drydock.dev/v1alpha1',
  kind: 'Image',
  metadata: { name: 'slow-start' },
  spec: {
    repository: 'lab/slow-start',
    tags: ['1.0'],
    ports: [8080],
    startup: '10s',
    resources: { cpu: '100m', memory: '64Mi' },
  },
}

function saturatedFixture(): Simulation {
  const sim = new Simulation({
    seed: 7,
    strict: true,
    infrastructure: infraFixture('saturated.yaml'),
  })
  apply(sim, burner)
  apply(sim, slowStart)
  return sim
}

/** One burner pod bound to each busy-N node, running. */
function saturate(sim: Simulation): void {
  for (const node of BUSY_NODES)
    apply<Pod>(sim, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `burn-${node}`, namespace: 'default' },
      spec: { nodeName: node, containers: [{ name: 'burn', image: 'lab/burner:1.0' }] },
    })
  const running = () =>
    BUSY_NODES.every(
      (node) =>
        sim.store.get<Pod>('Pod', 'default', `burn-${node}`)?.status?.containerStatuses?.[0]?.state
          ?.running !== undefined,
    )
  expect(sim.runUntilTrue(running, 120_000)).toBe(true)
}

/** Milliseconds from applying two replicas of slow-start on busy-1 to both being ready. */
function startUpMs(sim: Simulation): number {
  const web: Deployment = deployment('web', { image: 'lab/slow-start:1.0', replicas: 2 })
  web.spec.template.spec.nodeSelector = { 'kubernetes.io/hostname': 'busy-1' }
  // Ready once it listens, not as soon as it starts.
  web.spec.template.spec.containers[0]!.readinessProbe = {
    httpGet: { path: '/', port: 8080 },
    periodSeconds: 1,
  }
  const from = sim.nowMs()
  apply(sim, web)
  expect(sim.runUntilTrue(() => readyCount(sim, 'web') === 2, 300_000)).toBe(true)
  return sim.nowMs() - from
}

/** For each web pod, from its container's `startedAt` to its Ready condition (timestamps in whole seconds). */
function startedToReadyMs(sim: Simulation): number[] {
  return activePods(sim, 'web').map((pod) => {
    const started = pod.status!.containerStatuses![0]!.state!.running!.startedAt!
    const ready = pod.status!.conditions!.find((c) => c.type === 'Ready')!.lastTransitionTime!
    return fromRfc3339(ready) - fromRfc3339(started)
  })
}

describe('CPU steal on an over-committed host', () => {
  it('four busy 4-vCPU VMs on 8 cores each get half: the JSON says so', () => {
    const sim = saturatedFixture()
    saturate(sim)
    const view = infrastructureView(sim)
    const host = view.hosts.find((h) => h.name === 'host-busy')!
    expect(host.cpuStealPercent).toBe(50)
    expect(host.usage).toMatchObject({ cpu: '8000m', cpuPercent: 100 })
    for (const name of BUSY_NODES) {
      const vm = view.virtualMachines.find((v) => v.name === name)!
      expect(vm.cpuStealPercent, name).toBe(50)
      // 4 cores wanted, 2 given; memory: the burner's 512Mi and the kubelet's reserved 512Mi.
      expect(vm.usage, name).toEqual({
        cpu: '2000m',
        memory: '1024Mi',
        cpuPercent: 50,
        memoryPercent: 12,
      })
      // The node's percentages are of its allocatable: 3800m and 7580Mi, once its kubelet's reservations and eviction threshold come off.
      expect(view.nodes.find((n) => n.name === name)!.usage, name).toEqual({
        ...vm.usage,
        cpuPercent: 52,
        memoryPercent: 13,
      })
    }
    const hv = view.hypervisors.find((h) => h.name === 'hv-busy')!
    // Four VMs at 1Gi, and the 4Gi the hypervisor keeps, of the host's 64Gi.
    expect(hv.usage).toEqual({ cpu: '8000m', memory: '8192Mi', cpuPercent: 100, memoryPercent: 12 })
    const calm = view.hosts.find((h) => h.name === 'host-calm')!
    expect(calm.cpuStealPercent).toBe(0)
  })

  it('a deployment starts measurably slower there than on the same host idle', () => {
    const idle = saturatedFixture()
    const idleMs = startUpMs(idle)

    const busy = saturatedFixture()
    saturate(busy)
    const busyMs = startUpMs(busy)

    expect(busyMs - idleMs).toBeGreaterThan(5_000)
    // From its container's start to its Ready condition: ten seconds idle; at half the CPU, twenty.
    for (const ms of startedToReadyMs(idle)) expect(ms).toBeGreaterThanOrEqual(9_000)
    for (const ms of startedToReadyMs(idle)) expect(ms).toBeLessThanOrEqual(12_000)
    for (const ms of startedToReadyMs(busy)) expect(ms).toBeGreaterThanOrEqual(19_000)
    for (const ms of startedToReadyMs(busy)) expect(ms).toBeLessThanOrEqual(22_000)
  })
})
