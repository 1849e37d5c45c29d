import type { Pod } from '../../api/core'
import type { KubeObject, LabelSelector } from '../../api/meta'
import { isPodReady, podCondition } from '../../api/pod-util'
import { fromRfc3339 } from '../../kernel/time'
import { formatLogLine, type LogLine } from '../../kubelet/logs'
import { selectorFrom, selectorFromMap } from '../../store/labels'
import type { ClusterReader } from '../describe/context'
import type { CommandOutput } from './get'
import { apiResources, qualifiedName, resolveResource } from './resources'

/** Where the logs come from: the kubelet of the pod's node. */
export interface LogReader {
  logs(
    namespace: string,
    pod: string,
    container: string | undefined,
    previous: boolean,
  ): LogLine[] | { error: string }
}

export interface LogsOptions {
  /** `web-7d4b9-x2x4z`, `pod/web-…`, `deployment/web`, or a pod and then a container. */
  readonly args: readonly string[]
  readonly namespace?: string
  readonly container?: string
  readonly previous?: boolean
  /** Lines from the end; all when undefined or negative, as `--tail=-1`. */
  readonly tail?: number
  readonly timestamps?: boolean
}

const fail = (stderr: string): CommandOutput => ({ stdout: '', stderr, exitCode: 1 })

/**
 * `kubectl logs`: a pod's container log, or that of a pod a workload or
 * Service selects (the one `kubectl` picks, with `Found N pods, using pod/…`),
 * with the default container named on stderr when the pod has several.
 */
export function kubectlLogs(
  store: ClusterReader,
  kubelet: LogReader,
  options: LogsOptions,
): CommandOutput {
  const namespace = options.namespace ?? 'default'
  const [target, positionalContainer, ...extra] = options.args
  if (target === undefined || extra.length > 0)
    return fail('error: expected POD or TYPE/NAME, and at most a container name\n')
  if (positionalContainer !== undefined && target.includes('/'))
    return fail(
      `error: only a pod can be followed by a container name: use -c ${positionalContainer}\n`,
    )
  const picked = pickPod(store, namespace, target)
  if ('error' in picked) return fail(picked.error)
  const { pod, note } = picked
  const containers = pod.spec.containers.map((c) => c.name)
  const inits = (pod.spec.initContainers ?? []).map((c) => c.name)
  const wanted = options.container ?? positionalContainer
  let stderr = note
  let container = wanted
  if (wanted !== undefined && !containers.includes(wanted) && !inits.includes(wanted))
    return fail(`${stderr}error: container ${wanted} is not valid for pod ${pod.metadata.name}\n`)
  if (wanted === undefined) {
    container = defaultContainer(pod)
    if (containers.length + inits.length > 1)
      stderr += `Defaulted container "${container}" out of: ${[...containers, ...inits.map((n) => `${n} (init)`)].join(', ')}\n`
  }
  // The API server has no node to ask for an unscheduled pod's log, and streams nothing.
  if (!pod.spec.nodeName) return { stdout: '', stderr, exitCode: 0 }
  const lines = kubelet.logs(namespace, pod.metadata.name, container, options.previous ?? false)
  if ('error' in lines) return fail(`${stderr}Error from server (BadRequest): ${lines.error}\n`)
  const tail = options.tail ?? -1
  const shown = tail >= 0 ? lines.slice(Math.max(0, lines.length - tail)) : lines
  const stdout = shown.map((l) => `${formatLogLine(l, options.timestamps ?? false)}\n`).join('')
  return { stdout, stderr, exitCode: 0 }
}

/** `kubectl.kubernetes.io/default-container`, else the first container. */
function defaultContainer(pod: Pod): string {
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container']
  if (annotated && pod.spec.containers.some((c) => c.name === annotated)) return annotated
  return pod.spec.containers[0]!.name
}

/** The pod a name or `TYPE/NAME` stands for, with kubectl's note when it chose among several. */
function pickPod(
  store: ClusterReader,
  namespace: string,
  target: string,
): { pod: Pod; note: string } | { error: string } {
  const slash = target.indexOf('/')
  const type = slash < 0 ? 'pod' : target.slice(0, slash)
  const name = slash < 0 ? target : target.slice(slash + 1)
  const resource = resolveResource(type, apiResources(store))
  if (!resource) return { error: `error: the server doesn't have a resource type "${type}"\n` }
  const obj = store.get(resource.kind, resource.namespaced ? namespace : undefined, name)
  if (!obj)
    return { error: `Error from server (NotFound): ${qualifiedName(resource, name)} not found\n` }
  if (resource.kind === 'Pod') return { pod: obj as Pod, note: '' }
  const selector = podSelector(obj)
  if (!selector) {
    const go = `*${resource.version}.${resource.kind}`
    return { error: `error: cannot attach to ${go}: selector for ${go} not implemented\n` }
  }
  const pods = store
    .list<Pod>('Pod', { namespace })
    .filter((p) => selector.matches(p.metadata.labels ?? {}))
    .sort(byLogging)
  // kubectl waits for a pod to appear (--pod-running-timeout, 20s), then gives up in these words.
  if (pods.length === 0) return { error: 'error: timed out waiting for the condition\n' }
  const note =
    pods.length > 1 ? `Found ${pods.length} pods, using pod/${pods[0]!.metadata.name}\n` : ''
  return { pod: pods[0]!, note }
}

/** The selector of the pods a workload or Service stands for, as `SelectorsForObject` reads it. */
function podSelector(
  obj: KubeObject,
): { matches: (labels: Record<string, string>) => boolean } | undefined {
  const spec = obj.spec as { selector?: LabelSelector | Record<string, string> } | undefined
  if (!spec?.selector) return undefined
  if (obj.kind === 'Service' || obj.kind === 'ReplicationController')
    return selectorFromMap(spec.selector as Record<string, string>)
  return selectorFrom(spec.selector as LabelSelector)
}

/**
 * `podutils.ByLogging`: scheduled before unscheduled, Running before Unknown
 * before Pending, ready before not, ready longer before ready shorter, more
 * restarts before fewer, older before newer.
 */
function byLogging(a: Pod, b: Pod): number {
  const scheduled = Number(Boolean(b.spec.nodeName)) - Number(Boolean(a.spec.nodeName))
  if (scheduled !== 0) return scheduled
  const phase = phaseRank(a) - phaseRank(b)
  if (phase !== 0) return phase
  const ready = Number(isPodReady(b)) - Number(isPodReady(a))
  if (ready !== 0) return ready
  if (isPodReady(a) && isPodReady(b)) {
    const since = readySince(a) - readySince(b)
    if (since !== 0) return since
  }
  const restarts = maxRestarts(b) - maxRestarts(a)
  if (restarts !== 0) return restarts
  return created(a) - created(b)
}

const PHASE_RANK: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 }
const phaseRank = (p: Pod): number => PHASE_RANK[p.status?.phase ?? ''] ?? 0
const readySince = (p: Pod): number =>
  fromRfc3339(podCondition(p, 'Ready')?.lastTransitionTime ?? '') || Number.POSITIVE_INFINITY
const created = (p: Pod): number =>
  fromRfc3339(p.metadata.creationTimestamp ?? '') || Number.POSITIVE_INFINITY
const maxRestarts = (p: Pod): number =>
  Math.max(0, ...(p.status?.containerStatuses ?? []).map((s) => s.restartCount ?? 0))
