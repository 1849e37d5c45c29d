import { describe, expect, it } from 'vitest'
import type { KubeEvent, Pod } from '../../../src-main/sim/api/core'
import type { Simulation } from '../../../src-main/sim/simulation'
import { summarisePod } from '../../../src-main/sim/views/pod-status'
import { pod } from '../../helpers/manifests'
import { apply, newSim } from '../../helpers/sim'

function live(sim: Simulation, name: string): Pod {
  return sim.store.get<Pod>('Pod', 'default', name)!
}

function status(sim: Simulation, name: string): string {
  return summarisePod(live(sim, name), sim.nowMs()).status
}

function restarts(sim: Simulation, name: string): number {
  return live(sim, name).status?.containerStatuses?.[0]?.restartCount ?? 0
}

function events(sim: Simulation, name: string): KubeEvent[] {
  return sim.store
    .list<KubeEvent>('Event', { namespace: 'default' })
    .filter((e) => e.involvedObject.name === name)
}

function lines(sim: Simulation, name: string, previous = false): string[] {
  const logs = sim.kubelet.logs('default', name, undefined, previous)
  if ('error' in logs) throw new Error(logs.error)
  return logs.map((l) => l.text)
}

describe('the kubelet', () => {
  it('restarts a crashing container at once, then after 10, 20, 40, 80, 160, 300, 300 s', () => {
    const sim = newSim()
    apply(sim, pod('crash', { image: 'busybox:1.36', command: ['sh', '-c', 'echo boom; exit 1'] }))
    // Each run's start, by container id: the run that just ended is in lastState.
    const starts = new Map<string, number>()
    sim.runUntilTrue(() => {
      const cs = live(sim, 'crash').status?.containerStatuses?.[0]
      const last = cs?.lastState?.terminated
      if (last?.containerID) starts.set(last.containerID, Date.parse(last.startedAt!))
      return (cs?.restartCount ?? 0) >= 8
    }, 3_600_000)
    const times = [...starts.values()]
    // The container runs for no time, so the gap between two starts is the back-off (and a start-up under a second).
    const gaps = times.slice(1).map((t, i) => Math.round((t - times[i]!) / 10_000) * 10)
    expect(gaps).toEqual([0, 10, 20, 40, 80, 160, 300, 300])
    expect(status(sim, 'crash')).toMatch(/^(CrashLoopBackOff|Error|Running)$/)
    const backOff = events(sim, 'crash').find((e) => e.reason === 'BackOff')
    expect(backOff?.message).toBe(
      'Back-off restarting failed container app in pod crash_default(' +
        live(sim, 'crash').metadata.uid +
        ')',
    )
    expect(lines(sim, 'crash', true)).toEqual(['boom'])
  })

  it.each([
    { restartPolicy: 'Never' as const, exit: 0, status: 'Completed', phase: 'Succeeded' },
    { restartPolicy: 'Never' as const, exit: 3, status: 'Error', phase: 'Failed' },
    { restartPolicy: 'OnFailure' as const, exit: 0, status: 'Completed', phase: 'Succeeded' },
  ])('ends a pod with restartPolicy $restartPolicy that exits $exit as $status', (row) => {
    const sim = newSim()
    apply(
      sim,
      pod(
        'job',
        { image: 'busybox:1.36', command: ['sh', '-c', `echo done; exit ${row.exit}`] },
        { restartPolicy: row.restartPolicy },
      ),
    )
    sim.runFor(120_000)
    expect(status(sim, 'job')).toBe(row.status)
    expect(live(sim, 'job').status?.phase).toBe(row.phase)
    expect(live(sim, 'job').status?.containerStatuses?.[0]?.state.terminated?.exitCode).toBe(
      row.exit,
    )
    expect(restarts(sim, 'job')).toBe(0)
  })

  it('restarts an OnFailure container that fails, and stops once it succeeds', () => {
    const sim = newSim()
    apply(
      sim,
      pod(
        'retry',
        { image: 'busybox:1.36', command: ['sh', '-c', 'exit 2'] },
        { restartPolicy: 'OnFailure' },
      ),
    )
    sim.runFor(60_000)
    expect(restarts(sim, 'retry')).toBeGreaterThanOrEqual(2)
    expect(live(sim, 'retry').status?.phase).toBe('Running')
  })

  it('completes busybox without a command, restarts it at once, then backs off: Completed → CrashLoopBackOff', () => {
    const sim = newSim()
    apply(sim, pod('bb', { image: 'busybox:1.36' }))
    const seen: string[] = []
    sim.runUntilTrue(() => {
      const now = status(sim, 'bb')
      if (seen[seen.length - 1] !== now) seen.push(now)
      return restarts(sim, 'bb') >= 3
    }, 120_000)
    expect(seen.slice(0, 3)).toEqual(['ContainerCreating', 'Completed', 'CrashLoopBackOff'])
  })

  it("restarts the liveness lab's agnhost when /healthz starts answering 500", () => {
    const sim = newSim()
    apply(
      sim,
      pod('liveness-http', {
        image: 'registry.k8s.io/e2e-test-images/agnhost:2.40',
        args: ['liveness'],
        livenessProbe: {
          httpGet: { path: '/healthz', port: 8080 },
          initialDelaySeconds: 3,
          periodSeconds: 3,
        },
      }),
    )
    sim.runFor(12_000)
    expect(restarts(sim, 'liveness-http')).toBe(0)
    sim.runFor(30_000)
    expect(restarts(sim, 'liveness-http')).toBeGreaterThanOrEqual(1)
    expect(events(sim, 'liveness-http').find((e) => e.reason === 'Unhealthy')?.message).toBe(
      'Liveness probe failed: HTTP probe failed with statuscode: 500',
    )
  })

  it('exits postgres with its real message when POSTGRES_PASSWORD is missing', () => {
    const sim = newSim()
    apply(sim, pod('db', { image: 'postgres:16' }))
    sim.runFor(30_000)
    expect(restarts(sim, 'db')).toBeGreaterThanOrEqual(1)
    const previous = lines(sim, 'db', true)
    expect(previous.join('\n')).toContain(
      'Error: Database is uninitialized and superuser password is not specified.',
    )
    expect(live(sim, 'db').status?.containerStatuses?.[0]?.lastState?.terminated?.exitCode).toBe(1)
  })

  it('starts postgres with POSTGRES_PASSWORD and keeps it running', () => {
    const sim = newSim()
    apply(
      sim,
      pod('db', { image: 'postgres:16', env: [{ name: 'POSTGRES_PASSWORD', value: 'secret' }] }),
    )
    sim.runFor(120_000)
    expect(status(sim, 'db')).toBe('Running')
    expect(restarts(sim, 'db')).toBe(0)
    expect(lines(sim, 'db').join('\n')).toContain('database system is ready to accept connections')
  })

  it('blocks a container on a missing ConfigMap key with CreateContainerConfigError, and starts it once the key exists', () => {
    const sim = newSim()
    apply(
      sim,
      pod('cfg', {
        image: 'nginx:1.27',
        env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'mode' } } }],
      }),
    )
    sim.runFor(30_000)
    expect(status(sim, 'cfg')).toBe('CreateContainerConfigError')
    expect(live(sim, 'cfg').status?.containerStatuses?.[0]?.state.waiting?.message).toBe(
      'configmap "settings" not found',
    )
    apply(sim, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace: 'default' },
      data: { other: 'x' },
    })
    sim.runFor(30_000)
    expect(live(sim, 'cfg').status?.containerStatuses?.[0]?.state.waiting?.message).toBe(
      "couldn't find key mode in ConfigMap default/settings",
    )
    const cm = sim.store.get('ConfigMap', 'default', 'settings')!
    sim.store.update({ ...cm, data: { mode: 'fast' } } as typeof cm)
    sim.runFor(30_000)
    expect(status(sim, 'cfg')).toBe('Running')
    expect(
      events(sim, 'cfg')
        .filter((e) => e.reason === 'Failed')
        .map((e) => e.message),
    ).toEqual([
      'Error: configmap "settings" not found',
      "Error: couldn't find key mode in ConfigMap default/settings",
    ])
  })

  it('kills a container whose exec liveness probe fails, as in the liveness lab', () => {
    const sim = newSim()
    apply(
      sim,
      pod('liveness-exec', {
        image: 'registry.k8s.io/busybox:1.27.2',
        args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
        livenessProbe: {
          exec: { command: ['cat', '/tmp/healthy'] },
          initialDelaySeconds: 5,
          periodSeconds: 5,
        },
      }),
    )
    sim.runFor(25_000)
    expect(restarts(sim, 'liveness-exec')).toBe(0)
    sim.runFor(50_000)
    expect(restarts(sim, 'liveness-exec')).toBe(1)
    const unhealthy = events(sim, 'liveness-exec').find((e) => e.reason === 'Unhealthy')
    expect(unhealthy?.message).toContain(
      "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory",
    )
    expect(events(sim, 'liveness-exec').find((e) => e.reason === 'Killing')?.message).toBe(
      'Container app failed liveness probe, will be restarted',
    )
  })

  it('runs init containers one at a time and shows Init:0/1 meanwhile', () => {
    const sim = newSim()
    const p = pod('init', { image: 'nginx:1.27' })
    p.spec.initContainers = [
      { name: 'wait', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 20'] },
    ]
    apply(sim, p)
    sim.runFor(10_000)
    expect(status(sim, 'init')).toBe('Init:0/1')
    sim.runFor(40_000)
    expect(status(sim, 'init')).toBe('Running')
    expect(live(sim, 'init').status?.initContainerStatuses?.[0]?.state.terminated?.reason).toBe(
      'Completed',
    )
  })

  it('kills a container that uses more memory than its limit with OOMKilled', () => {
    const sim = newSim()
    apply(
      sim,
      pod('oom', {
        image: 'postgres:16',
        env: [{ name: 'POSTGRES_PASSWORD', value: 'x' }],
        resources: { limits: { memory: '8Mi' } },
      }),
    )
    sim.runFor(30_000)
    const cs = live(sim, 'oom').status?.containerStatuses?.[0]
    expect(cs?.lastState?.terminated?.reason ?? cs?.state.terminated?.reason).toBe('OOMKilled')
    expect(cs?.lastState?.terminated?.exitCode ?? cs?.state.terminated?.exitCode).toBe(137)
  })

  it('fails to start a command the image does not have with StartError', () => {
    const sim = newSim()
    apply(sim, pod('bad', { image: 'nginx:1.27', command: ['/no/such/binary'] }))
    sim.runFor(20_000)
    const cs = live(sim, 'bad').status?.containerStatuses?.[0]
    const terminated = cs?.lastState?.terminated ?? cs?.state.terminated
    expect(terminated?.reason).toBe('StartError')
    expect(terminated?.exitCode).toBe(128)
    expect(terminated?.message).toContain(
      'exec: "/no/such/binary": stat /no/such/binary: no such file or directory',
    )
  })

  it('stops a deleted pod gracefully: servers exit at SIGTERM, shells only at the grace period', () => {
    const sim = newSim()
    apply(sim, pod('web', { image: 'nginx:1.27' }))
    apply(
      sim,
      pod(
        'sleeper',
        { image: 'busybox:1.36', command: ['sleep', '3600'] },
        { terminationGracePeriodSeconds: 20 },
      ),
    )
    sim.runFor(30_000)
    const t0 = sim.nowMs()
    sim.store.delete({ kind: 'Pod', namespace: 'default', name: 'web' })
    sim.store.delete({ kind: 'Pod', namespace: 'default', name: 'sleeper' })
    sim.settle()
    expect(status(sim, 'web')).toBe('Terminating')
    sim.runUntilTrue(() => !sim.store.get('Pod', 'default', 'web'), 60_000)
    expect(sim.nowMs() - t0).toBeLessThan(5_000)
    sim.runUntilTrue(() => !sim.store.get('Pod', 'default', 'sleeper'), 60_000)
    expect(sim.nowMs() - t0).toBeGreaterThanOrEqual(20_000)
  })

  it('timestamps log lines and keeps the previous run apart from the current one', () => {
    const sim = newSim()
    apply(
      sim,
      pod('echo', {
        image: 'busybox:1.36',
        command: ['sh', '-c', 'echo one; echo two; sleep 5; exit 1'],
      }),
    )
    sim.runFor(30_000)
    expect(lines(sim, 'echo', true)).toEqual(['one', 'two'])
    const logs = sim.kubelet.logs('default', 'echo', 'nope')
    expect(logs).toEqual({ error: 'container nope is not valid for pod echo' })
  })
})
