import type { Container, Probe } from '../api/core'
import type { ImageBehaviour } from '../images/catalog'
import { listeningPorts, serverAnswer } from '../images/serving'
import { fileExists } from '../images/shell'
import type { KubeletHost } from './host'
import type { ContainerRun, ContainerRuntime, PodRuntime } from './runtime-state'

export type ProbeKind = 'Startup' | 'Liveness' | 'Readiness'
export type ProbeOutcome = { ok: true } | { ok: false; output: string }

function resolvePort(port: number | string, container: Container): number | undefined {
  if (typeof port === 'number') return port
  if (/^\d+$/.test(port)) return Number(port)
  return container.ports?.find((p) => p.name === port)?.containerPort
}

/** The file an exec probe checks (`cat /tmp/healthy`, `test -f x`, `[ -e x ]`, `ls x`), if that is what it does. */
function checkedFile(command: readonly string[]): string | undefined {
  const words =
    command[0] && /(^|\/)(ba|a|da)?sh$/.test(command[0]) && command[1] === '-c'
      ? (command[2] ?? '').split(/\s+/)
      : [...command]
  const program = words[0]?.split('/').pop()
  if (program === 'cat' || program === 'ls') return words.find((w, i) => i > 0 && w.startsWith('/'))
  if (program === 'test' || program === '[') return words.find((w, i) => i > 1 && w.startsWith('/'))
  return undefined
}

/**
 * One probe against the simulated process, answered in the kubelet prober's
 * words: the server must listen on the port and serve the path; an exec probe
 * that checks a file sees the files the container's script made.
 */
export function runProbe(
  probe: Probe,
  container: Container,
  c: ContainerRuntime,
  podIP: string,
  nowMs: number,
): ProbeOutcome {
  const run = c.run
  const plan = run?.plan
  const since = run ? nowMs - run.startedAtMs : -1
  const listening = plan?.listensAtMs !== undefined && since >= plan.listensAtMs
  const ports = listeningPorts(c.behaviour, container)
  if (probe.httpGet) {
    const port = resolvePort(probe.httpGet.port, container)
    const path = probe.httpGet.path ?? '/'
    const url = `http://${podIP}:${port ?? probe.httpGet.port}${path}`
    if (port === undefined)
      return {
        ok: false,
        output: `Get "${url}": invalid port ${JSON.stringify(probe.httpGet.port)}`,
      }
    const answer = serverAnswer(c.behaviour, container, plan?.listensAtMs, since, port, path)
    if (answer === 'refused')
      return {
        ok: false,
        output: `Get "${url}": dial tcp ${podIP}:${port}: connect: connection refused`,
      }
    if (answer !== 200) return { ok: false, output: `HTTP probe failed with statuscode: ${answer}` }
    return { ok: true }
  }
  if (probe.tcpSocket) {
    const port = resolvePort(probe.tcpSocket.port, container)
    if (port === undefined || !listening || !ports.includes(port)) {
      return {
        ok: false,
        output: `dial tcp ${podIP}:${port ?? probe.tcpSocket.port}: connect: connection refused`,
      }
    }
    return { ok: true }
  }
  const command = probe.exec?.command ?? []
  const file = checkedFile(command)
  if (file !== undefined) {
    return fileExists(plan?.files, file, since)
      ? { ok: true }
      : { ok: false, output: `cat: can't open '${file}': No such file or directory` }
  }
  // Any other command (pg_isready, redis-cli ping…) answers once a server listens, at once otherwise.
  if (plan?.listensAtMs !== undefined && !listening)
    return { ok: false, output: 'command failed: the server is not accepting connections yet' }
  return { ok: true }
}

/** When, after `nowMs`, this probe's answer can next change (undefined: never, for this run). */
function nextChange(
  probe: Probe,
  run: ContainerRun,
  behaviour: ImageBehaviour | undefined,
  nowMs: number,
): number | undefined {
  const times: number[] = []
  if (run.plan.listensAtMs !== undefined) {
    times.push(run.startedAtMs + run.plan.listensAtMs)
    if (behaviour?.healthyForMs !== undefined)
      times.push(run.startedAtMs + run.plan.listensAtMs + behaviour.healthyForMs)
  }
  const file = probe.exec ? checkedFile(probe.exec.command) : undefined
  if (file)
    for (const f of run.plan.files ?? []) if (f.path === file) times.push(run.startedAtMs + f.atMs)
  return times.filter((t) => t > nowMs).sort((a, b) => a - b)[0]
}

