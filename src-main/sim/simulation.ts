import type { Namespace, Node, Pod } from './api/core'
import type { KubeObject } from './api/meta'
import { createClusterObjects } from './cluster-objects'
import { CrdEstablishingController } from './controllers/crd/establishing'
import { CrdFinalizer } from './controllers/crd/finalizer'
import { CrdNamingController } from './controllers/crd/naming'
import { CronJobController } from './controllers/cronjob/controller'
import { DaemonSetController } from './controllers/daemonset/controller'
import { DeploymentController } from './controllers/deployment/controller'
import { DisruptionController } from './controllers/disruption/controller'
import { EndpointsController } from './controllers/endpoints/controller'
import { EndpointSliceController } from './controllers/endpointslice/controller'
import { GarbageCollector } from './controllers/gc/controller'
import { HorizontalPodAutoscalerController } from './controllers/hpa/controller'
import { IngressController } from './controllers/ingress/controller'
import { InfraController } from './controllers/infra/controller'
import { JobController } from './controllers/job/controller'
import { LoadBalancerController } from './controllers/loadbalancer/controller'
import { NamespaceController } from './controllers/namespace/controller'
import { NodeLifecycleController } from './controllers/node-lifecycle/controller'
import { PodGarbageCollector } from './controllers/podgc/controller'
import { ReplicaSetController } from './controllers/replicaset/controller'
import { StatefulSetController } from './controllers/statefulset/controller'
import { TaintEvictionController } from './controllers/taint-eviction/controller'
import { TtlAfterFinishedController } from './controllers/ttlafterfinished/controller'
import { PvProtectionController } from './controllers/pv-protection/controller'
import { PvcProtectionController } from './controllers/pvc-protection/controller'
import { PersistentVolumeController } from './controllers/volume/controller'
import { LocalPathProvisioner } from './controllers/volume/provisioner'
import { EventRecorder } from './events/recorder'
import { followDeclaredImages } from './images/follow'
import { Registry } from './images/registry'
import { bootInfrastructure, machineUids, type InfraProblem } from './infra/boot'
import { defaultInfrastructure } from './infra/default-infra'
import type { InfraIndex } from './infra/infra-index'
import { liveInfraIndex } from './infra/live-index'
import { cpuStealFraction } from './infra/steal'
import { KubeletProcesses } from './infra/kubelet-processes'
import { NetworkPartitions } from './infra/network'
import { OutsideMemory } from './infra/outside-memory'
import { VirtualClock, type TimerHandle } from './kernel/clock'
import { Prng } from './kernel/prng'
import { fromRfc3339, toRfc3339 } from './kernel/time'
import { Kubelet } from './kubelet/kubelet'
import { EvictionManager } from './kubelet/eviction-manager'
import { KubeletNodeStatus } from './kubelet/node-status'
import type { Controller } from './runtime/controller'
import type { ControllerContext } from './runtime/context'
import { defaultControllerBackoff, reconcileWithRetry } from './runtime/failure-backoff'
import { WorkQueue } from './runtime/work-queue'
import { ReconcileStormGuard } from './runtime/reconcile-storm'
import {
  defaultClientLimits,
  type ClientComponent,
  type ClientLimits,
} from './runtime/client-limits'
import { TokenBucket } from './runtime/token-bucket'
import { Scheduler } from './scheduler/scheduler'
import { TrafficClient } from './traffic/traffic-client'
import { ObjectStore } from './store/store'
import { nodeObject, type Topology } from './topology'

export interface SimulationOptions {
  /** Seeds every random choice; the same seed and inputs give the same run. */
  seed?: number
  /** Virtual time at boot, in ms since the epoch. */
  startTimeMs?: number
  /**
   * Nodes to boot with as they are, with no machines under them: what tests and
   * benches of thousands of nodes use. Without it, the cluster boots on
   * `infrastructure`, or on the default machines (`infra/default-infra.ts`).
   */
  topology?: Topology
  /** Host, Hypervisor and VirtualMachine documents the cluster boots on, already running. */
  infrastructure?: KubeObject[]
  /**
   * Validate and freeze every object controllers write, so a bug that mutates
   * shared state fails at once. Slower; tests turn it on.
   */
  strict?: boolean
  /**
   * How long controllers take to react: timers due within this window of the first
   * fire together, then every controller reconciles once. Real controllers
   * coalesce the changes that pile up in their queues the same way.
   */
  reactionMs?: number
  /** Any image pulls; one the catalog does not know runs as a generic server (see `images/registry.ts`). */
  openRegistry?: boolean
  /**
   * The API clients' rate limits, as the components' flags set them; Kubernetes'
   * defaults unless given (`runtime/client-limits.ts`). `'unlimited'` lifts one,
   * as scale tests raise `--kube-api-qps` to make thousands of pods quickly.
   */
  clientLimits?: Partial<Record<ClientComponent, ClientLimits | 'unlimited'>>
}

/** A fixed instant, so runs that do not choose one are reproducible. */
export const DEFAULT_START_MS = fromRfc3339('2026-01-01T00:00:00Z')

