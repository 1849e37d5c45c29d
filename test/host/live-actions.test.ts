import { afterAll, describe, expect, it } from 'vitest'
import { HostService } from '../../src-main/host/host-service'
import type { Snapshot } from '../../src-main/shared/dto'
import { courseRepo } from '../helpers/course'
import { commitFiles, removeDir } from '../helpers/git'
import { syncsOf, untilSnapshot } from '../helpers/host'

const cleanup: (() => void)[] = []
afterAll(() => cleanup.forEach((f) => f()))

const state = (s: Snapshot) => ({
  error: s.error,
  hypervisors: s.infrastructure.hypervisors.map((h) => [h.name, h.phase]),
  nodes: s.infrastructure.nodes.map((n) => [n.name, n.ready]),
  faults: s.faultLog,
  traffic: s.traffic.map((t) => [t.sent, t.succeeded, t.failed]),
})
const until = (host: HostService, test: (s: Snapshot) => boolean, timeoutMs?: number) =>
  untilSnapshot(host, test, state, timeoutMs)

const vmsOn = (s: Snapshot, hv: string) =>
  s.infrastructure.virtualMachines.filter((v) => v.hypervisor === hv).map((v) => v.node)

describe('faults and traffic from the app', async () => {
  const course = await courseRepo('first-deployment', 1)
  const host = new HostService({ speed: 60, pushIntervalMs: 20 })
  cleanup.push(
    () => host.close(),
    () => removeDir(course.dir),
  )

  it('refuses a fault, and kubectl, while no repository is open', async () => {
    await expect(host.applyFault({ spec: 'hypervisor/hv-b:crash' })).rejects.toThrow(
      'no repository is open: open one first',
    )
    await expect(host.kubectl({ command: 'kubectl get pods' })).rejects.toThrow(
      'no repository is open: open one first',
    )
  })

  it('shows the machines under the nodes', async () => {
    await host.openRepository({ path: course.dir })
    const s = await until(host, (x) => syncsOf(x)[0]?.phase === 'Succeeded')
    const infra = s.infrastructure
    expect(infra.hosts.map((h) => [h.name, h.powerState, h.hypervisor])).toEqual([
      ['host-a', 'On', 'hv-a'],
      ['host-b', 'On', 'hv-b'],
    ])
    expect(infra.hypervisors.map((h) => [h.name, h.phase])).toEqual([
      ['hv-a', 'Running'],
      ['hv-b', 'Running'],
    ])
    expect(vmsOn(s, 'hv-b')).toEqual(['drydock-worker2', 'drydock-worker3'])
    expect(infra.nodes.map((n) => [n.name, n.ready, n.virtualMachine])).toEqual(
      s.nodes.map((n) => [n.name, 'True', n.name]),
    )
    expect(s.faultLog).toEqual([])
    expect(s.traffic).toEqual([])
  })

  it.each([
    ['hypervisor/hv-z:crash', 'hypervisor "hv-z" not found: hypervisors are hv-a, hv-b'],
    ['hypervisor/hv-b:melt', 'unknown fault "melt" for a hypervisor: faults are crash, recover'],
    ['hv-b', 'invalid fault "hv-b": write <target>/<name>:<fault>, e.g. hypervisor/hv-a:crash'],
  ])('refuses the fault %s with what exists, and logs nothing', async (spec, message) => {
    await expect(host.applyFault({ spec })).rejects.toThrow(message)
    expect((await host.getSnapshot()).faultLog).toEqual([])
  })

  it('answers kubectl get, describe and logs against the cluster as it is now', async () => {
    const pods = await host.kubectl({ command: 'kubectl get pods' })
    expect(pods.exitCode).toBe(0)
    expect(pods.stdout).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\nweb-\S+ +1\/1 +Running +0 /)
    const logs = await host.kubectl({ command: 'kubectl logs deploy/web --tail=1' })
    expect(logs).toMatchObject({ exitCode: 0, stderr: expect.stringMatching(/^Found 2 pods/) })
    expect(logs.stdout.split('\n')).toHaveLength(2)
    expect(await host.kubectl({ command: 'kubectl rollout status deploy/web' })).toEqual({
      stdout: 'deployment "web" successfully rolled out\n',
      stderr: '',
      exitCode: 0,
    })
    expect(await host.kubectl({ command: 'kubectl apply -f web.yaml' })).toMatchObject({
      exitCode: 1,
      stdout: '',
      stderr: expect.stringMatching(/^error: unknown command "apply" for "kubectl"\n/),
    })
  })

  it('deletes a pod and scales the Deployment by kubectl, and the app heals the drift', async () => {
    const before = await host.getSnapshot()
    const pods = before.nodes.flatMap((n) => n.pods).map((p) => p.name)
    const deleted = await host.kubectl({ command: `kubectl delete pod ${pods[0]}` })
    expect(deleted).toEqual({ stdout: `pod "${pods[0]}" deleted\n`, stderr: '', exitCode: 0 })
    const scaled = await host.kubectl({ command: 'kubectl scale deploy web --replicas=4' })
    expect(scaled).toEqual({ stdout: 'deployment.apps/web scaled\n', stderr: '', exitCode: 0 })
    // Self-heal puts Git's 2 replicas back, and the history says it did.
    const healed = await until(
      host,
      (x) => syncsOf(x)[0]?.trigger === 'self-heal' && syncsOf(x)[0]?.phase === 'Succeeded',
    )
    expect(syncsOf(healed)[0]!.diff.map((d) => d.changedPaths)).toEqual([['spec.replicas']])
    const replicas = await host.kubectl({ command: 'kubectl get deploy web' })
    expect(replicas.stdout).toMatch(/\nweb +\d\/2 /)
    expect(await host.kubectl({ command: 'kubectl delete pod nope' })).toEqual({
      stdout: '',
      stderr: 'Error from server (NotFound): pods "nope" not found\n',
      exitCode: 1,
    })
  })

  it('refuses traffic to a Service the revision does not declare', async () => {
    await expect(host.addTraffic({ spec: 'wbe=10' })).rejects.toThrow(
      'service "wbe" not found in namespace "default": services are web',
    )
    await expect(host.addTraffic({ spec: 'web=lots' })).rejects.toThrow('invalid rate "lots"')
    expect((await host.getSnapshot()).traffic).toEqual([])
  })

  it('sends traffic and charts it second by second', async () => {
    const added = await host.addTraffic({ spec: 'web=20' })
    expect(added.traffic).toMatchObject([{ id: 0, traffic: 'web=20', stopped: false }])
    const s = await until(host, (x) => (x.traffic[0]?.succeeded ?? 0) >= 200)
    const seconds = s.traffic[0]!.seconds
    expect(seconds.length).toBe(90)
    // The last whole second of the client's, counted from when it was added.
    const lastMs = seconds.at(-1)!.atMs
    expect(s.clock.virtualMs - lastMs).toBeGreaterThanOrEqual(1000)
    expect(s.clock.virtualMs - lastMs).toBeLessThan(2000)
    expect(seconds.map((x) => x.atMs - lastMs).slice(-3)).toEqual([-2000, -1000, 0])
    expect(seconds.at(-1)!.succeeded).toBe(20)
  })

  it('crashes a hypervisor: its nodes go silent, and the log says when', async () => {
    const before = (await host.getSnapshot()).clock.virtualMs
    const s = await host.applyFault({ spec: 'hypervisor/hv-b:crash' })
    expect(s.faultLog).toEqual([
      {
        spec: 'hypervisor/hv-b:crash',
        atMs: expect.any(Number),
        outcome: 'done',
        message: 'hypervisor/hv-b crashed',
      },
    ])
    expect(s.faultLog[0]!.atMs).toBeGreaterThanOrEqual(before)
    expect(s.infrastructure.hypervisors.find((h) => h.name === 'hv-b')!.phase).toBe('Crashed')
    const silent = await until(host, (x) =>
      vmsOn(x, 'hv-b').every(
        (node) => x.infrastructure.nodes.find((n) => n.name === node)!.ready === 'Unknown',
      ),
    )
    expect(silent.nodes.filter((n) => n.status === 'NotReady').map((n) => n.name)).toEqual([
      'drydock-worker2',
      'drydock-worker3',
    ])
  })

  it('carries out a fault written with a time when that time comes', async () => {
    const s = await host.applyFault({ spec: 'hypervisor/hv-b:recover@30s' })
    const entry = s.faultLog.at(-1)!
    expect(entry).toMatchObject({ outcome: 'scheduled', message: 'due in 30s' })
    expect(entry.atMs).toBe(s.clock.virtualMs + 30_000)
    const done = await until(host, (x) => x.faultLog.at(-1)!.outcome === 'done')
    expect(done.faultLog.at(-1)!.message).toBe('hypervisor/hv-b recovered')
  })

  it('stops a client: its figures stay as they were', async () => {
    const s = await host.stopTraffic({ id: 0 })
    expect(s.traffic[0]!.stopped).toBe(true)
    const sent = s.traffic[0]!.sent
    await until(host, (x) => x.clock.virtualMs > s.clock.virtualMs + 5000)
    expect((await host.getSnapshot()).traffic[0]!.sent).toBe(sent)
    await expect(host.stopTraffic({ id: 0 })).rejects.toThrow(
      'traffic client 0 has already stopped',
    )
    await expect(host.stopTraffic({ id: 7 })).rejects.toThrow('there is no traffic client 7')
  })

  it('after a broken commit, sends to the Services the cluster still runs', async () => {
    const broken = commitFiles(
      course.dir,
      { 'service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n spec: {}\n' },
      'Break the Service',
    )
    await until(host, (x) => syncsOf(x)[0]?.revision === broken && syncsOf(x)[0]!.phase === 'Error')
    const s = await host.addTraffic({ spec: 'web=5' })
    expect(s.traffic.map((t) => [t.id, t.traffic])).toEqual([
      [0, 'web=20'],
      [1, 'web=5'],
    ])
  })
})
