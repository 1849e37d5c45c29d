import { Simulation } from '../../src-main/sim/simulation'
import type { Topology } from '../../src-main/sim/topology'
import type { Deployment } from '../../src-main/sim/api/apps'
import { deployment } from '../helpers/manifests'
import { withImage } from '../helpers/sim'
import { humanDuration } from '../../src-main/sim/views/age'
import { measure, row } from './measure'

function topology(workers: number): Topology {
  return {
    nodes: [
      { name: 'control-plane', role: 'control-plane', cpu: '4', memory: '8Gi' },
      ...Array.from({ length: workers }, (_, i) => ({
        name: `worker-${i + 1}`,
        role: 'worker' as const,
        cpu: '32',
        memory: '128Gi',
      })),
    ],
  }
}

/** Whether a Deployment reports all its replicas updated and available. */
function isAvailable(d: Deployment): boolean {
  const s = d.status
  const want = d.spec.replicas ?? 1
  return (
    (s?.observedGeneration ?? 0) >= (d.metadata.generation ?? 0) &&
    s?.updatedReplicas === want &&
    s.availableReplicas === want &&
    s.replicas === want
  )
}

/**
 * True once every Deployment is available, kept from the watch: the run asks
 * after every step (some 100,000 in a two-hour fill), and a walk over 5,000
 * Deployments each time would measure the question, not the cluster.
 */
function whenAllAvailable(sim: Simulation): () => boolean {
  const waiting = new Set<string>()
  const track = (d: Deployment): void => {
    const key = `${d.metadata.namespace}/${d.metadata.name}`
    if (isAvailable(d)) waiting.delete(key)
    else waiting.add(key)
  }
  for (const d of sim.store.list<Deployment>('Deployment')) track(d)
  sim.store.watch(
    ({ type, object }) => {
      if (type === 'DELETED') waiting.delete(`${object.metadata.namespace}/${object.metadata.name}`)
      else track(object as Deployment)
    },
    ['Deployment'],
  )
  return () => waiting.size === 0
}

/** Empty cluster to every pod Running and ready, then an idle hour. */
async function fillCluster(
  nodes: number,
  deployments: number,
  replicas: number,
  limits: 'default limits' | 'limits lifted' = 'default limits',
): Promise<string[]> {
  const sim = new Simulation({
    seed: 1,
    topology: topology(nodes),
    // As scale tests raise `--kube-api-qps`, so that the cluster, not the clients, is measured.
    clientLimits:
      limits === 'limits lifted'
        ? { 'kube-controller-manager': 'unlimited', 'kube-scheduler': 'unlimited' }
        : undefined,
  })
  const pods = deployments * replicas
  const startVirtual = sim.nowMs()
  const { ms, value: done } = await measure(() => {
    const allAvailable = whenAllAvailable(sim)
    for (let i = 0; i < deployments; i++) sim.store.create(deployment(`app-${i}`, { replicas }))
    sim.settle()
    // The ReplicaSet controller creates pods at its client's 20 a second: 150,000 take two hours.
    return sim.runUntilTrue(allAvailable, 6 * 3_600_000)
  })
  const virtual = humanDuration(sim.nowMs() - startVirtual)
  // Nothing changes once it has settled: an idle hour should cost next to nothing.
  const idle = await measure(() => sim.runFor(3_600_000))
  return [
    row(
      `${pods} pods (${deployments} Deployments) on ${nodes} nodes, ${limits}, empty → Running`,
      `${done ? '' : 'NOT DONE: '}${(ms / 1000).toFixed(2)} s wall (${virtual} virtual), ${Math.round(pods / (ms / 1000))} pods/s, ${heapMiB()} MiB live heap`,
    ),
    row(`  then an idle hour of virtual time`, `${idle.ms.toFixed(0)} ms wall`),
  ]
}

/** The heap still in use after a full collection, when the bench runs with `--expose-gc`. */
function heapMiB(): number {
  ;(globalThis as { gc?: () => void }).gc?.()
  return Math.round(process.memoryUsage().heapUsed / 2 ** 20)
}

/** An HTTP readiness probe as most production Deployments have one (the defaults: every 10 s). */
function withReadinessProbe(d: Deployment): Deployment {
  const [container] = d.spec.template.spec.containers
  return {
    ...d,
    spec: {
      ...d.spec,
      template: {
        ...d.spec.template,
        spec: {
          ...d.spec.template.spec,
          containers: [{ ...container!, readinessProbe: { httpGet: { path: '/', port: 80 } } }],
        },
      },
    },
  }
}

/** One rolling update of a large Deployment, from all available to all updated and available. */
async function rolloutOnce(
  replicas: number,
  probe: boolean,
): Promise<{ virtualMs: number; wallMs: number }> {
  const sim = new Simulation({ seed: 1, topology: topology(Math.ceil(replicas / 50)) })
  const d = deployment('big', { replicas })
  const allAvailable = whenAllAvailable(sim)
  sim.store.create(probe ? withReadinessProbe(d) : d)
  sim.settle()
  sim.runUntilTrue(allAvailable, 3_600_000)
  const live = sim.store.get<typeof d>('Deployment', 'default', 'big')!
  const startVirtual = sim.nowMs()
  const { ms } = await measure(() => {
    sim.store.update(withImage(live, 'nginx:1.28'))
    sim.settle()
    return sim.runUntilTrue(allAvailable, 3_600_000)
  })
  return { virtualMs: sim.nowMs() - startVirtual, wallMs: ms }
}

/**
 * Rolling updates of one large Deployment, virtual time per wall time: the
 * first in this process, and the median of the next four. The first pays for
 * compiling what only a rollout runs; a cluster that has been running for a
 * while (the app's) runs the next ones at the second speed.
 */
async function rollingUpdate(replicas: number, probe: boolean, runs = 5): Promise<string[]> {
  const results = []
  for (let i = 0; i < runs; i++) results.push(await rolloutOnce(replicas, probe))
  const speed = (r: { virtualMs: number; wallMs: number }) =>
    `${(r.virtualMs / 1000).toFixed(0)} s virtual in ${(r.wallMs / 1000).toFixed(2)} s wall: ${Math.round(r.virtualMs / r.wallMs)}× real time`
  const warm = results.slice(1).sort((x, y) => x.virtualMs / x.wallMs - y.virtualMs / y.wallMs)
  const label = `rolling update of a ${replicas}-replica Deployment${probe ? ', readiness probe' : ''}`
  return [
    row(label, `first ${speed(results[0]!)}`),
    ...(warm.length > 0
      ? [row('', `median of the next ${warm.length}: ${speed(warm[Math.floor(warm.length / 2)]!)}`)]
      : []),
  ]
}

/** The small fill and the rolling updates. */
export async function simulationBench(): Promise<string[]> {
  return [
    'Simulated cluster',
    ...(await fillCluster(200, 500, 20)),
    ...(await rollingUpdate(100, false, 1)),
    ...(await rollingUpdate(1000, false)),
    ...(await rollingUpdate(1000, true)),
  ]
}

// `BENCH_QUICK=1` leaves out the 150,000-pod fills (minutes, and most of the memory).
const full = process.env.BENCH_QUICK !== '1'

/** 150,000 pods with the clients' default rate limits: two hours of cluster time. */
export async function largeFillBench(): Promise<string[]> {
  return full ? fillCluster(5000, 5000, 30) : []
}

/** The same with the limits lifted, as scale tests run. */
export async function largeFillLiftedBench(): Promise<string[]> {
  return full ? fillCluster(5000, 5000, 30, 'limits lifted') : []
}