/**
 * The composition root of the simulated cluster: one store, one clock, one seeded
 * generator, and the controllers that act on them. It is synchronous and totally
 * ordered: after any change, `settle()` lets every controller react until nothing
 * is left to do at this instant; `runUntil` then moves virtual time timer by timer.
 */
export class Simulation {
  readonly clock: VirtualClock
  readonly prng: Prng
  readonly store: ObjectStore
  readonly recorder: EventRecorder
  readonly registry: Registry
  readonly seed: number
  readonly kubelet: Kubelet
  /** Whether each node's kubelet runs: what faults stop and the node lifecycle controller watches. */
  readonly kubelets: KubeletProcesses
  /** Which nodes are cut off from the network: what a partition fault sets, and requests to their pods time out. */
  readonly network = new NetworkPartitions()
  /** Memory taken on each node outside Kubernetes: what a fill-memory fault sets. */
  readonly outsideMemory = new OutsideMemory()
  /** Infrastructure documents the cluster could not boot on, each with the API server's refusal. */
  readonly infraProblems: InfraProblem[]
  /** Who runs on whom among the machines: what usage and CPU steal look up. */
  readonly infra: InfraIndex
  /** Simulated clients sending requests to Services (`--traffic`); they only observe. */
  readonly traffic: TrafficClient
  private readonly controllers: Controller[]
  /** Each controller's client rate limiter, by its index in `controllers` (undefined: none). */
  private readonly clients: (TokenBucket | undefined)[]
  /** A controller waiting for a token has one wake-up on the clock, not one per key. */
  private readonly clientWakes: (TimerHandle | undefined)[]
  private readonly queues: WorkQueue[] = []
  private readonly reactionMs: number
  /** Syncs the API server refused, waiting to be tried again (`AddRateLimited`). */
  private readonly retries = defaultControllerBackoff()

  constructor(options: SimulationOptions = {}) {
    this.seed = options.seed ?? 1
    this.clock = new VirtualClock(options.startTimeMs ?? DEFAULT_START_MS)
    this.prng = new Prng(this.seed)
    this.store = new ObjectStore(this.clock, this.prng, options.strict ?? false)
    this.reactionMs = options.reactionMs ?? 100
    this.recorder = new EventRecorder(this.store, this.clock)
    this.registry = new Registry(undefined, options.openRegistry ?? false)
    followDeclaredImages(this.store, this.registry)
    const ctx: ControllerContext = {
      store: this.store,
      clock: this.clock,
      prng: this.prng,
      recorder: this.recorder,
      newQueue: (name) => {
        const queue = new WorkQueue(this.clock, name)
        this.queues.push(queue)
        return queue
      },
      writeBudget: (name) => {
        const c = this.controllers.findIndex((controller) => controller.name === name)
        return this.clients[c]?.available(this.clock.nowMs()) ?? Number.POSITIVE_INFINITY
      },
    }
    this.kubelets = new KubeletProcesses(this.clock.nowMs(), this.network)
    this.infraProblems = this.boot(options)
    // The node status manager and the eviction manager tell each other about memory pressure.
    let nodeStatus: KubeletNodeStatus
    let evictions: EvictionManager
    this.infra = liveInfraIndex(this.store)
    this.controllers = [
      new DeploymentController(ctx),
      new ReplicaSetController(ctx),
      new StatefulSetController(ctx),
      new DaemonSetController(ctx),
      new JobController(ctx),
      new CronJobController(ctx),
      new TtlAfterFinishedController(ctx),
      new GarbageCollector(ctx),
      new NamespaceController(ctx),
      new CrdNamingController(ctx),
      new CrdEstablishingController(ctx),
      new CrdFinalizer(ctx),
      new PodGarbageCollector(ctx),
      new NodeLifecycleController(ctx, this.kubelets),
      new TaintEvictionController(ctx),
      new Scheduler(ctx),
      (this.kubelet = new Kubelet(ctx, this.registry, undefined, (nodeName) =>
        cpuStealFraction(this, nodeName, this.clock.nowMs()),
      )),
      (nodeStatus = new KubeletNodeStatus(ctx, this.kubelets, (n) => evictions.memoryPressure(n))),
      (evictions = new EvictionManager(ctx, this.kubelet, this.kubelets, this.outsideMemory, (n) =>
        nodeStatus.queue.add(n),
      )),
      new InfraController(ctx, this.kubelets),
      new HorizontalPodAutoscalerController(ctx, this.kubelet),
      new EndpointsController(ctx),
      new EndpointSliceController(ctx),
      new LoadBalancerController(ctx),
      new PersistentVolumeController(ctx),
      new LocalPathProvisioner(ctx),
      new PvcProtectionController(ctx),
      new PvProtectionController(ctx),
      new IngressController(ctx),
      new DisruptionController(ctx),
    ]
    this.clients = this.controllers.map((controller) => {
      const limits =
        controller.runsIn &&
        (options.clientLimits?.[controller.runsIn] ?? defaultClientLimits[controller.runsIn])
      return limits && limits !== 'unlimited'
        ? new TokenBucket(limits.qps, limits.burst, this.clock.nowMs())
        : undefined
    })
    this.clientWakes = this.controllers.map(() => undefined)
    this.kubelets.subscribe(({ nodeName, state }) =>
      state === 'running'
        ? this.kubelet.nodeStarted(nodeName)
        : this.kubelet.nodeStopped(nodeName, state === 'down'),
    )
    this.traffic = new TrafficClient(
      {
        store: this.store,
        clock: this.clock,
        pod: (namespace, name) => this.store.get<Pod>('Pod', namespace, name),
        podRuntime: (namespace, name) => this.kubelet.podRuntime(namespace, name),
        unreachable: (node) => this.kubelets.state(node) === 'down' || this.network.isolated(node),
        slowdown: (node) => 1 / (1 - cpuStealFraction(this, node, this.clock.nowMs())),
      },
      // Its own generator: a run with traffic draws the same numbers as one without.
      new Prng(this.seed ^ 0x74726166),
    )
    this.settle()
  }

