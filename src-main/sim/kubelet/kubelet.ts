import type { Node, Pod, PodStatus } from '../api/core'
import type { KubeObject } from '../api/meta'
import type { Registry } from '../images/registry'
import type { ContainerMetrics, MetricsSource } from '../runtime/metrics'
import type { Controller } from '../runtime/controller'
import type { ControllerContext } from '../runtime/context'
import type { WorkQueue } from '../runtime/work-queue'
import { namespacedName, splitNamespacedName } from '../store/keys'
import { missingVolume } from './config-env'
import { ContainerRunner } from './containers'
import type { KubeletHost } from './host'
import { runForLogs, runLogs, type LogLine } from './logs'
import { NodeAgent } from './node-agent'
import { memoryAt } from './process'
import { toRfc3339 } from '../kernel/time'
import { buildPodStatus, podPhase } from './pod-status'
import { allContainers, newContainer, type PodRuntime } from './runtime-state'
import { defaultTimings, type Delay, type KubeletTimings } from './stages'

/**
 * The kubelets of every node, with their container runtimes. Timers move the
 * runtime state of a pod (sandbox ready, image pulled, container started or
 * exited, probe answered) and enqueue its key; `reconcile` then syncs the pod (what
 * should start next) and writes the status that state implies, so every status
 * write goes through one place.
 */
export class Kubelet implements Controller, KubeletHost, MetricsSource {
  readonly name = 'kubelet'
  readonly queue: WorkQueue
  private readonly pods = new Map<string, PodRuntime>()
  /** The same pods by node, so a node's usage costs what runs there. */
  private readonly podsByNode = new Map<string, Set<PodRuntime>>()
  private readonly agents = new Map<string, NodeAgent>()
  /** Pods waiting for a ConfigMap or Secret, by namespace. */
  private readonly waitingOnConfig = new Map<string, Set<string>>()
  private readonly runner: ContainerRunner

  constructor(
    readonly ctx: ControllerContext,
    readonly registry: Registry,
    readonly timings: KubeletTimings = defaultTimings,
    /** The share of CPU the machines under a node take from it (`infra/steal.ts`); none without machines. */
    private readonly stealOf: (nodeName: string) => number = () => 0,
  ) {
    this.queue = ctx.newQueue(this.name)
    this.runner = new ContainerRunner(this)
    ctx.store.watch(
      ({ type, object, old }) => {
        if (object.kind === 'Node') {
          if (type === 'DELETED') this.agents.delete(object.metadata.name)
          return
        }
        if (object.kind === 'ConfigMap' || object.kind === 'Secret')
          return this.configChanged(object)
        // Status writes (the kubelet's own, mostly) change nothing it acts on; its timers enqueue what they change.
        const statusOnly =
          old !== undefined &&
          old.spec === object.spec &&
          old.metadata.deletionTimestamp === object.metadata.deletionTimestamp
        if (!statusOnly && ((object as Pod).spec.nodeName || type === 'DELETED'))
          this.queue.add(namespacedName(object))
      },
      ['Pod', 'Node', 'ConfigMap', 'Secret'],
    )
  }

  // --- KubeletHost -------------------------------------------------------------

  delay(d: Delay): number {
    return Math.max(0, Math.round(this.ctx.prng.jitter(d.baseMs, d.jitterMs)))
  }

  later(rt: PodRuntime, delayMs: number, label: string, fn: () => void): void {
    const handle = this.ctx.clock.after(delayMs, label, () => {
      // A fired timer is let go at once: a settled pod holds none.
      const i = rt.timers.indexOf(handle)
      if (i >= 0) rt.timers.splice(i, 1)
      if (this.pods.get(rt.key) !== rt) return
      fn()
      this.queue.add(rt.key)
    })
    rt.timers.push(handle)
  }

  event(
    rt: PodRuntime,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    pod = this.pod(rt),
  ): void {
    if (pod && !this.silent.has(rt.nodeName))
      this.ctx.recorder.record(pod, type, reason, message, {
        component: 'kubelet',
        host: rt.nodeName,
      })
  }

  pod(rt: PodRuntime): Pod | undefined {
    const pod = this.ctx.store.get<Pod>('Pod', rt.namespace, rt.name)
    return pod?.metadata.uid === rt.uid ? pod : undefined
  }

