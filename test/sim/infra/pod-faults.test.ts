import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../src-main/sim/api/core'
import { FaultError, applyFault, parseFault } from '../../../src-main/sim/infra/faults'
import type { Simulation } from '../../../src-main/sim/simulation'
import { summarisePod } from '../../../src-main/sim/views/pod-status'
import { deployment, pod } from '../../helpers/manifests'
import { activePods, apply, newSim, readyCount } from '../../helpers/sim'
import { fault } from './helpers'

function withWeb(replicas = 1): Simulation {
  const sim = newSim()
  apply(sim, deployment('web', { replicas }))
  sim.runUntilTrue(() => readyCount(sim, 'web') === replicas, 120_000)
  return sim
}

const live = (sim: Simulation, name: string, namespace = 'default') =>
  sim.store.get<Pod>('Pod', namespace, name)!
const status = (sim: Simulation, p: Pod) => summarisePod(live(sim, p.metadata.name), sim.nowMs())

describe('killing a container', () => {
  it('leaves exit code 137, reason Error, and the kubelet starts it again', () => {
    const sim = withWeb()
    const [p] = activePods(sim, 'web')
    const name = p!.metadata.name
    expect(fault(sim, `pod/${name}:kill`)).toBe(
      `container app of pod/default/${name} killed (exit code 137)`,
    )
    const killed = live(sim, name).status!.containerStatuses![0]!
    expect(killed.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' })
    expect(killed.ready).toBe(false)
    sim.runUntilTrue(() => readyCount(sim, 'web') === 1, 30_000)
    expect(live(sim, name).status!.containerStatuses![0]!.restartCount).toBe(1)
    // The same pod, the same uid: only the container was replaced.
    expect(live(sim, name).metadata.uid).toBe(p!.metadata.uid)
  })

  it('twice within the back-off window: the second restart waits 10 s in CrashLoopBackOff', () => {
    const sim = withWeb()
    const name = activePods(sim, 'web')[0]!.metadata.name
    fault(sim, `pod/default/${name}:kill`)
    sim.runUntilTrue(() => readyCount(sim, 'web') === 1, 30_000)
    fault(sim, `container/${name}/app:kill`)
    const waiting = live(sim, name).status!.containerStatuses![0]!.state.waiting
    expect(waiting?.reason).toBe('CrashLoopBackOff')
    expect(waiting?.message).toMatch(/^back-off 10s restarting failed container=app pod=web-/)
    expect(status(sim, live(sim, name)).status).toBe('CrashLoopBackOff')
    sim.runFor(9_000)
    expect(readyCount(sim, 'web')).toBe(0)
    sim.runUntilTrue(() => readyCount(sim, 'web') === 1, 30_000)
    expect(live(sim, name).status!.containerStatuses![0]!.restartCount).toBe(2)
  })

  it('of a pod whose restartPolicy is Never: the pod fails and stays failed', () => {
    const sim = newSim()
    apply(sim, pod('once', { image: 'nginx:1.27' }, { restartPolicy: 'Never' }))
    sim.runUntilTrue(() => live(sim, 'once').status?.phase === 'Running', 60_000)
    fault(sim, 'pod/once:kill')
    sim.runFor(60_000)
    expect(live(sim, 'once').status).toMatchObject({ phase: 'Failed' })
    expect(live(sim, 'once').status!.containerStatuses![0]!.state.terminated).toMatchObject({
      exitCode: 137,
      reason: 'Error',
    })
  })

  it('picks a named container, or the annotated default one', () => {
    const sim = newSim()
    const two = pod('two', { image: 'nginx:1.27' })
    two.spec.containers.push({ name: 'side', image: 'nginx:1.27' })
    two.metadata.annotations = { 'kubectl.kubernetes.io/default-container': 'side' }
    apply(sim, two)
    sim.runUntilTrue(() => live(sim, 'two').status?.phase === 'Running', 60_000)
    sim.runFor(5_000)
    expect(fault(sim, 'pod/two:kill')).toBe(
      'container side of pod/default/two killed (exit code 137)',
    )
    expect(fault(sim, 'container/default/two/app:kill')).toBe(
      'container app of pod/default/two killed (exit code 137)',
    )
    expect(() => fault(sim, 'container/two/db:kill')).toThrow(
      new FaultError('container "db" not found in pod/default/two: containers are app, side'),
    )
  })
})

describe('deleting a pod', () => {
  it('is graceful, and its ReplicaSet replaces it at once', () => {
    const sim = withWeb(2)
    const victim = activePods(sim, 'web')[0]!
    expect(fault(sim, `pod/${victim.metadata.name}:delete`)).toBe(
      `pod "${victim.metadata.name}" deleted`,
    )
    expect(live(sim, victim.metadata.name).metadata.deletionTimestamp).toBeDefined()
    expect(status(sim, victim).status).toBe('Terminating')
    expect(activePods(sim, 'web')).toHaveLength(2)
    sim.runUntilTrue(() => readyCount(sim, 'web') === 2, 60_000)
    sim.runFor(35_000)
    expect(sim.store.get('Pod', 'default', victim.metadata.name)).toBeUndefined()
  })
})

describe('a pod fault that names nothing', () => {
  it.each([
    [
      'pod/a/b/c:delete',
      'invalid pod "a/b/c" in "pod/a/b/c:delete": write pod/<name> or pod/<namespace>/<name>',
    ],
    [
      'container/web:kill',
      'invalid container "web" in "container/web:kill": write container/<pod>/<container> or container/<namespace>/<pod>/<container>',
    ],
    ['pod/web:restart', 'unknown fault "restart" for a pod: faults are delete, kill'],
  ])('%s is refused as it is parsed', (spec, message) => {
    expect(() => parseFault(spec)).toThrow(new FaultError(message))
  })

  it('a pod not found lists the pods there are', () => {
    const sim = newSim()
    apply(sim, pod('lonely', { image: 'nginx:1.27' }))
    expect(() => applyFault(sim, parseFault('pod/nope:delete'))).toThrow(
      new FaultError('pod "nope" not found: pods are default/lonely'),
    )
    expect(() => applyFault(sim, parseFault('pod/kube-system/lonely:delete'))).toThrow(
      new FaultError('pod "lonely" not found in namespace "kube-system": there are no pods there'),
    )
  })

  it('a name in two namespaces asks for the namespace', () => {
    const sim = newSim()
    apply(sim, pod('twin', { image: 'nginx:1.27' }))
    const other = pod('twin', { image: 'nginx:1.27' })
    other.metadata.namespace = 'kube-public'
    apply(sim, other)
    expect(() => applyFault(sim, parseFault('pod/twin:delete'))).toThrow(
      new FaultError(
        'pod "twin" is in more than one namespace (default, kube-public): write pod/<namespace>/twin',
      ),
    )
    expect(applyFault(sim, parseFault('pod/kube-public/twin:delete'))).toBe('pod "twin" deleted')
  })

  it('a container that is not running cannot be killed', () => {
    const sim = newSim()
    apply(sim, pod('broken', { image: 'nginx:no-such-tag' }))
    sim.runFor(30_000)
    expect(() => applyFault(sim, parseFault('pod/broken:kill'))).toThrow(
      /^cannot kill container app of pod\/default\/broken: it is not running \(waiting: (ErrImagePull|ImagePullBackOff)\)$/,
    )
  })
})
