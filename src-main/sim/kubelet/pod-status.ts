import type { Condition } from '../api/meta'
import type { ContainerStatus, Pod, PodStatus } from '../api/core'
import { toRfc3339 } from '../kernel/time'
import type { PodRuntime } from './runtime-state'

/**
 * The status the kubelet's status manager writes for a pod, derived from what the
 * runtime knows. lastTransitionTime only moves when a condition's status flips.
 */
export function buildPodStatus(
  pod: Pod,
  rt: PodRuntime,
  hostIP: string | undefined,
  nowMs: number,
): PodStatus {
  const containerStatuses: ContainerStatus[] = rt.containers.map((c) => {
    const status: ContainerStatus = {
      name: c.name,
      image: c.image,
      imageID: c.imageId ?? '',
      ready: c.ready,
      started: c.phase === 'running',
      restartCount: c.restartCount,
      state:
        c.phase === 'running'
          ? { running: { startedAt: toRfc3339(c.startedAtMs ?? nowMs) } }
          : c.phase === 'terminated' && c.terminated
            ? { terminated: c.terminated }
            : {
                waiting: c.waitingMessage
                  ? { reason: c.waitingReason, message: c.waitingMessage }
                  : { reason: c.waitingReason },
              },
      lastState: {},
    }
    if (c.containerId) status.containerID = c.containerId
    return status
  })
  const allReady = rt.containers.length > 0 && rt.containers.every((c) => c.ready) && !rt.killing
  const unready = rt.containers.filter((c) => !c.ready).map((c) => c.name)
  const notReady = {
    reason: 'ContainersNotReady',
    message: `containers with unready status: [${unready.join(' ')}]`,
  }
  const previous = pod.status?.conditions ?? []
  const nowText = toRfc3339(nowMs)
  const condition = (
    type: string,
    ok: boolean,
    why?: { reason: string; message: string },
  ): Condition => {
    const status = ok ? 'True' : 'False'
    const before = previous.find((c) => c.type === type)
    const cond: Condition = {
      type,
      status,
      lastTransitionTime: before?.status === status ? before.lastTransitionTime : nowText,
    }
    if (!ok && why) Object.assign(cond, why)
    return cond
  }
  const scheduled = previous.find((c) => c.type === 'PodScheduled') ?? {
    type: 'PodScheduled',
    status: 'True',
    lastTransitionTime: nowText,
  }
  const status: PodStatus = {
    phase: rt.containers.every((c) => c.phase === 'running') ? 'Running' : 'Pending',
    conditions: [
      condition('PodReadyToStartContainers', rt.sandboxReady),
      condition('Initialized', true),
      condition('Ready', allReady, notReady),
      condition('ContainersReady', allReady, notReady),
      scheduled,
    ],
    hostIP,
    startTime: toRfc3339(rt.startTimeMs),
    containerStatuses,
  }
  if (hostIP) (status as Record<string, unknown>).hostIPs = [{ ip: hostIP }]
  if (rt.podIP) {
    status.podIP = rt.podIP
    ;(status as Record<string, unknown>).podIPs = [{ ip: rt.podIP }]
  }
  return status
}

/** Go's `time.Duration.String()` for the pull message: `172ms`, `1.512s`, `1m2.5s`. */
export function goDuration(ms: number): string {
  const rounded = Math.round(ms)
  if (rounded < 1000) return `${rounded}ms`
  const minutes = Math.floor(rounded / 60_000)
  const seconds = (rounded % 60_000) / 1000
  const secText = `${Number(seconds.toFixed(3))}s`
  return minutes > 0 ? `${minutes}m${secText}` : secText
}
