import type { Deployment } from '../../src-main/sim/api/apps'
import type { Pod } from '../../src-main/sim/api/core'
import type { KubeObject } from '../../src-main/sim/api/meta'
import type { Controller } from '../../src-main/sim/runtime/controller'
import { Simulation } from '../../src-main/sim/simulation'
import type { Topology } from '../../src-main/sim/topology'
import { measure, row } from './measure'

const ZONES = ['zone-a', 'zone-b', 'zone-c']

function topology(workers: number): Topology {
  return {
    nodes: [
      { name: 'control-plane', role: 'control-plane', cpu: '4', memory: '8Gi' },
      ...Array.from({ length: workers }, (_, i) => ({
        name: `worker-${i + 1}`,
        role: 'worker' as const,
        cpu: '64',
        memory: '256Gi',
        labels: { 'topology.kubernetes.io/zone': ZONES[i % ZONES.length]! },
      })),
    ],
  }
}

function barePod(name: string, extra: Partial<Pod['spec']> = {}, labels = { app: 'bench' }): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'nginx:1.27',
          resources: { requests: { cpu: '100m', memory: '128Mi' } },
        },
      ],
      ...extra,
    },
  }
}

/** A Deployment of `replicas` pods like `barePod`'s: its ReplicaSet's pods get the default spreading. */
function deployment(name: string, replicas: number): Deployment {
  const labels = { app: name }
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: barePod(name).spec },
    },
  }
}

function controller(sim: Simulation, name: string): Controller {
  const controllers = (sim as unknown as { controllers: Controller[] }).controllers
  return controllers.find((c) => c.name === name)!
}

/** Adds up the wall time of every call of `object[method]`. */
function timeCalls<T extends object>(object: T, method: keyof T & string): { ms: number } {
  const total = { ms: 0 }
  const target = object as unknown as Record<string, (...args: unknown[]) => unknown>
  const original = target[method]!.bind(object)
  target[method] = (...args: unknown[]) => {
    const start = performance.now()
    try {
      return original(...args)
    } finally {
      total.ms += performance.now() - start
    }
  }
  return total
}

interface Run {
  /** The scheduling algorithm: PreFilter to the chosen node. */
  algorithmMs: number
  /** The scheduler's reconciles: the algorithm, and the binding it writes. */
  schedulerMs: number
  /** The whole `settle()`, every controller's reactions included. */
  settleMs: number
  settleCpuMs: number
  bound: number
}

/**
 * Objects created at once (pods, or Deployments whose controllers make the pods
 * within the settle), then one `settle()`, timed three ways.
 * With `kubelet: false` the kubelet's reconcile is a no-op, so the settle holds
 * the scheduler's work and the other controllers' reactions only.
 */
async function run(options: Options): Promise<Run> {
  // Throughput, as scheduler_perf measures it: the clients' rate limits lifted.
  const sim = new Simulation({
    seed: 1,
    topology: topology(options.nodes),
    clientLimits: { 'kube-controller-manager': 'unlimited', 'kube-scheduler': 'unlimited' },
  })
  if (!options.kubelet) controller(sim, 'kubelet').reconcile = () => {}
  const scheduler = controller(sim, 'default-scheduler')
  const algorithm = timeCalls(
    (scheduler as unknown as { algorithm: { schedule: () => unknown } }).algorithm,
    'schedule',
  )
  const reconciles = timeCalls(scheduler, 'reconcile')
  for (let i = 0; i < options.objects; i++) sim.store.create(options.make(i))
  const cpu = process.cpuUsage()
  const { ms } = await measure(() => sim.settle())
  const used = process.cpuUsage(cpu)
  return {
    algorithmMs: algorithm.ms,
    schedulerMs: reconciles.ms,
    settleMs: ms,
    settleCpuMs: (used.user + used.system) / 1000,
    bound: sim.store.list<Pod>('Pod').filter((p) => p.spec.nodeName).length,
  }
}

interface Options {
  nodes: number
  /** What is created, for the label: `20000 pods`, `500 Deployments × 20 replicas`. */
  what: string
  objects: number
  kubelet: boolean
  make: (i: number) => KubeObject
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
}

/** Median of three runs of each figure, in pods per second. */
async function schedulePods(label: string, options: Options): Promise<string[]> {
  const runs: Run[] = []
  for (let i = 0; i < 3; i++) runs.push(await run(options))
  const bound = runs[0]!.bound
  const rate = (pick: (r: Run) => number) => Math.round(bound / (median(runs.map(pick)) / 1000))
  const settle = options.kubelet ? 'settle with the kubelet' : 'settle, kubelet excluded'
  return [
    row(`${label}: ${options.what} on ${options.nodes} nodes (${bound} bound)`, ''),
    row('    scheduling algorithm', `${rate((r) => r.algorithmMs)} pods/s`),
    row(
      '    scheduler reconcile (algorithm + binding writes)',
      `${rate((r) => r.schedulerMs)} pods/s`,
    ),
    row(
      `    whole ${settle}`,
      `${rate((r) => r.settleMs)} pods/s wall, ${rate((r) => r.settleCpuMs)} pods/s cpu`,
    ),
  ]
}

export async function schedulerBench(): Promise<string[]> {
  const nodes = 5000
  const spread = {
    topologySpreadConstraints: [
      {
        maxSkew: 1,
        topologyKey: 'topology.kubernetes.io/zone',
        whenUnsatisfiable: 'DoNotSchedule' as const,
        labelSelector: { matchLabels: { app: 'spread' } },
      },
    ],
  }
  const antiAffinity = {
    affinity: {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          {
            topologyKey: 'kubernetes.io/hostname',
            labelSelector: { matchLabels: { app: 'anti' } },
          },
        ],
      },
    },
  }
  return [
    'Scheduler: objects created at once, then one settle(); medians of 3 runs',
    ...(await schedulePods('plain pods', {
      nodes,
      what: '20000 pods',
      objects: 20_000,
      kubelet: false,
      make: (i) => barePod(`plain-${i}`),
    })),
    // Owned by a ReplicaSet: the system default spreading (hostname and zone) scores every pod.
    ...(await schedulePods('ReplicaSet pods, default spreading', {
      nodes,
      what: '500 Deployments × 20 replicas',
      objects: 500,
      kubelet: false,
      make: (i) => deployment(`web-${i}`, 20),
    })),
    ...(await schedulePods('zone spread, maxSkew 1', {
      nodes,
      what: '5000 pods',
      objects: 5_000,
      kubelet: false,
      make: (i) => barePod(`spread-${i}`, spread, { app: 'spread' }),
    })),
    ...(await schedulePods('hostname anti-affinity', {
      nodes,
      what: '2000 pods',
      objects: 2_000,
      kubelet: false,
      make: (i) => barePod(`anti-${i}`, antiAffinity, { app: 'anti' }),
    })),
    ...(await schedulePods('plain pods', {
      nodes,
      what: '5000 pods',
      objects: 5_000,
      kubelet: true,
      make: (i) => barePod(`plain-${i}`),
    })),
  ]
}
