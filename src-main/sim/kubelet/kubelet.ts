import type { Container, Node, Pod } from '../api/core'
import type { KubeObject } from '../api/meta'
import type { Registry } from '../images/registry'
import type { Controller } from '../runtime/controller'
import type { ControllerContext } from '../runtime/context'
import type { WorkQueue } from '../runtime/work-queue'
import { namespacedName, splitNamespacedName } from '../store/keys'
import { Backoff } from './backoff'
import { NodeAgent } from './node-agent'
import { buildPodStatus, goDuration } from './pod-status'
import { runProbe } from './probe'
import type { ContainerRuntime, PodRuntime } from './runtime-state'
import { defaultTimings, type Delay, type KubeletTimings } from './stages'

/**
 * The kubelets of every node, with their container runtimes. Timers move the
 * runtime state of a pod (sandbox ready, image pulled, container started, probe
 * passed) and enqueue its key; `reconcile` writes the status that state implies,
 * so every status write goes through one place.
 */
export class Kubelet implements Controller {
  readonly name = 'kubelet'
  readonly queue: WorkQueue
  private readonly pods = new Map<string, PodRuntime>()
  private readonly agents = new Map<string, NodeAgent>()

  constructor(
    private readonly ctx: ControllerContext,
    private readonly registry: Registry,
    private readonly timings: KubeletTimings = defaultTimings,
  ) {
    this.queue = ctx.newQueue(this.name)
    ctx.store.watch(
      ({ type, object, old }) => {
        if (object.kind === 'Node') {
          if (type === 'DELETED') this.agents.delete(object.metadata.name)
          return
        }
        // Status writes (the kubelet's own, mostly) change nothing it acts on; its timers enqueue what they change.
        const statusOnly =
          old !== undefined &&
          old.spec === object.spec &&
          old.metadata.deletionTimestamp === object.metadata.deletionTimestamp
        if (!statusOnly && ((object as Pod).spec.nodeName || type === 'DELETED'))
          this.queue.add(namespacedName(object))
      },
      ['Pod', 'Node'],
    )
  }

  reconcile(key: string): void {
    const { namespace, name } = splitNamespacedName(key)
    const pod = this.ctx.store.get<Pod>('Pod', namespace, name)
    let rt = this.pods.get(key)
    if (rt && (!pod || pod.metadata.uid !== rt.uid)) {
      this.forget(rt)
      rt = undefined
    }
    if (!pod?.spec.nodeName) return
    const agent = this.agent(pod.spec.nodeName)
    if (!agent) return
    if (!rt) {
      if (pod.metadata.deletionTimestamp) return this.ctx.store.remove(pod)
      rt = this.admit(pod, agent)
    }
    if (pod.metadata.deletionTimestamp && !rt.killing) this.kill(pod, rt)
    // The store writes nothing when the status is unchanged.
    this.ctx.store.updateStatus<Pod>({
      ...pod,
      metadata: { ...pod.metadata, resourceVersion: undefined },
      status: buildPodStatus(pod, rt, agent.hostIP, this.ctx.clock.nowMs()),
    })
  }

  private agent(nodeName: string): NodeAgent | undefined {
    let agent = this.agents.get(nodeName)
    if (!agent) {
      const node = this.ctx.store.get<Node>('Node', undefined, nodeName)
      if (!node) return undefined
      agent = NodeAgent.fromNode(node)
      this.agents.set(nodeName, agent)
    }
    return agent
  }

  private delay(d: Delay): number {
    return Math.max(0, Math.round(this.ctx.prng.jitter(d.baseMs, d.jitterMs)))
  }

  private later(rt: PodRuntime, delayMs: number, label: string, fn: () => void): void {
    const now = this.ctx.clock.nowMs()
    rt.timers = rt.timers.filter((t) => t.atMs > now)
    rt.timers.push(
      this.ctx.clock.after(delayMs, `kubelet:${label}:${rt.key}`, () => {
        if (this.pods.get(rt.key) !== rt) return
        fn()
        this.queue.add(rt.key)
      }),
    )
  }