  agent(rt: PodRuntime): NodeAgent | undefined {
    return this.agentFor(rt.nodeName)
  }

  cpuSteal(nodeName: string): number {
    return this.stealOf(nodeName)
  }

  // --- the controller ----------------------------------------------------------

  reconcile(key: string): void {
    let rt = this.pods.get(key)
    const { namespace, name } = rt ?? splitNamespacedName(key)
    const pod = this.ctx.store.get<Pod>('Pod', namespace, name)
    if (rt && (!pod || pod.metadata.uid !== rt.uid)) {
      this.forget(rt)
      rt = undefined
    }
    if (!pod?.spec.nodeName) return
    if (this.silent.has(pod.spec.nodeName)) return
    const agent = this.agentFor(pod.spec.nodeName)
    if (!agent) return
    if (!rt) {
      if (pod.metadata.deletionTimestamp) return this.ctx.store.remove(pod)
      rt = this.admit(pod, agent)
    }
    if (pod.metadata.deletionTimestamp && this.mayKill(rt)) this.kill(pod, rt)
    this.syncPod(rt, pod)
    // The store writes nothing when the status is unchanged.
    this.ctx.store.writeStatus<Pod>(
      pod,
      this.withEviction(rt, buildPodStatus(pod, rt, agent.hostIP, this.ctx.clock.nowMs())),
    )
  }

  private agentFor(nodeName: string): NodeAgent | undefined {
    let agent = this.agents.get(nodeName)
    if (!agent) {
      const node = this.ctx.store.get<Node>('Node', undefined, nodeName)
      if (!node) return undefined
      agent = NodeAgent.fromNode(node)
      this.agents.set(nodeName, agent)
    }
    return agent
  }

  private admit(pod: Pod, agent: NodeAgent): PodRuntime {
    const rt: PodRuntime = {
      key: namespacedName(pod),
      namespace: pod.metadata.namespace!,
      name: pod.metadata.name,
      uid: pod.metadata.uid!,
      nodeName: agent.name,
      startTimeMs: this.ctx.clock.nowMs(),
      sandboxReady: false,
      // Set when the sandbox is ready; declared here so that they live in the object.
      podIP: undefined,
      mountError: undefined,
      init: (pod.spec.initContainers ?? []).map((c) =>
        newContainer(c.name, c.image, true, c.restartPolicy === 'Always'),
      ),
      containers: pod.spec.containers.map((c) => newContainer(c.name, c.image, false, false)),
      killing: false,
      timers: [],
    }
    this.pods.set(rt.key, rt)
    let onNode = this.podsByNode.get(rt.nodeName)
    if (!onNode) this.podsByNode.set(rt.nodeName, (onNode = new Set()))
    onNode.add(rt)
    this.later(rt, this.delay(this.timings.sandbox), 'sandbox', () => {
      rt.sandboxReady = true
      rt.podIP = agent.allocateIP()
      rt.mountError = missingVolume(this.ctx.store, pod)
      if (rt.mountError) {
        this.event(rt, 'Warning', 'FailedMount', rt.mountError.message)
        this.waitForConfig(rt)
      }
    })
    return rt
  }

  /**
   * `SyncPod`: what to start next. Volumes must mount first; init containers run
   * one at a time, each to completion (a sidecar only until it has started); then
   * every app container starts.
   */
  private syncPod(rt: PodRuntime, pod: Pod): void {
    if (rt.killing || !rt.sandboxReady) return
    const phase = podPhase(pod, rt)
    if (phase === 'Succeeded' || phase === 'Failed') return
    if (rt.mountError) {
      rt.mountError = missingVolume(this.ctx.store, pod)
      if (rt.mountError) return
    }
    for (const c of rt.init) {
      if (c.sidecar) {
        if (c.activity === 'idle') this.runner.begin(rt, pod, c)
        if (c.activity !== 'running' || !c.started) return
        continue
      }
      if (c.activity === 'done') {
        if (c.terminated?.exitCode === 0) continue
        return
      }
      if (c.activity === 'idle') this.runner.begin(rt, pod, c)
      return
    }
    for (const c of rt.containers) if (c.activity === 'idle') this.runner.begin(rt, pod, c)
    if (allContainers(rt).some((c) => c.activity === 'config-error')) this.waitForConfig(rt)
  }

