import type { Container, Pod } from '../api/core'
import { toRfc3339 } from '../kernel/time'
import { Backoff } from './backoff'
import { resolveEnv } from './config-env'
import type { KubeletHost } from './host'
import { goDuration } from './pod-status'
import { Prober } from './probes'
import { planProcess, slowedBySteal } from './process'
import { shouldRestart, terminationReason } from './restart'
import type { ContainerRuntime, PodRuntime } from './runtime-state'

/** The spec of a runtime container, looked up in the pod (init containers first). */
export function specOf(pod: Pod, c: ContainerRuntime): Container | undefined {
  return (c.init ? pod.spec.initContainers : pod.spec.containers)?.find((s) => s.name === c.name)
}

/**
 * The container runtime's side of a container's life: pull its image, build its
 * configuration, start it, watch its process exit, and restart it as the pod's
 * restartPolicy says, backing off 10 s, 20 s, 40 s… up to 300 s between crashes.
 */
export class ContainerRunner {
  readonly prober: Prober

  constructor(private readonly host: KubeletHost) {
    this.prober = new Prober(host, {
      onStarted: (_rt, c) => {
        const pod = this.host.pod(_rt)
        if (!pod || !specOf(pod, c)?.readinessProbe) c.ready = true
      },
      onKill: (rt, c, kind) => this.killForProbe(rt, c, kind),
    })
  }

  private now(): number {
    return this.host.ctx.clock.nowMs()
  }

  /** Starts bringing up a container that is idle: pull (or not), configure, start. */
  begin(rt: PodRuntime, pod: Pod, c: ContainerRuntime): void {
    const container = specOf(pod, c)
    if (!container || c.activity !== 'idle') return
    const agent = this.host.agent(rt)
    if (!agent) return
    const result = this.host.registry.resolve(c.image)
    if (!result.ok && result.reason === 'InvalidImageName') {
      this.wait(c, 'InvalidImageName', result.message)
      c.activity = 'blocked'
      this.host.event(rt, 'Warning', 'InspectFailed', result.message, pod)
      this.host.event(rt, 'Warning', 'Failed', 'Error: InvalidImageName', pod)
      return
    }
    const policy = container.imagePullPolicy ?? 'IfNotPresent'
    if (policy !== 'Always' && agent.images.has(c.image) && result.ok) {
      this.host.event(
        rt,
        'Normal',
        'Pulled',
        `Container image "${c.image}" already present on machine`,
        pod,
      )
      c.imageId = result.imageId
      c.behaviour = result.behaviour
      return this.configure(rt, c)
    }
    if (policy === 'Never') {
      const message = `Container image "${c.image}" is not present with pull policy of Never`
      this.wait(c, 'ErrImageNeverPull', message)
      c.activity = 'blocked'
      this.host.event(rt, 'Warning', 'ErrImageNeverPull', message, pod)
      return
    }
    c.activity = 'pulling'
    this.host.event(rt, 'Normal', 'Pulling', `Pulling image "${c.image}"`, pod)
    const lookupMs = this.host.delay(this.host.timings.registryLookup)
    if (!result.ok) {
      this.host.later(rt, lookupMs, 'pull-failed', () => this.pullFailed(rt, c, result.message))
      return
    }
    const pullMs = lookupMs + Math.round(result.sizeBytes / this.host.timings.pullBytesPerMs)
    this.host.later(rt, pullMs, 'pulled', () => {
      const took = goDuration(pullMs)
      this.host.event(
        rt,
        'Normal',
        'Pulled',
        `Successfully pulled image "${c.image}" in ${took} (${took} including waiting). Image size: ${result.sizeBytes} bytes.`,
      )
      agent.images.add(c.image)
      c.imageId = result.imageId
      c.behaviour = result.behaviour
      c.pullBackoff = undefined
      this.configure(rt, c)
    })
  }