export interface ProbeCallbacks {
  /** Startup passed: readiness and liveness may begin. */
  onStarted(rt: PodRuntime, c: ContainerRuntime): void
  /** Startup or liveness failed for good: the container is killed and restarted. */
  onKill(rt: PodRuntime, c: ContainerRuntime, kind: 'Startup' | 'Liveness'): void
}

/**
 * The kubelet's probe workers. A worker ticks every periodSeconds while its answer
 * can change; once it is steady and nothing ahead can change it, it rests until
 * the next moment that can (the server starts listening, a file appears), on the
 * same period grid. An idle cluster therefore costs nothing to run.
 */
export class Prober {
  constructor(
    private readonly host: KubeletHost,
    private readonly callbacks: ProbeCallbacks,
  ) {}

  /** Starts the workers for a container that has just started. */
  start(rt: PodRuntime, c: ContainerRuntime, container: Container): void {
    if (container.startupProbe) this.schedule(rt, c, container, 'Startup', container.startupProbe)
    else this.afterStartup(rt, c, container)
  }

  afterStartup(rt: PodRuntime, c: ContainerRuntime, container: Container): void {
    if (container.readinessProbe)
      this.schedule(rt, c, container, 'Readiness', container.readinessProbe)
    if (container.livenessProbe)
      this.schedule(rt, c, container, 'Liveness', container.livenessProbe)
  }

  private schedule(
    rt: PodRuntime,
    c: ContainerRuntime,
    container: Container,
    kind: ProbeKind,
    probe: Probe,
  ): void {
    const seq = c.runSeq
    const first = Math.max(
      (probe.initialDelaySeconds ?? 0) * 1000,
      this.host.delay(this.host.timings.probeTrigger),
    )
    const state = { successes: 0, failures: 0, firstAtMs: this.host.ctx.clock.nowMs() + first }
    const tick = (): void => {
      if (c.runSeq !== seq || c.activity !== 'running' || rt.killing) return
      const now = this.host.ctx.clock.nowMs()
      const outcome = runProbe(probe, container, c, rt.podIP ?? '', now)
      if (outcome.ok) {
        state.successes++
        state.failures = 0
      } else {
        state.failures++
        state.successes = 0
        this.host.event(rt, 'Warning', 'Unhealthy', `${kind} probe failed: ${outcome.output}`)
      }
      if (this.apply(rt, c, container, kind, probe, state.successes, state.failures)) return
      const periodMs = (probe.periodSeconds ?? 10) * 1000
      const steady = outcome.ok && (kind !== 'Readiness' || c.ready)
      let atMs = now + periodMs
      if (steady) {
        const change = c.run && nextChange(probe, c.run, c.behaviour, now)
        if (change === undefined) return
        atMs = state.firstAtMs + Math.ceil((change - state.firstAtMs) / periodMs) * periodMs
      }
      this.host.later(rt, atMs - now, `probe-${kind}`, tick)
    }
    this.host.later(rt, first, `probe-${kind}`, tick)
  }

  /** Applies thresholds; returns true when the worker is finished. */
  private apply(
    rt: PodRuntime,
    c: ContainerRuntime,
    container: Container,
    kind: ProbeKind,
    probe: Probe,
    successes: number,
    failures: number,
  ): boolean {
    const successThreshold = probe.successThreshold ?? 1
    const failureThreshold = probe.failureThreshold ?? 3
    if (kind === 'Readiness') {
      if (successes >= successThreshold) c.ready = true
      if (failures >= failureThreshold) c.ready = false
      return false
    }
    if (kind === 'Startup' && successes >= successThreshold) {
      c.started = true
      this.callbacks.onStarted(rt, c)
      this.afterStartup(rt, c, container)
      return true
    }
    if (failures >= failureThreshold) {
      this.callbacks.onKill(rt, c, kind as 'Startup' | 'Liveness')
      return true
    }
    return false
  }
}