  private waitForConfig(rt: PodRuntime): void {
    const namespace = rt.namespace
    let set = this.waitingOnConfig.get(namespace)
    if (!set) this.waitingOnConfig.set(namespace, (set = new Set()))
    set.add(rt.key)
  }

  /** A ConfigMap or Secret appeared or changed: pods waiting for it try again at their next sync. */
  private configChanged(obj: KubeObject): void {
    const waiting = this.waitingOnConfig.get(obj.metadata.namespace ?? 'default')
    if (!waiting) return
    for (const key of [...waiting]) {
      const rt = this.pods.get(key)
      if (!rt) {
        waiting.delete(key)
        continue
      }
      const matches = (ref?: { kind: string; name: string }): boolean =>
        ref?.kind === obj.kind && ref.name === obj.metadata.name
      const blocked = allContainers(rt).filter(
        (c) => c.activity === 'config-error' && matches(c.waitingOn),
      )
      if (blocked.length === 0 && !matches(rt.mountError?.waitingOn)) continue
      waiting.delete(key)
      this.later(rt, this.delay(this.timings.configRetry), 'config-retry', () => {
        for (const c of blocked) if (c.activity === 'config-error') this.runner.configure(rt, c)
      })
    }
  }

  /** Graceful deletion: each running container stops (preStop, SIGTERM, SIGKILL at the grace period), then the pod goes. */
  private kill(pod: Pod, rt: PodRuntime): void {
    rt.killing = true
    for (const t of rt.timers) t.cancel()
    rt.timers = []
    const graceMs =
      (pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30) *
      1000
    let stopMs = 0
    for (const c of allContainers(rt)) {
      if (c.activity === 'running')
        this.event(rt, 'Normal', 'Killing', `Stopping container ${c.name}`)
      stopMs = Math.max(
        stopMs,
        this.runner.stop(rt, c, () => undefined, graceMs),
      )
    }
    this.ctx.clock.after(
      stopMs + this.delay(this.timings.statusSync),
      `kubelet:terminated:${rt.key}`,
      () => {
        if (this.pods.get(rt.key) !== rt) return
        const current = this.pod(rt)
        this.forget(rt)
        if (current) this.ctx.store.remove(current)
      },
    )
  }

  private forget(rt: PodRuntime): void {
    for (const t of rt.timers) t.cancel()
    this.pods.delete(rt.key)
    const onNode = this.podsByNode.get(rt.nodeName)
    onNode?.delete(rt)
    if (onNode?.size === 0) this.podsByNode.delete(rt.nodeName)
    this.agents.get(rt.nodeName)?.releaseIP(rt.podIP)
  }

  // --- the node's kubelet process (see `infra/kubelet-processes.ts`) -------------

  /** Nodes whose kubelet is not running: their pods are neither synced nor reported on. */
  private readonly silent = new Set<string>()

  /** The kubelet of a node stops; when its machine went down, every container there is gone. */
  nodeStopped(nodeName: string, machineDown: boolean): void {
    this.silent.add(nodeName)
    if (!machineDown) return
    for (const rt of [...this.pods.values()]) if (rt.nodeName === nodeName) this.forget(rt)
  }

  /** The kubelet of a node is back: it syncs every pod bound there (a rare event: one pass over the pods). */
  nodeStarted(nodeName: string): void {
    if (!this.silent.delete(nodeName)) return
    for (const pod of this.ctx.store.list<Pod>('Pod'))
      if (pod.spec.nodeName === nodeName) this.queue.add(namespacedName(pod))
    // Pods deleted for good while it was not heard: it finds them gone and stops their containers.
    for (const rt of this.pods.values()) if (rt.nodeName === nodeName) this.queue.add(rt.key)
  }

  // --- what faults and the eviction manager do to pods ----------------------------

  /** Pods the eviction manager evicted: the message their status carries, and since when. */
  private readonly evictions = new WeakMap<
    PodRuntime,
    { message: string; atText: string; removing?: boolean }
  >()