  private wait(c: ContainerRuntime, reason: string, message?: string): void {
    c.waitingReason = reason
    c.waitingMessage = message
  }

  /** `ErrImagePull` now, `ImagePullBackOff` at the next sync, another try when the back-off ends. */
  private pullFailed(rt: PodRuntime, c: ContainerRuntime, message: string): void {
    c.activity = 'pull-backoff'
    this.wait(c, 'ErrImagePull', message)
    this.host.event(rt, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${message}`)
    this.host.event(rt, 'Warning', 'Failed', 'Error: ErrImagePull')
    c.pullBackoff ??= new Backoff()
    const backoffMs = c.pullBackoff.next(this.now())
    const reportMs = Math.min(this.host.delay(this.host.timings.backOffReport), backoffMs)
    this.host.later(rt, reportMs, 'pull-backoff', () => {
      this.wait(
        c,
        'ImagePullBackOff',
        `Back-off pulling image "${c.image}": ErrImagePull: ${message}`,
      )
      this.host.event(rt, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`)
      this.host.event(rt, 'Warning', 'Failed', 'Error: ImagePullBackOff')
    })
    this.host.later(rt, backoffMs, 'pull-retry', () => {
      c.activity = 'idle'
    })
  }

  /** Builds the container's environment; a missing ConfigMap, Secret or key blocks it. */
  configure(rt: PodRuntime, c: ContainerRuntime): void {
    const pod = this.host.pod(rt)
    const container = pod && specOf(pod, c)
    if (!pod || !container) return
    const env = resolveEnv(this.host.ctx.store, pod, container)
    if ('error' in env) {
      const first = c.activity !== 'config-error' || c.waitingMessage !== env.error
      c.activity = 'config-error'
      c.waitingOn = env.waitingOn
      this.wait(c, 'CreateContainerConfigError', env.error)
      if (first) this.host.event(rt, 'Warning', 'Failed', `Error: ${env.error}`, pod)
      return
    }
    c.waitingOn = undefined
    c.activity = 'starting'
    this.host.later(rt, this.host.delay(this.host.timings.containerStart), 'start', () =>
      this.start(rt, c, env.env),
    )
  }

  private start(rt: PodRuntime, c: ContainerRuntime, env: Map<string, string>): void {
    const pod = this.host.pod(rt)
    const container = pod && specOf(pod, c)
    if (!pod || !container || !c.behaviour) return
    const plan = slowedBySteal(
      planProcess(container, c.behaviour, env),
      this.host.cpuSteal(rt.nodeName),
    )
    const now = this.now()
    c.runSeq++
    // The runtime counts a restart when it creates the next instance of the container.
    if (c.run) {
      c.previous = c.run
      c.restartCount++
    }
    c.run = {
      containerId: `containerd://${this.host.ctx.prng.string('0123456789abcdef', 64)}`,
      startedAtMs: now,
      plan,
    }
    if (plan.startError) {
      this.host.event(rt, 'Warning', 'Failed', `Error: ${plan.startError}`, pod)
      return this.exited(rt, c, 128, plan.startError)
    }
    this.host.event(rt, 'Normal', 'Created', `Created container: ${c.name}`, pod)
    this.host.event(rt, 'Normal', 'Started', `Started container ${c.name}`, pod)
    c.activity = 'running'
    c.terminated = undefined
    c.acceptsUntilMs = undefined
    this.wait(c, '')
    c.started = !container.startupProbe
    c.ready = c.started && !container.readinessProbe
    if (plan.exit) {
      const seq = c.runSeq
      const exit = plan.exit
      this.host.later(rt, exit.atMs, 'exit', () => {
        if (c.runSeq === seq && c.activity === 'running')
          this.exited(rt, c, exit.code, undefined, exit.reason === 'OOMKilled')
      })
    }
    this.prober.start(rt, c, container)
  }

  /** The process ended: record how, and restart it (after the crash back-off) if the policy says so. */
  exited(
    rt: PodRuntime,
    c: ContainerRuntime,
    exitCode: number,
    message?: string,
    oom = false,
  ): void {
    const pod = this.host.pod(rt)
    if (!pod || !c.run) return
    const now = this.now()
    c.run.endedAtMs = now
    c.ready = false
    c.runSeq++
    c.terminated = {
      exitCode,
      reason: terminationReason(exitCode, oom, message !== undefined),
      ...(message ? { message } : {}),
      startedAt: toRfc3339(c.run.startedAtMs),
      finishedAt: toRfc3339(now),
      containerID: c.run.containerId,
    }
    if (!shouldRestart(c, pod.spec, exitCode)) {
      c.activity = 'done'
      return
    }
    c.lastTerminated = c.terminated
    c.crashBackoff ??= new Backoff()
    const waitMs = c.crashBackoff.current(now)
    if (waitMs === 0) {
      c.crashBackoff.next(now)
      return this.restart(c)
    }
    c.activity = 'crash-backoff'
    this.wait(
      c,
      'CrashLoopBackOff',
      `back-off ${goDuration(waitMs)} restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
    )
    this.host.event(
      rt,
      'Warning',
      'BackOff',
      `Back-off restarting failed container ${c.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
    )
    this.host.later(rt, waitMs, 'crash-backoff', () => {
      c.crashBackoff!.next(this.now())
      this.restart(c)
    })
  }

  /** Back to idle: the next pod sync starts it again. Until then its status still shows how it ended. */
  private restart(c: ContainerRuntime): void {
    c.activity = 'idle'
  }

  /** A failed liveness or startup probe: stop the container (SIGTERM, then SIGKILL at the grace period) and restart it. */
  private killForProbe(rt: PodRuntime, c: ContainerRuntime, kind: 'Startup' | 'Liveness'): void {
    this.host.event(
      rt,
      'Normal',
      'Killing',
      `Container ${c.name} failed ${kind.toLowerCase()} probe, will be restarted`,
    )
    this.stop(rt, c, () => undefined)
  }

  /**
   * Stops a running container: a server exits on SIGTERM after its stop time; a
   * shell as PID 1 ignores SIGTERM and is killed (137) when the grace period ends.
   */
  stop(rt: PodRuntime, c: ContainerRuntime, done: () => void, graceMs?: number): number {
    const pod = this.host.pod(rt)
    if (c.activity !== 'running' || !c.run || !pod) {
      done()
      return 0
    }
    const grace = graceMs ?? (pod.spec.terminationGracePeriodSeconds ?? 30) * 1000
    const preStopMs = preStopDurationMs(specOf(pod, c))
    const graceful = c.run.plan.stopsOnSigterm && preStopMs + (c.behaviour?.stopMs ?? 0) <= grace
    const afterMs = graceful ? preStopMs + (c.behaviour?.stopMs ?? 0) : grace
    c.activity = 'stopping'
    c.ready = false
    // A server closes its listener at SIGTERM, after the preStop hook; a process
    // that ignores SIGTERM listens on until it is killed.
    c.acceptsUntilMs = this.now() + (c.run.plan.stopsOnSigterm ? Math.min(preStopMs, grace) : grace)
    const seq = c.runSeq
    this.host.later(rt, afterMs, 'stopped', () => {
      if (c.runSeq !== seq) return
      this.exited(rt, c, graceful ? 0 : 137)
      done()
    })
    return afterMs
  }
}

/** How long a preStop hook holds the container before SIGTERM: `sleep` actions and `sleep N` commands. */
function preStopDurationMs(container: Container | undefined): number {
  const hook = container?.lifecycle?.preStop
  if (!hook) return 0
  if (hook.sleep) return hook.sleep.seconds * 1000
  const text = (hook.exec?.command ?? []).join(' ')
  const m = /sleep\s+(\d+(?:\.\d+)?)/.exec(text)
  return m ? Math.round(Number(m[1]) * 1000) : 0
}