  private boot(options: SimulationOptions): InfraProblem[] {
    const nowText = toRfc3339(this.clock.nowMs())
    for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      this.store.create<Namespace>({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name },
        status: { phase: 'Active' },
      })
    }
    options.topology?.nodes.forEach((input, i) =>
      this.store.create<Node>(nodeObject(input, i, nowText)),
    )
    const machines = options.infrastructure ?? (options.topology ? [] : defaultInfrastructure())
    const problems = bootInfrastructure(
      this.store,
      machines,
      this.clock.nowMs(),
      machineUids(this.seed),
    )
    createClusterObjects(this.store)
    return problems
  }

  nowMs(): number {
    return this.clock.nowMs()
  }

  /** Lets every controller react to what changed, until all queues are empty. */
  settle(): void {
    const storms = new ReconcileStormGuard(this.controllers.length, this.seed)
    for (;;) {
      let worked = false
      for (let c = 0; c < this.controllers.length; c++) {
        const controller = this.controllers[c]!
        const client = this.clients[c]
        let key: string | undefined
        // An empty queue first: most controllers have nothing to do at most steps,
        // and asking a client for a token costs more than asking a queue its length.
        while (
          controller.queue.length > 0 &&
          (!client || this.mayWrite(c, client)) &&
          (key = controller.queue.take()) !== undefined
        ) {
          worked = true
          const writesBefore = this.store.writeCount
          storms.count(c, controller.name, key)
          const result = reconcileWithRetry(controller, key, this.retries)
          client?.charge(this.store.writeCount - writesBefore, this.clock.nowMs())
          if (result?.requeueAfterMs !== undefined)
            controller.queue.addAfter(key, result.requeueAfterMs)
        }
      }
      if (!worked) return
    }
  }

  /**
   * Whether controller `c` may sync now: its client has a token. Without one
   * its queue waits, and a single wake-up is set for when the next token comes.
   */
  private mayWrite(c: number, client: TokenBucket): boolean {
    const nowMs = this.clock.nowMs()
    if (client.available(nowMs) >= 1) return true
    if (this.controllers[c]!.queue.length > 0 && !this.clientWakes[c]) {
      const waitMs = client.waitMs(nowMs)
      if (waitMs !== undefined)
        this.clientWakes[c] = this.clock.after(
          waitMs,
          `client:${this.controllers[c]!.name}`,
          () => {
            this.clientWakes[c] = undefined
          },
        )
    }
    return false
  }

  /**
   * Fires the next timer due by `limitMs`, and every other timer due within the
   * reaction window after it, then settles. Returns false when none was due.
   */
  step(limitMs = Number.POSITIVE_INFINITY): boolean {
    this.settle()
    const first = this.clock.nextAtMs()
    if (first === undefined || first > limitMs) return false
    this.traffic.advance(first)
    const windowEnd = Math.min(limitMs, first + Math.max(0, this.reactionMs - 1))
    while (this.clock.fireNext(windowEnd)) {
      /* each call fires one timer */
    }
    this.settle()
    return true
  }

  /** Runs every timer due up to `targetMs` and leaves the clock there. */
  runUntil(targetMs: number): void {
    while (this.step(targetMs)) {
      /* each step fires one timer */
    }
    this.advanceTo(targetMs)
  }

  runFor(durationMs: number): void {
    this.runUntil(this.clock.nowMs() + durationMs)
  }

  /**
   * Runs until `done()` holds (checked after each settled step) or `maxMs` of
   * virtual time pass. Returns whether the predicate held.
   */
  runUntilTrue(done: () => boolean, maxMs: number): boolean {
    const deadline = this.clock.nowMs() + maxMs
    this.settle()
    if (done()) return true
    while (this.step(deadline)) if (done()) return true
    this.advanceTo(deadline)
    return done()
  }

  /** Moves the clock with nothing due on the way; the requests due meanwhile go out first. */
  private advanceTo(targetMs: number): void {
    this.traffic.advance(targetMs)
    this.clock.advanceTo(targetMs)
  }
}
