import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { drydock } from '../helpers/cli'
import type { SyncReport } from '../../src-main/shared/dto'
import { commitFiles, initRepo, removeDir } from '../helpers/git'
import { projectRoot } from '../helpers/paths'

/** Four pods of a quarter CPU: spread over the three workers, and all fit on one. */
const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 4
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          resources:
            requests:
              cpu: 250m
              memory: 128Mi
`

const UNREACHABLE = [
  'node.kubernetes.io/unreachable:NoSchedule',
  'node.kubernetes.io/unreachable:NoExecute',
]
const ON_HV_B = ['drydock-worker2', 'drydock-worker3']

const dirs: string[] = []
afterAll(() => dirs.forEach(removeDir))

function repoWith(files: Record<string, string>): string {
  const dir = initRepo()
  dirs.push(dir)
  commitFiles(dir, files, 'manifests')
  return dir
}

const node = (r: SyncReport, name: string) => r.infrastructure.nodes.find((n) => n.name === name)!
const vm = (r: SyncReport, name: string) =>
  r.infrastructure.virtualMachines.find((v) => v.name === name)!
const hypervisor = (r: SyncReport, name: string) =>
  r.infrastructure.hypervisors.find((h) => h.name === name)!
const serving = (r: SyncReport) => r.pods.filter((p) => p.status === 'Running' && p.ready === '1/1')

interface Case {
  name: string
  args: string[]
  then: (report: SyncReport) => void
}

const cases: Case[] = [
  {
    name: 'a hypervisor crash at 60 s, run for 10 m: nodes Unknown and tainted, pods rescheduled',
    args: ['--fault', 'hypervisor/hv-b:crash@60s', '--for', '10m'],
    then: (r) => {
      expect(r.ranForSeconds).toBe(600)
      expect(r.faults).toEqual([
        {
          fault: 'hypervisor/hv-b:crash@60s',
          atSeconds: 60,
          outcome: 'done',
          message: 'hypervisor/hv-b crashed',
        },
      ])
      expect(hypervisor(r, 'hv-b').phase).toBe('Crashed')
      expect(hypervisor(r, 'hv-a').phase).toBe('Running')
      for (const name of ON_HV_B) {
        expect(vm(r, name).phase).toBe('Stopped')
        expect(node(r, name)).toMatchObject({
          status: 'NotReady',
          ready: 'Unknown',
          reason: 'NodeStatusUnknown',
          taints: UNREACHABLE,
        })
      }
      // The evicted pods stay Terminating on nodes no kubelet answers for; their
      // replacements run on the one worker left.
      const stranded = r.pods.filter((p) => ON_HV_B.includes(p.node!))
      expect(stranded.length).toBeGreaterThan(0)
      for (const pod of stranded) expect(pod.status).toBe('Terminating')
      expect(serving(r)).toHaveLength(4)
      for (const pod of serving(r)) expect(pod.node).toBe('drydock-worker')
    },
  },
  {
    name: 'a crash and its recovery: the nodes come back Ready and untainted',
    args: [
      '--fault',
      'hypervisor/hv-b:crash@60s',
      '--fault',
      'hypervisor/hv-b:recover@8m',
      '--for',
      '10m',
    ],
    then: (r) => {
      expect(r.faults.map((f) => [f.atSeconds, f.outcome, f.message])).toEqual([
        [60, 'done', 'hypervisor/hv-b crashed'],
        [480, 'done', 'hypervisor/hv-b recovered'],
      ])
      expect(hypervisor(r, 'hv-b').phase).toBe('Running')
      for (const name of ON_HV_B) {
        expect(vm(r, name).phase).toBe('Running')
        expect(node(r, name)).toMatchObject({ status: 'Ready', ready: 'True', taints: [] })
      }
      // Their kubelets are back and have finished the evicted pods.
      expect(r.pods.filter((p) => p.status === 'Terminating')).toEqual([])
      expect(serving(r)).toHaveLength(4)
    },
  },
  {
    name: 'a kubelet stopped at 10 s: its node goes Unknown while its VM runs on',
    args: ['--fault', 'node/drydock-worker2:stop-kubelet@10s', '--for', '2m'],
    then: (r) => {
      expect(r.faults[0]!.message).toBe('the kubelet of node/drydock-worker2 stopped')
      expect(vm(r, 'drydock-worker2').phase).toBe('Running')
      expect(node(r, 'drydock-worker2')).toMatchObject({ ready: 'Unknown', taints: UNREACHABLE })
      expect(node(r, 'drydock-worker3').ready).toBe('True')
    },
  },
  {
    name: 'a fault due after the rollout settled, without --for: never reached',
    args: ['--fault', 'vm/drydock-worker3:power-off@5m'],
    then: (r) => {
      expect(r.ranForSeconds).toBe(r.durationSeconds)
      expect(r.faults[0]).toMatchObject({ outcome: 'not-reached', atSeconds: 300 })
      expect(r.faults[0]!.message).toMatch(/^the run ended after [\d.]+s, before it was due/)
      expect(vm(r, 'drydock-worker3').phase).toBe('Running')
    },
  },
  {
    name: 'a fault the world no longer allows at its time: failed, and the run goes on',
    args: [
      '--fault',
      'hypervisor/hv-b:crash@30s',
      '--fault',
      'vm/drydock-worker2:reboot@40s',
      '--for',
      '1m',
    ],
    then: (r) => {
      expect(r.faults[1]).toEqual({
        fault: 'vm/drydock-worker2:reboot@40s',
        atSeconds: 40,
        outcome: 'failed',
        message: 'cannot reboot vm/drydock-worker2: it is Stopped; power it on instead',
      })
      expect(r.ranForSeconds).toBe(60)
    },
  },
]

describe('drydock sync --fault --for', () => {
  const dir = repoWith({ 'web.yaml': WEB })

  it.each(cases)('$name', ({ args, then }) => {
    const run = drydock('sync', dir, '--json', ...args)
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const report = JSON.parse(run.stdout) as SyncReport
    expect(report).toMatchObject({ phase: 'Succeeded', health: 'Healthy' })
    then(report)
  })

  it('shows the machines after the pods without --json', () => {
    const run = drydock('sync', dir, '--fault', 'host/host-b:power-off@30s', '--for', '2m')
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('  30s  host/host-b:power-off@30s: done: host/host-b powered off')
    expect(run.stdout).toContain('State after 120s of cluster time:')
    // A host that is off, and its hypervisor, use nothing.
    expect(run.stdout).toMatch(/^host-b {3}zone-b {3}Off {5}hv-b {9}0m \(0%\) +0Mi \(0%\) +0%$/m)
    expect(run.stdout).toMatch(/^hv-b {9}host-b {3}kvm {4}Down {6}0 +0m \(0%\) +0Mi \(0%\)$/m)
  })

  it.each([
    [
      ['--fault', 'hv-b'],
      '--fault hv-b: invalid fault "hv-b": write <target>/<name>:<fault>, e.g. hypervisor/hv-a:crash',
    ],
    [
      ['--fault', 'disk/sda:fail@1m'],
      '--fault disk/sda:fail@1m: unknown fault target "disk" in "disk/sda:fail": targets are host, hypervisor, vm, node, pod, container',
    ],
    [
      ['--fault', 'hypervisor/hv-b:explode@60s'],
      '--fault hypervisor/hv-b:explode@60s: unknown fault "explode" for a hypervisor: faults are crash, recover',
    ],
    [
      ['--fault', 'hypervisor/hv-b:crash@soon'],
      '--fault hypervisor/hv-b:crash@soon: the time after "@": invalid duration "soon": use a number with a unit, e.g. 90s, 15m, 1h30m',
    ],
    [
      ['--for', 'a while'],
      '--for: invalid duration "a while": use a number with a unit, e.g. 90s, 15m, 1h30m',
    ],
    [
      ['--fault', 'hypervisor/hv-9:crash@60s'],
      '--fault hypervisor/hv-9:crash@60s: hypervisor "hv-9" not found: hypervisors are hv-a, hv-b',
    ],
    [
      ['--fault', 'node/drydock-worker:stop-kubelet', '--fault', 'vm/worker-2:power-off@30s'],
      '--fault vm/worker-2:power-off@30s: vm "worker-2" not found: VMs are drydock-control-plane, drydock-worker, drydock-worker2, drydock-worker3',
    ],
  ])('refuses %j with exit 2 and says why', (args, message) => {
    const run = drydock('sync', dir, ...args)
    expect(run.status).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr.split('\n')[0]).toBe(`drydock sync: ${message}`)
  })
})

/** A bare pod next to the Deployment: its name is known before the sync. */
const SOLO = `apiVersion: v1
kind: Pod
metadata:
  name: solo