  private event(rt: PodRuntime, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const { namespace, name } = splitNamespacedName(rt.key)
    const pod = this.ctx.store.get<KubeObject>('Pod', namespace, name)
    if (pod)
      this.ctx.recorder.record(pod, type, reason, message, {
        component: 'kubelet',
        host: rt.nodeName,
      })
  }

  private admit(pod: Pod, agent: NodeAgent): PodRuntime {
    const rt: PodRuntime = {
      key: namespacedName(pod),
      uid: pod.metadata.uid!,
      nodeName: agent.name,
      startTimeMs: this.ctx.clock.nowMs(),
      sandboxReady: false,
      containers: pod.spec.containers.map((c) => ({
        name: c.name,
        image: c.image,
        phase: 'waiting',
        waitingReason: 'ContainerCreating',
        ready: false,
        restartCount: 0,
      })),
      killing: false,
      timers: [],
    }
    this.pods.set(rt.key, rt)
    this.later(rt, this.delay(this.timings.sandbox), 'sandbox', () => {
      rt.sandboxReady = true
      rt.podIP = agent.allocateIP()
      const spec = this.spec(rt)
      rt.containers.forEach((c, i) => this.pull(rt, c, spec?.containers[i]))
    })
    return rt
  }

  private spec(rt: PodRuntime): Pod['spec'] | undefined {
    const { namespace, name } = splitNamespacedName(rt.key)
    return this.ctx.store.get<Pod>('Pod', namespace, name)?.spec
  }

