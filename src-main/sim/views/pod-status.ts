import type { Pod } from '../api/core'
import { fromRfc3339 } from '../kernel/time'
import { ageSince } from './age'

export interface PodSummary {
  /** The STATUS column. */
  status: string
  /** The READY column, `1/1`. */
  ready: string
  readyCount: number
  totalCount: number
  restarts: number
  /** The RESTARTS column, `3 (42s ago)`. */
  restartsText: string
}

const NODE_UNREACHABLE_REASON = 'NodeLost'

/**
 * `printPod` from `pkg/printers/internalversion/printers.go`: the STATUS, READY and
 * RESTARTS columns of `kubectl get pods`, computed the way kubectl computes them.
 */
export function summarisePod(pod: Pod, nowMs: number): PodSummary {
  const status = pod.status ?? {}
  const initSpecs = new Map((pod.spec.initContainers ?? []).map((c) => [c.name, c]))
  const isSidecar = (name: string): boolean =>
    (initSpecs.get(name) as { restartPolicy?: string } | undefined)?.restartPolicy === 'Always'
  let totalContainers = pod.spec.containers.length + [...initSpecs.keys()].filter(isSidecar).length
  let readyContainers = 0
  let restarts = 0
  let sidecarRestarts = 0
  let lastRestartMs: number | undefined
  let lastSidecarRestartMs: number | undefined
  const later = (a: number | undefined, b: string | undefined): number | undefined => {
    const t = b === undefined ? undefined : fromRfc3339(b)
    return t === undefined || Number.isNaN(t) ? a : a === undefined || t > a ? t : a
  }

  let reason: string = status.phase ?? ''
  if (status.reason) reason = status.reason
  if (status.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated'))
    reason = 'SchedulingGated'

  let initializing = false
  const initStatuses = status.initContainerStatuses ?? []
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]!
    restarts += c.restartCount
    lastRestartMs = later(lastRestartMs, c.lastState?.terminated?.finishedAt)
    if (isSidecar(c.name)) {
      sidecarRestarts += c.restartCount
      lastSidecarRestartMs = later(lastSidecarRestartMs, c.lastState?.terminated?.finishedAt)
    }
    const t = c.state.terminated
    const w = c.state.waiting
    if (t && t.exitCode === 0) continue
    if (isSidecar(c.name) && c.started) {
      if (c.ready) readyContainers++
      continue
    }
    if (t) {
      reason = t.reason
        ? `Init:${t.reason}`
        : t.signal
          ? `Init:Signal:${t.signal}`
          : `Init:ExitCode:${t.exitCode}`
    } else if (w?.reason && w.reason !== 'PodInitializing') {
      reason = `Init:${w.reason}`
    } else {
      reason = `Init:${i}/${initSpecs.size}`
    }
    initializing = true
    break
  }

  const initializedTrue =
    status.conditions?.some((c) => c.type === 'Initialized' && c.status === 'True') ?? false
  if (!initializing || initializedTrue) {
    restarts = sidecarRestarts
    lastRestartMs = lastSidecarRestartMs
    let hasRunning = false
    const statuses = status.containerStatuses ?? []
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]!
      restarts += c.restartCount
      lastRestartMs = later(lastRestartMs, c.lastState?.terminated?.finishedAt)
      const w = c.state.waiting
      const t = c.state.terminated
      if (w?.reason) reason = w.reason
      else if (t?.reason) reason = t.reason
      else if (t) reason = t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode}`
      else if (c.ready && c.state.running) {
        hasRunning = true
        readyContainers++
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')
        ? 'Running'
        : 'NotReady'
    }
  }

  const terminal = status.phase === 'Succeeded' || status.phase === 'Failed'
  if (pod.metadata.deletionTimestamp && status.reason === NODE_UNREACHABLE_REASON)
    reason = 'Unknown'
  else if (pod.metadata.deletionTimestamp && !terminal) reason = 'Terminating'

  totalContainers = Math.max(totalContainers, 0)
  const restartsText =
    restarts !== 0 && lastRestartMs !== undefined
      ? `${restarts} (${ageSince(lastRestartMs, nowMs)} ago)`
      : String(restarts)
  return {
    status: reason,
    ready: `${readyContainers}/${totalContainers}`,
    readyCount: readyContainers,
    totalCount: totalContainers,
    restarts,
    restartsText,
  }
}