spec:
  containers:
    - name: app
      image: nginx:1.27
`

const pod = (r: SyncReport, name: string) => r.pods.find((p) => p.name === name)!

const moreCases: Case[] = [
  {
    name: 'a container killed and a pod deleted, each at its time, by name',
    args: [
      '--fault',
      'pod/solo:kill@1m',
      '--fault',
      'container/default/solo/app:kill@2m',
      '--fault',
      'pod/nope:delete@3m',
      '--for',
      '4m',
    ],
    then: (r) => {
      expect(r.faults.map((f) => [f.outcome, f.message])).toEqual([
        ['done', 'container app of pod/default/solo killed (exit code 137)'],
        ['done', 'container app of pod/default/solo killed (exit code 137)'],
        [
          'failed',
          expect.stringMatching(/^pod "nope" not found: pods are default\/solo, default\/web-/),
        ],
      ])
      expect(pod(r, 'solo')).toMatchObject({ status: 'Running', ready: '1/1', restarts: 2 })
    },
  },
  {
    name: 'a pod deleted: Terminating while its containers stop',
    args: ['--fault', 'pod/solo:delete@1m', '--for', '1m'],
    then: (r) => {
      expect(r.faults[0]!.message).toBe('pod "solo" deleted')
      expect(pod(r, 'solo').status).toBe('Terminating')
    },
  },
  {
    name: 'a node cut off at 30 s and joined again at 8 m',
    args: [
      '--fault',
      'node/drydock-worker2:partition@30s',
      '--fault',
      'node/drydock-worker2:reconnect@8m',
      '--for',
      '9m',
    ],
    then: (r) => {
      expect(r.faults.map((f) => f.message)).toEqual([
        'node/drydock-worker2 cut off from the network',
        'node/drydock-worker2 reconnected to the network',
      ])
      expect(vm(r, 'drydock-worker2').phase).toBe('Running')
      expect(node(r, 'drydock-worker2')).toMatchObject({
        ready: 'True',
        taints: [],
        kubelet: 'running',
        partitioned: false,
      })
      // Its pods were evicted after 300 s; back on the network, its kubelet finished them.
      expect(r.pods.filter((p) => p.status === 'Terminating')).toEqual([])
      expect(serving(r).filter((p) => p.name.startsWith('web-'))).toHaveLength(4)
    },
  },
  {
    name: 'a node still cut off: the JSON says so, while the API only sees it silent',
    args: ['--fault', 'node/drydock-worker2:partition@30s', '--for', '2m'],
    then: (r) => {
      expect(node(r, 'drydock-worker2')).toMatchObject({
        ready: 'Unknown',
        kubelet: 'running',
        partitioned: true,
      })
    },
  },
  {
    name: 'a live migration: the VM runs on the other hypervisor, nothing restarts',
    args: ['--fault', 'vm/drydock-worker2:migrate@30s', '--for', '3m'],
    then: (r) => {
      expect(r.faults[0]!.message).toBe(
        'vm/drydock-worker2 live-migrated from hypervisor "hv-b" to "hv-a"',
      )
      expect(vm(r, 'drydock-worker2')).toMatchObject({ hypervisor: 'hv-a', phase: 'Running' })
      expect(hypervisor(r, 'hv-a').virtualMachines).toBe(3)
      expect(node(r, 'drydock-worker2')).toMatchObject({ ready: 'True', taints: [] })
      expect(r.pods.every((p) => p.restarts === 0 && p.status === 'Running')).toBe(true)
    },
  },
  {
    name: 'memory filled on a kind-like node: its kubelet sets no threshold, and evicts nothing',
    args: ['--fault', 'node/drydock-worker:fill-memory@30s', '--for', '2m'],
    then: (r) => {
      expect(r.faults[0]!.message).toMatch(/so it evicts nothing$/)
      expect(r.pods.filter((p) => p.status === 'Evicted')).toEqual([])
    },
  },
]

describe('drydock sync: faults on pods, the network, live migration and memory', () => {
  const dir = repoWith({ 'web.yaml': WEB, 'solo.yaml': SOLO })

  it.each(moreCases)('$name', ({ args, then }) => {
    const run = drydock('sync', dir, '--json', ...args)
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    then(JSON.parse(run.stdout) as SyncReport)
  })

  it.each([
    [
      ['--fault', 'pod/a/b/c:delete'],
      '--fault pod/a/b/c:delete: invalid pod "a/b/c" in "pod/a/b/c:delete": write pod/<name> or pod/<namespace>/<name>',
    ],
    [
      ['--fault', 'vm/drydock-worker:move'],
      '--fault vm/drydock-worker:move: unknown fault "move" for a vm: faults are power-off, power-on, reboot, migrate, migrate-to-<hypervisor>, migrate-back',
    ],
  ])('refuses %j with exit 2 and says why', (args, message) => {
    const run = drydock('sync', dir, ...args)
    expect(run.status).toBe(2)
    expect(run.stderr.split('\n')[0]).toBe(`drydock sync: ${message}`)
  })
})

describe('drydock sync --chaos', () => {
  const dir = repoWith({ 'web.yaml': WEB })

  it('plans a seeded series of faults, each with its inverse, shown like any other', () => {
    const args = ['sync', dir, '--json', '--chaos', '7,every=2m,down=1m', '--for', '20m']
    const run = drydock(...args)
    expect(run.stderr).toBe('')
    const r = JSON.parse(run.stdout) as SyncReport
    expect(r.ranForSeconds).toBe(1200)
    expect(r.faults.length).toBeGreaterThanOrEqual(6)
    for (const f of r.faults) {
      expect(f.fault).toMatch(/^(host|hypervisor|vm|node)\/[a-z0-9-]+:[a-z-]+@(\d+m)?(\d+s)?$/)
      expect(f.outcome).not.toBe('not-reached')
    }
    // The same seed, the same faults at the same times.
    expect(JSON.parse(drydock(...args).stdout).faults).toEqual(r.faults)
    const other = JSON.parse(
      drydock('sync', dir, '--json', '--chaos', '8,every=2m,down=1m', '--for', '20m').stdout,
    ) as SyncReport
    expect(other.faults).not.toEqual(r.faults)
  })

  it('runs in a replay too', () => {
    const run = drydock('replay', dir, '--json', '--chaos', 'seed=3,every=1m', '--for', '5m')
    expect(run.stderr).toBe('')
    const r = JSON.parse(run.stdout) as { faults: { fault: string }[] }
    expect(r.faults.length).toBeGreaterThan(0)
  })

  it.each([
    [['--chaos', '7'], '--chaos 7: chaos needs --for <duration>: the time its faults fall in'],
    [
      ['--chaos', 'often', '--for', '5m'],
      '--chaos often: invalid chaos "often": write <seed>[,every=<duration>][,down=<duration>], e.g. 7,every=2m',
    ],
    [
      ['--chaos', '7,every=soon', '--for', '5m'],
      '--chaos 7,every=soon: every: invalid duration "soon": use a number with a unit, e.g. 90s, 15m, 1h30m',
    ],
  ])('refuses %j with exit 2 and says why', (args, message) => {
    const run = drydock('sync', dir, ...args)
    expect(run.status).toBe(2)
    expect(run.stderr.split('\n')[0]).toBe(`drydock sync: ${message}`)
  })
})

/** The YAML example of the README's "Your own machines", exactly as printed there. */
function readmeMachines(): string {
  const readme = fs.readFileSync(path.join(projectRoot, 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('### Your own machines'))
  const block = /```yaml\n([\s\S]*?)```/.exec(section)
  if (!block) throw new Error('README.md: no YAML example under "### Your own machines"')
  return block[1]!
}

describe("the README's own machines", () => {
  it('boot instead of the default ones, and the workload runs on them', () => {
    const yaml = readmeMachines()
    const dir = repoWith({ 'machines.yaml': yaml, 'web.yaml': WEB })
    const run = drydock('sync', dir, '--json', '--fault', 'vm/worker-2:power-off@1m', '--for', '3m')
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const r = JSON.parse(run.stdout) as SyncReport
    const names = (list: { name: string }[]) => list.map((x) => x.name)
    expect(names(r.infrastructure.hosts)).toEqual(['rack1-server1', 'rack1-server2'])
    expect(names(r.infrastructure.hypervisors)).toEqual(['esx-1', 'esx-2'])
    expect(names(r.infrastructure.nodes)).toEqual(['cp-1', 'worker-1', 'worker-2'])
    for (const res of r.resources.filter((x) => x.apiVersion === 'drydock.dev/v1alpha1'))
      expect(res).toMatchObject({ action: 'unchanged', health: 'Healthy' })
    expect(vm(r, 'worker-2')).toMatchObject({ phase: 'Stopped', powerState: 'Off' })
    expect(node(r, 'worker-2').ready).toBe('Unknown')
    // Spread over both workers, none on the tainted control plane; the 300 s toleration
    // keeps the pods of the silent node bound to it for now.
    expect([...new Set(r.pods.map((p) => p.node))].sort()).toEqual(['worker-1', 'worker-2'])
  })
})
