import type { Condition } from '../api/meta'
import type { ContainerState, ContainerStatus, Pod, PodPhase, PodStatus } from '../api/core'
import { toRfc3339 } from '../kernel/time'
import { initDone, type ContainerRuntime, type PodRuntime } from './runtime-state'

function state(c: ContainerRuntime): ContainerState {
  if ((c.activity === 'running' || c.activity === 'stopping') && c.run)
    return { running: { startedAt: toRfc3339(c.run.startedAtMs) } }
  // A dead container shows how it ended until it is in back-off or its next instance starts.
  if (c.terminated && c.activity !== 'crash-backoff') return { terminated: c.terminated }
  return {
    waiting: c.waitingMessage
      ? { reason: c.waitingReason, message: c.waitingMessage }
      : { reason: c.waitingReason },
  }
}

function containerStatus(c: ContainerRuntime, initializing: boolean): ContainerStatus {
  const waitingForInit = initializing && !c.init && c.activity === 'idle'
  const status: ContainerStatus = {
    name: c.name,
    image: c.image,
    // The runtime reports an image id once a container exists, not when the pull ends.
    imageID: c.run ? (c.imageId ?? '') : '',
    ready: c.ready,
    started: (c.activity === 'running' || c.activity === 'stopping') && c.started,
    restartCount: c.restartCount,
    state: waitingForInit ? { waiting: { reason: 'PodInitializing' } } : state(c),
    lastState: c.lastTerminated ? { terminated: c.lastTerminated } : {},
    containerID: c.run?.containerId,
  }
  return status
}

/** `getPhase` from the kubelet: Pending, Running, Succeeded or Failed from the containers' states. */
export function podPhase(pod: Pod, rt: PodRuntime): PodPhase {
  const policy = pod.spec.restartPolicy ?? 'Always'
  const failedInit = rt.init.find(
    (c) => !c.sidecar && c.activity === 'done' && (c.terminated?.exitCode ?? 0) !== 0,
  )
  if (failedInit) return 'Failed'
  if (!initDone(rt)) return 'Pending'
  let running = 0
  let waiting = 0
  let stopped = 0
  let succeeded = 0
  for (const c of rt.containers) {
    if (c.activity === 'running' || c.activity === 'stopping') running++
    else if (c.activity === 'done') {
      stopped++
      if (c.terminated?.exitCode === 0) succeeded++
    } else if (c.lastTerminated) stopped++
    else waiting++
  }
  if (waiting > 0) return 'Pending'
  if (running > 0) return 'Running'
  if (stopped > 0) {
    if (policy === 'Always') return 'Running'
    if (stopped === succeeded && rt.containers.every((c) => c.activity === 'done'))
      return 'Succeeded'
    if (policy === 'Never' && rt.containers.every((c) => c.activity === 'done')) return 'Failed'
    return 'Running'
  }
  return 'Pending'
}

/** `PodConditionsByKubelet`: the conditions the kubelet writes; it leaves the others as they are. */
const KUBELET_CONDITIONS = new Set([
  'PodScheduled',
  'Ready',
  'Initialized',
  'ContainersReady',
  'PodReadyToStartContainers',
])

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
  const initialized = initDone(rt)
  const phase = podPhase(pod, rt)
  const terminal = phase === 'Succeeded' || phase === 'Failed'
  const allReady =
    rt.containers.length > 0 && rt.containers.every((c) => c.ready) && !rt.killing && !terminal
  const previous = pod.status?.conditions ?? []
  const nowText = toRfc3339(nowMs)
  // The reasons are only worked out for a condition that is False: most syncs have none.
  const notReady = allReady ? undefined : notReadyReason(rt, terminal)
  const scheduled = previous.find((c) => c.type === 'PodScheduled') ?? {
    type: 'PodScheduled',
    status: 'True',
    lastTransitionTime: nowText,
  }
  const before = pod.status as IPs | undefined
  // Every field in one literal, in the order they are written out: a field set
  // afterwards would move into an array of its own, in each of the four or
  // five statuses every pod goes through.
  const status: PodStatus & IPs = {
    phase,
    conditions: [
      // `mergePodStatus`: conditions others own (DisruptionTarget, readiness gates) are kept, first.
      ...othersConditions(previous),
      condition(previous, nowText, 'PodReadyToStartContainers', rt.sandboxReady && !terminal),
      condition(previous, nowText, 'Initialized', initialized, () => ({
        reason: 'ContainersNotInitialized',
        message: `containers with incomplete status: [${incompleteInit(rt).join(' ')}]`,
      })),
      condition(previous, nowText, 'Ready', allReady, () => notReady!),
      condition(previous, nowText, 'ContainersReady', allReady, () => notReady!),
      scheduled,
    ],
    hostIP,
    startTime: toRfc3339(rt.startTimeMs),
    initContainerStatuses:
      rt.init.length > 0 ? rt.init.map((c) => containerStatus(c, false)) : undefined,
    containerStatuses: rt.containers.map((c) => containerStatus(c, !initialized)),
    hostIPs: hostIP ? (sameIPs(before?.hostIPs, hostIP) ?? [{ ip: hostIP }]) : undefined,
    podIP: rt.podIP || undefined,
    podIPs: rt.podIP ? (sameIPs(before?.podIPs, rt.podIP) ?? [{ ip: rt.podIP }]) : undefined,
    qosClass: qosClass(pod),
  }
  return status
}

interface Why {
  reason: string
  message: string
}

/**
 * One of the kubelet's conditions, keeping its lastTransitionTime while its
 * status holds. A condition that would be built exactly as it stands is the
 * one already there: most syncs change none, and the store then compares them
 * by reference.
 */