  /**
   * A container's process is killed from outside the kubelet (`kill -9`, the
   * host's OOM killer): it exits with 137, and restarts as its pod's
   * restartPolicy says, with the usual back-off. False when it is not running.
   */
  killContainer(namespace: string, pod: string, container: string): boolean {
    const rt = this.pods.get(`${namespace}/${pod}`)
    const c = rt && allContainers(rt).find((x) => x.name === container)
    if (!rt || !c || rt.killing || !c.run) return false
    if (c.activity !== 'running' && c.activity !== 'stopping') return false
    this.runner.exited(rt, c, 137)
    this.queue.add(rt.key)
    return true
  }

  /**
   * The eviction manager's `evictPod`: the pod's containers are killed with
   * `graceMs`, and it ends Failed with reason `Evicted` (its controller
   * replaces it; the pod stays until someone deletes it).
   */
  evictPod(pod: Pod, message: string, graceMs: number): boolean {
    const rt = this.pods.get(namespacedName(pod))
    if (!rt || rt.uid !== pod.metadata.uid || rt.killing) return false
    rt.killing = true
    for (const t of rt.timers) t.cancel()
    rt.timers = []
    for (const c of allContainers(rt)) this.runner.stop(rt, c, () => undefined, graceMs)
    this.evictions.set(rt, { message, atText: toRfc3339(this.ctx.clock.nowMs()) })
    this.event(rt, 'Warning', 'Evicted', message)
    this.queue.add(rt.key)
    return true
  }

  /** A pod is killed once; an evicted one, once more when it is deleted, to be removed. */
  private mayKill(rt: PodRuntime): boolean {
    if (!rt.killing) return true
    const eviction = this.evictions.get(rt)
    if (!eviction || eviction.removing) return false
    eviction.removing = true
    return true
  }

  private withEviction(rt: PodRuntime, status: PodStatus): PodStatus {
    const eviction = this.evictions.get(rt)
    if (!eviction) return status
    const { message, atText } = eviction
    const conditions = (status.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget')
    conditions.unshift({
      type: 'DisruptionTarget',
      status: 'True',
      reason: 'TerminationByKubelet',
      message,
      lastTransitionTime: atText,
    })
    return { ...status, phase: 'Failed', reason: 'Evicted', message, conditions }
  }

  // --- what `kubectl logs` and `kubectl top` read -------------------------------

  /** What the node's container runtime holds of a pod (what answers at its IP), if anything. */
  podRuntime(namespace: string, pod: string): Readonly<PodRuntime> | undefined {
    return this.pods.get(`${namespace}/${pod}`)
  }

  /** A container's log (the run before the current one with `previous`), or why there is none. */
  logs(
    namespace: string,
    pod: string,
    container: string | undefined,
    previous = false,
  ): LogLine[] | { error: string } {
    const rt = this.pods.get(`${namespace}/${pod}`)
    if (!rt) return { error: `pods "${pod}" not found` }
    const all = allContainers(rt)
    const c = container === undefined ? rt.containers[0] : all.find((x) => x.name === container)
    if (!c) return { error: `container ${container} is not valid for pod ${pod}` }
    const run = runForLogs(c, pod, previous)
    if ('error' in run) return run
    return runLogs(run, this.ctx.clock.nowMs())
  }

  /** Resource use of a pod's running containers, as metrics-server would report it. */
  podMetrics(namespace: string, pod: string): ContainerMetrics[] | undefined {
    const rt = this.pods.get(`${namespace}/${pod}`)
    if (!rt) return undefined
    return rt.containers
      .filter((c) => c.activity === 'running' && c.run)
      .map((c) => ({
        name: c.name,
        cpuMillis: c.run!.plan.cpuMillis,
        memoryBytes: Math.round(memoryAt(c.run!.plan, this.ctx.clock.nowMs() - c.run!.startedAtMs)),
      }))
  }

  /** What the running containers of every pod on a node use at `nowMs`, init and sidecar ones too. */
  nodeUsage(nodeName: string, nowMs: number): { cpuMillis: number; memoryBytes: number } {
    let cpuMillis = 0
    let memoryBytes = 0
    for (const rt of this.podsByNode.get(nodeName) ?? [])
      for (const c of allContainers(rt)) {
        if (c.activity !== 'running' || !c.run) continue
        cpuMillis += c.run.plan.cpuMillis
        memoryBytes += memoryAt(c.run.plan, nowMs - c.run.startedAtMs)
      }
    return { cpuMillis, memoryBytes: Math.round(memoryBytes) }
  }
}
