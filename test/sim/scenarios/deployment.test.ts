import { describe, expect, it } from 'vitest'
import type { KubeEvent, Pod } from '../../../src-main/sim/api/core'
import type { ReplicaSet } from '../../../src-main/sim/api/apps'
import { isPodReady } from '../../../src-main/sim/api/pod-util'
import { deployment } from '../../helpers/manifests'
import {
  activePods,
  apply,
  deploymentNamed,
  newSim,
  readyCount,
  statuses,
  withImage,
} from '../../helpers/sim'

describe('a Deployment in virtual time', () => {
  it('brings its pods Pending → ContainerCreating → Running on the workers', () => {
    const sim = newSim()
    apply(sim, deployment('web', { replicas: 2 }))
    expect(statuses(sim, 'web')).toEqual(['ContainerCreating', 'ContainerCreating'])
    sim.runFor(30_000)
    expect(statuses(sim, 'web')).toEqual(['Running', 'Running'])
    const pods = activePods(sim, 'web')
    expect(pods.every((p) => p.spec.nodeName?.startsWith('drydock-worker'))).toBe(true)
    for (const pod of pods)
      expect(pod.metadata.name).toMatch(/^web-[456789bcdf]{1,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
    const d = deploymentNamed(sim, 'web')
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1')
    expect(d.status?.conditions?.map((c) => `${c.type}=${c.status}:${c.reason}`).sort()).toEqual([
      'Available=True:MinimumReplicasAvailable',
      'Progressing=True:NewReplicaSetAvailable',
    ])
  })

  it('rolls 10 replicas with 25%/25% never above 13 pods nor below 8 available', () => {
    const sim = newSim()
    const d = deployment('web', { replicas: 10, maxSurge: '25%', maxUnavailable: '25%' })
    apply(sim, d)
    sim.runFor(60_000)
    expect(readyCount(sim, 'web')).toBe(10)
    apply(sim, withImage(d, 'nginx:1.28'))
    let maxPods = 0
    let minAvailable = Infinity
    const deadline = sim.nowMs() + 600_000
    while (sim.step(deadline)) {
      const pods = activePods(sim, 'web')
      maxPods = Math.max(maxPods, pods.length)
      minAvailable = Math.min(minAvailable, pods.filter(isPodReady).length)
      if (
        pods.length === 10 &&
        pods.every((p) => isPodReady(p) && p.spec.containers[0]!.image === 'nginx:1.28')
      )
        break
    }
    expect(maxPods).toBe(13)
    expect(minAvailable).toBe(8)
    expect(activePods(sim, 'web').every((p) => p.spec.containers[0]!.image === 'nginx:1.28')).toBe(
      true,
    )
    expect(
      deploymentNamed(sim, 'web').metadata.annotations?.['deployment.kubernetes.io/revision'],
    ).toBe('2')
  })

  it('keeps old pods serving when the new tag does not exist, and reports ProgressDeadlineExceeded after 600 s', () => {
    const sim = newSim()
    const d = deployment('web', { replicas: 4 })
    apply(sim, d)
    sim.runFor(60_000)
    apply(sim, withImage(d, 'nginx:1.290'))
    const start = sim.nowMs()
    sim.runFor(30_000)
    const byImage = (image: string): Pod[] =>
      activePods(sim, 'web').filter((p) => p.spec.containers[0]!.image === image)
    expect(byImage('nginx:1.27').filter(isPodReady)).toHaveLength(3)
    expect(
      byImage('nginx:1.290').map((p) => p.status?.containerStatuses?.[0]?.state.waiting?.reason),
    ).toEqual(['ImagePullBackOff', 'ImagePullBackOff'])
    const timedOut = (): boolean =>
      deploymentNamed(sim, 'web').status?.conditions?.some(
        (c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded',
      ) ?? false
    expect(sim.runUntilTrue(timedOut, 700_000)).toBe(true)
    const elapsedSeconds = (sim.nowMs() - start) / 1000
    expect(elapsedSeconds).toBeGreaterThan(600)
    expect(elapsedSeconds).toBeLessThan(603)
    const condition = deploymentNamed(sim, 'web').status!.conditions!.find(
      (c) => c.type === 'Progressing',
    )!
    expect(condition.status).toBe('False')
    expect(condition.message).toMatch(/^ReplicaSet "web-[^"]+" has timed out progressing\.$/)
  })

  it('records the pull error in the words of containerd and backs off 10, 20, 40, 80, 160, 300, 300 s', () => {
    const sim = newSim()
    apply(sim, deployment('web', { replicas: 1, image: 'nginx:1.290' }))
    const failures: number[] = []
    sim.store.watch(({ object, old }) => {
      const reason = (o: unknown): string | undefined =>
        (o as Pod | undefined)?.status?.containerStatuses?.[0]?.state.waiting?.reason
      if (
        object.kind === 'Pod' &&
        reason(object) === 'ErrImagePull' &&
        reason(old) !== 'ErrImagePull'
      )
        failures.push(sim.nowMs())
    })
    sim.runFor(20 * 60_000)
    // Each gap is the back-off plus the next attempt's registry lookup (700 ± 300 ms).
    const gaps = failures.slice(1, 8).map((t, i) => (t - failures[i]!) / 1000)
    const expected = [10, 20, 40, 80, 160, 300, 300]
    expect(gaps).toHaveLength(expected.length)
    gaps.forEach((gap, i) => {
      expect(gap - expected[i]!).toBeGreaterThanOrEqual(0.4)
      expect(gap - expected[i]!).toBeLessThanOrEqual(1.0)
    })
    const pod = activePods(sim, 'web')[0]!
    const events = sim.store
      .list<KubeEvent>('Event')
      .filter((e) => e.involvedObject.name === pod.metadata.name)
    expect(events.map((e) => e.message)).toContain(
      'Failed to pull image "nginx:1.290": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.290": failed to resolve reference "docker.io/library/nginx:1.290": docker.io/library/nginx:1.290: not found',
    )
    expect(events.find((e) => e.reason === 'BackOff')?.message).toBe(
      'Back-off pulling image "nginx:1.290"',
    )
  })

  it('replaces a deleted pod', () => {
    const sim = newSim()
    apply(sim, deployment('web', { replicas: 3 }))
    sim.runFor(30_000)
    const victim = activePods(sim, 'web')[0]!
    sim.store.delete({ kind: 'Pod', namespace: 'default', name: victim.metadata.name })
    sim.settle()
    expect(activePods(sim, 'web')).toHaveLength(3)
    expect(activePods(sim, 'web').map((p) => p.metadata.name)).not.toContain(victim.metadata.name)
    sim.runFor(30_000)
    expect(readyCount(sim, 'web')).toBe(3)
    expect(sim.store.get('Pod', 'default', victim.metadata.name)).toBeUndefined()
  })

  it('recreates: every old pod is gone before a new one is created', () => {
    const sim = newSim()
    const d = deployment('web', { replicas: 3 })
    d.spec.strategy = { type: 'Recreate' }
    apply(sim, d)
    sim.runFor(30_000)
    apply(sim, withImage(d, 'nginx:1.28'))
    let overlap = false
    const deadline = sim.nowMs() + 120_000
    while (sim.step(deadline)) {
      const images = new Set(sim.store.list<Pod>('Pod').map((p) => p.spec.containers[0]!.image))
      if (images.has('nginx:1.27') && images.has('nginx:1.28')) overlap = true
    }
    expect(overlap).toBe(false)
    expect(readyCount(sim, 'web')).toBe(3)
  })

  it('garbage-collects ReplicaSets and pods when the Deployment goes', () => {
    const sim = newSim()
    apply(sim, deployment('web', { replicas: 2 }))
    sim.runFor(30_000)
    sim.store.delete({ kind: 'Deployment', namespace: 'default', name: 'web' })
    sim.runFor(60_000)
    expect(sim.store.list<ReplicaSet>('ReplicaSet')).toHaveLength(0)
    expect(sim.store.list<Pod>('Pod')).toHaveLength(0)
  })
})