function condition(
  previous: readonly Condition[],
  nowText: string,
  type: string,
  ok: boolean,
  why?: () => Why,
): Condition {
  const status = ok ? 'True' : 'False'
  let before: Condition | undefined
  for (const c of previous)
    if (c.type === type) {
      before = c
      break
    }
  const held = before?.status === status
  const lastTransitionTime = held ? before!.lastTransitionTime : nowText
  const { reason, message } = !ok && why ? why() : NO_WHY
  if (held && builtAs(before!, type, status, lastTransitionTime, reason, message || undefined))
    return before!
  const cond: Condition = { type, status, lastTransitionTime }
  if (reason !== undefined) {
    cond.reason = reason
    if (message) cond.message = message
  }
  return cond
}

const NO_WHY: Partial<Why> = {}

/**
 * Whether `c` has exactly the fields `condition` would give it, in the same
 * order: then it is the same JSON, and can stand for a new one.
 */
function builtAs(
  c: Condition,
  type: string,
  status: string,
  lastTransitionTime: string | undefined,
  reason: string | undefined,
  message: string | undefined,
): boolean {
  const fields = reason === undefined ? 3 : message === undefined ? 4 : 5
  let at = 0
  for (const key in c) {
    if (at === fields || key !== CONDITION_FIELDS[at]) return false
    const value = (c as unknown as Record<string, unknown>)[key]
    const want =
      at === 0
        ? type
        : at === 1
          ? status
          : at === 2
            ? lastTransitionTime
            : at === 3
              ? reason
              : message
    if (value !== want) return false
    at++
  }
  return at === fields
}

const CONDITION_FIELDS = ['type', 'status', 'lastTransitionTime', 'reason', 'message'] as const

interface IPs {
  hostIPs?: readonly { ip: string }[]
  podIPs?: readonly { ip: string }[]
}

/** The list of one address already there, when it is `[{ ip }]` and nothing more. */
function sameIPs(
  list: readonly { ip: string }[] | undefined,
  ip: string,
): readonly { ip: string }[] | undefined {
  if (list?.length !== 1 || list[0]!.ip !== ip) return undefined
  for (const key in list[0]) if (key !== 'ip') return undefined
  return list
}

function othersConditions(previous: readonly Condition[]): readonly Condition[] {
  // Nearly always none: only the kubelet's own and PodScheduled are there.
  for (const c of previous) if (!KUBELET_CONDITIONS.has(c.type)) return previous.filter(others)
  return NO_CONDITIONS
}

const NO_CONDITIONS: readonly Condition[] = []

const others = (c: Condition): boolean => !KUBELET_CONDITIONS.has(c.type)

const COMPLETED: Why = { reason: 'PodCompleted', message: '' }

/** By the one unready container's name: most pods have one, and every sync until it is ready asks. */
const oneUnready = new Map<string, Why>()

function notReadyReason(rt: PodRuntime, terminal: boolean): Why {
  if (terminal) return COMPLETED
  const unready = rt.containers.filter((c) => !c.ready).map((c) => c.name)
  if (unready.length === 1) {
    const name = unready[0]!
    let why = oneUnready.get(name)
    if (!why) oneUnready.set(name, (why = unreadyBecause(unready)))
    return why
  }
  return unreadyBecause(unready)
}

function unreadyBecause(unready: readonly string[]): Why {
  return {
    reason: 'ContainersNotReady',
    message: `containers with unready status: [${unready.join(' ')}]`,
  }
}

function incompleteInit(rt: PodRuntime): string[] {
  return rt.init
    .filter((c) => !(c.sidecar ? c.started : c.terminated?.exitCode === 0))
    .map((c) => c.name)
}

type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort'

/** By containers list: replicas share their template's, and nothing else decides the class. */
const qosByContainers = new WeakMap<object, QosClass>()

/** `GetPodQOS`: Guaranteed when every container's requests equal its limits, BestEffort with none, else Burstable. */
export function qosClass(pod: Pod): QosClass {
  if (pod.spec.initContainers) return computeQosClass(pod)
  let known = qosByContainers.get(pod.spec.containers)
  if (!known) qosByContainers.set(pod.spec.containers, (known = computeQosClass(pod)))
  return known
}

function computeQosClass(pod: Pod): QosClass {
  const containers = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])]
  const set = (c: (typeof containers)[number]): boolean =>
    Object.keys(c.resources?.requests ?? {}).length +
      Object.keys(c.resources?.limits ?? {}).length >
    0
  if (!containers.some(set)) return 'BestEffort'
  const guaranteed = containers.every((c) => {
    const limits = c.resources?.limits ?? {}
    const requests = { ...limits, ...c.resources?.requests }
    return ['cpu', 'memory'].every(
      (r) => limits[r] !== undefined && String(requests[r]) === String(limits[r]),
    )
  })
  return guaranteed ? 'Guaranteed' : 'Burstable'
}

/** Go's `time.Duration.String()`: `172ms`, `1.512s`, `1m20s`, `5m0s`. */
export function goDuration(ms: number): string {
  const rounded = Math.round(ms)
  if (rounded < 1000) return `${rounded}ms`
  const hours = Math.floor(rounded / 3_600_000)
  const minutes = Math.floor((rounded % 3_600_000) / 60_000)
  const seconds = (rounded % 60_000) / 1000
  const secText = `${Number(seconds.toFixed(3))}s`
  if (hours > 0) return `${hours}h${minutes}m${secText}`
  return minutes > 0 ? `${minutes}m${secText}` : secText
}
