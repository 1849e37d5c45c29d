import { parseAllDocuments } from 'yaml'
import { beforeAll, describe, it } from 'vitest'
import type { Deployment, ReplicaSet } from '../../../src-main/sim/api/apps'
import type { KubeObject } from '../../../src-main/sim/api/meta'
import { readScenario } from '../../../src-main/host/course'
import type { Simulation } from '../../../src-main/sim/simulation'
import { deploymentRolloutHistory } from '../../../src-main/sim/views/rollout/history'
import { deploymentRolloutStatus } from '../../../src-main/sim/views/rollout/status'
import { deployment, pod } from '../../helpers/manifests'
import { apply, deploymentNamed, newSim, withImage } from '../../helpers/sim'
import { scenarioDir } from '../../helpers/paths'
import { expectGolden } from './golden'
import { transcript } from './transcript'

/**
 * What kubectl would print at moments of real scenarios run in the simulation,
 * compared byte for byte with golden transcripts (UPDATE_GOLDEN=1 rewrites them).
 */
const show = (sim: Simulation, ...commands: string[]): string =>
  transcript(sim.store, sim.nowMs(), ...commands)

function manifestsOf(files: Record<string, string>): KubeObject[] {
  return Object.entries(files)
    .filter(([file]) => file.endsWith('.yaml'))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .flatMap(([, text]) => parseAllDocuments(text).map((d) => d.toJS() as KubeObject))
    .map((o) => ({
      ...o,
      metadata: { ...o.metadata, namespace: o.metadata.namespace ?? 'default' },
    }))
}

/** The ReplicaSets a Deployment owns, oldest first. */
function replicaSetsOf(sim: Simulation, d: Deployment): ReplicaSet[] {
  return sim.store.dependents<ReplicaSet>(d.metadata.uid!, 'ReplicaSet')
}

/** Like `kubectl rollout status -w`: a line at the start and each time the Deployment changes, until done or failed. */
function watchRolloutStatus(sim: Simulation, name: string, maxMs: number): string {
  const out: string[] = []
  let finished = false
  const look = (d: Deployment): void => {
    if (finished) return
    const status = deploymentRolloutStatus(d)
    if ('error' in status) {
      out.push(`error: ${status.error}\n`)
      finished = true
    } else {
      out.push(status.message)
      finished = status.done
    }
  }
  const stop = sim.store.watch(
    (e) => {
      if (e.type !== 'DELETED' && e.object.metadata.name === name) look(e.object as Deployment)
    },
    ['Deployment'],
  )
  look(deploymentNamed(sim, name))
  sim.runUntilTrue(() => finished, maxMs)
  stop()
  return `$ kubectl rollout status deployment/${name}\n${out.join('')}`
}

const settled = (sim: Simulation, name: string): boolean => {
  const s = deploymentRolloutStatus(deploymentNamed(sim, name))
  return 'done' in s && s.done
}

describe('the first-deployment lab, as kubectl shows it', () => {
  let steps: KubeObject[][]
  beforeAll(async () => {
    steps = (await readScenario(scenarioDir('first-deployment'))).map((s) => manifestsOf(s.files))
  })

  it('shows each step of the lab', () => {
    const sim = newSim()
    const step = (i: number): void => steps[i]!.forEach((o) => apply(sim, o))

    step(0)
    sim.runFor(90_000)
    const first = show(
      sim,
      'get all',
      'get endpoints',
      'describe deployment web',
      'describe service web',
    )
    const firstPod = sim.store.list('Pod', { namespace: 'default' })[0]!.metadata.name
    expectGolden(
      'first-deployment-1-deploy',
      `${first}\n${show(sim, `describe pod ${firstPod}`, 'get pods -o wide', 'get deploy,rs -o wide --show-labels')}`,
    )

    step(1)
    sim.runUntilTrue(() => settled(sim, 'web'), 600_000)
    sim.runFor(30_000)
    expectGolden(
      'first-deployment-2-scale',
      show(sim, 'get pods -o wide', 'get nodes', 'describe node drydock-worker'),
    )

    step(2)
    sim.runFor(4_000)
    const midRollout = show(sim, 'get pods', 'get rs', 'get deploy')
    const status = watchRolloutStatus(sim, 'web', 600_000)
    expectGolden('first-deployment-3-rolling-update', `${midRollout}\n${status}`)

    step(3)
    sim.runFor(11 * 60_000)
    const badRS = replicaSetsOf(sim, deploymentNamed(sim, 'web')).find(
      (rs) => rs.spec.template.spec.containers[0]!.image === 'nginx:1.290',
    )!
    const badPod = sim.store.dependents(badRS.metadata.uid!, 'Pod')[0]!
    expectGolden(
      'first-deployment-4-bad-tag',
      `${show(sim, 'get pods', 'describe deployment web', `describe pod ${badPod.metadata.name}`, 'get events')}\n${watchRolloutStatus(sim, 'web', 1_000)}`,
    )

    step(4)
    sim.runUntilTrue(() => settled(sim, 'web'), 600_000)
    expectGolden(
      'first-deployment-5-fix',
      `${show(sim, 'get pods', 'get rs')}\n$ kubectl rollout history deployment/web\n${deploymentRolloutHistory(sim.store, deploymentNamed(sim, 'web'))}`,
    )
  })
})

describe('a Deployment of 3 in the middle of a rolling update', () => {
  it('shows old and new pods side by side, and the rollout status lines as it goes', () => {
    const sim = newSim(7)
    apply(sim, deployment('api', { replicas: 3, image: 'nginx:1.27' }))
    sim.runUntilTrue(() => settled(sim, 'api'), 600_000)
    sim.runFor(60_000)
    apply(sim, withImage(deploymentNamed(sim, 'api'), 'nginx:1.28'))
    sim.runFor(2_500)
    const mid = show(sim, 'get pods', 'get rs', 'get deploy', 'describe deployment api')
    const status = watchRolloutStatus(sim, 'api', 600_000)
    const history = deploymentRolloutHistory(sim.store, deploymentNamed(sim, 'api'))
    expectGolden(
      'deployment-mid-rollout',
      `${mid}\n${status}\n$ kubectl rollout history deployment/api\n${history}`,
    )
  })
})

describe('a pod in CrashLoopBackOff', () => {
  it('shows its restarts, its last state and the back-off events', () => {
    const sim = newSim()
    apply(sim, pod('crash', { image: 'busybox:1.36', command: ['sh', '-c', 'echo boom; exit 1'] }))
    sim.runFor(200_000)
    expectGolden('pod-crash-loop', show(sim, 'get pods', 'get pods -o wide', 'describe pod crash'))
  })
})

describe('a pod no node can take', () => {
  it('stays Pending with the scheduler’s reasons', () => {
    const sim = newSim()
    apply(
      sim,
      pod('huge', { image: 'nginx:1.27', resources: { requests: { cpu: '64', memory: '1Gi' } } }),
    )
    sim.runFor(30_000)
    expectGolden(
      'pod-unschedulable',
      show(sim, 'get pods -o wide', 'describe pod huge', 'get events'),
    )
  })
})

describe('the nodes of the simulated cluster', () => {
  it('lists them, wide, and describes the control plane', () => {
    const sim = newSim()
    sim.runFor(60_000)
    expectGolden(
      'nodes',
      show(
        sim,
        'get nodes',
        'get nodes -o wide',
        'get nodes --show-labels',
        'describe node drydock-control-plane',
        'get ns',
      ),
    )
  })
})