  private pull(rt: PodRuntime, c: ContainerRuntime, container: Container | undefined): void {
    if (!container) return
    const agent = this.agents.get(rt.nodeName)!
    const policy = container.imagePullPolicy ?? 'IfNotPresent'
    const result = this.registry.resolve(c.image)
    if (!result.ok && result.reason === 'InvalidImageName') {
      c.waitingReason = 'InvalidImageName'
      c.waitingMessage = result.message
      this.event(rt, 'Warning', 'InspectFailed', result.message)
      this.event(rt, 'Warning', 'Failed', 'Error: InvalidImageName')
      return
    }
    if (policy !== 'Always' && agent.images.has(c.image)) {
      this.event(rt, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`)
      if (result.ok) c.imageId = result.imageId
      c.behaviour = result.ok ? result.behaviour : c.behaviour
      this.later(rt, this.delay(this.timings.containerStart), 'start', () =>
        this.start(rt, c, container),
      )
      return
    }
    if (policy === 'Never') {
      c.waitingReason = 'ErrImageNeverPull'
      c.waitingMessage = `Container image "${c.image}" is not present with pull policy of Never`
      this.event(rt, 'Warning', 'ErrImageNeverPull', c.waitingMessage)
      return
    }
    c.phase = 'pulling'
    this.event(rt, 'Normal', 'Pulling', `Pulling image "${c.image}"`)
    const lookupMs = this.delay(this.timings.registryLookup)
    if (!result.ok) {
      this.later(rt, lookupMs, 'pull-failed', () =>
        this.pullFailed(rt, c, container, result.message),
      )
      return
    }
    const pullMs = lookupMs + Math.round(result.sizeBytes / this.timings.pullBytesPerMs)
    this.later(rt, pullMs, 'pulled', () => {
      const took = goDuration(pullMs)
      this.event(
        rt,
        'Normal',
        'Pulled',
        `Successfully pulled image "${c.image}" in ${took} (${took} including waiting). Image size: ${result.sizeBytes} bytes.`,
      )
      agent.images.add(c.image)
      c.imageId = result.imageId
      c.behaviour = result.behaviour
      c.pullBackoff = undefined
      this.later(rt, this.delay(this.timings.containerStart), 'start', () =>
        this.start(rt, c, container),
      )
    })
  }

  /** `ErrImagePull` now, `ImagePullBackOff` at the next sync, and another try when the back-off expires. */
  private pullFailed(
    rt: PodRuntime,
    c: ContainerRuntime,
    container: Container,
    message: string,
  ): void {
    const now = this.ctx.clock.nowMs()
    c.phase = 'waiting'
    c.waitingReason = 'ErrImagePull'
    c.waitingMessage = message
    this.event(rt, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${message}`)
    this.event(rt, 'Warning', 'Failed', 'Error: ErrImagePull')
    c.pullBackoff ??= new Backoff()
    const backoffMs = c.pullBackoff.next(now)
    const reportMs = Math.min(this.delay(this.timings.backOffReport), backoffMs)
    this.later(rt, reportMs, 'backoff', () => {
      c.waitingReason = 'ImagePullBackOff'
      c.waitingMessage = `Back-off pulling image "${c.image}": ErrImagePull: ${message}`
      this.event(rt, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`)
      this.event(rt, 'Warning', 'Failed', 'Error: ImagePullBackOff')
    })
    this.later(rt, backoffMs, 'pull-retry', () => this.pull(rt, c, container))
  }

  private start(rt: PodRuntime, c: ContainerRuntime, container: Container): void {
    const now = this.ctx.clock.nowMs()
    c.containerId = `containerd://${this.ctx.prng.string('0123456789abcdef', 64)}`
    this.event(rt, 'Normal', 'Created', `Created container: ${c.name}`)
    this.event(rt, 'Normal', 'Started', `Started container ${c.name}`)
    c.phase = 'running'
    c.startedAtMs = now
    c.waitingMessage = undefined
    const probe = container.readinessProbe
    if (!probe) {
      c.ready = true
      return
    }
    const firstMs = Math.max(
      (probe.initialDelaySeconds ?? 0) * 1000,
      this.delay(this.timings.probeTrigger),
    )
    this.later(rt, firstMs, 'readiness', () => this.probeReadiness(rt, c, container, 0, 0))
  }

  private probeReadiness(
    rt: PodRuntime,
    c: ContainerRuntime,
    container: Container,
    successes: number,
    failures: number,
  ): void {
    if (c.phase !== 'running' || rt.killing) return
    const probe = container.readinessProbe!
    const now = this.ctx.clock.nowMs()
    const upSince =
      c.startedAtMs === undefined ? undefined : c.startedAtMs + (c.behaviour?.startupMs ?? 0)
    const outcome = runProbe(probe, container, c.behaviour, rt.podIP ?? '', upSince, now)
    if (outcome.ok) {
      successes += 1
      failures = 0
      if (successes >= (probe.successThreshold ?? 1)) c.ready = true
    } else {
      failures += 1
      successes = 0
      this.event(rt, 'Warning', 'Unhealthy', `Readiness probe failed: ${outcome.output}`)
      if (failures >= (probe.failureThreshold ?? 3)) c.ready = false
    }
    const periodMs = (probe.periodSeconds ?? 10) * 1000
    this.later(rt, periodMs, 'readiness', () =>
      this.probeReadiness(rt, c, container, successes, failures),
    )
  }

  /** Graceful termination: `Killing` events, then the containers stop within the grace period and the pod goes. */
  private kill(pod: Pod, rt: PodRuntime): void {
    rt.killing = true
    for (const t of rt.timers) t.cancel()
    rt.timers = []
    let stopMs = 0
    for (const c of rt.containers) {
      if (c.phase !== 'running') continue
      this.event(rt, 'Normal', 'Killing', `Stopping container ${c.name}`)
      stopMs = Math.max(stopMs, c.behaviour?.stopMs ?? 0)
    }
    const graceMs =
      (pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30) *
      1000
    const doneMs = Math.min(stopMs, graceMs) + this.delay(this.timings.statusSync)
    this.ctx.clock.after(doneMs, `kubelet:terminated:${rt.key}`, () => {
      if (this.pods.get(rt.key) !== rt) return
      const current = this.ctx.store.get<Pod>('Pod', pod.metadata.namespace, pod.metadata.name)
      this.forget(rt)
      if (current?.metadata.uid === rt.uid) this.ctx.store.remove(current)
    })
  }

  private forget(rt: PodRuntime): void {
    for (const t of rt.timers) t.cancel()
    this.pods.delete(rt.key)
    this.agents.get(rt.nodeName)?.releaseIP(rt.podIP)
  }
}
