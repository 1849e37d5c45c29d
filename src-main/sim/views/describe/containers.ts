import type { Container, ContainerState, ContainerStatus, Probe } from '../../api/core'
import { printBool, rfc1123z } from '../format'
import { canonicalQuantity, parseQuantity } from '../quantity'
import type { PrefixWriter } from './prefix-writer'

/** Resolves a `fieldRef` for the pod being described; absent for templates. */
export type EnvResolver = (fieldPath: string) => string

interface ContainerExtras {
  ports?: { containerPort: number; hostPort?: number; protocol?: string }[]
  env?: {
    name: string
    value?: string
    valueFrom?: {
      fieldRef?: { fieldPath: string; apiVersion?: string }
      resourceFieldRef?: { resource: string; containerName?: string; divisor?: string }
      secretKeyRef?: { name: string; key: string; optional?: boolean }
      configMapKeyRef?: { name: string; key: string; optional?: boolean }
    }
  }[]
  startupProbe?: Probe & { grpc?: { port: number; service?: string }; httpGet?: { host?: string } }
}

type ContainerShape = Container & ContainerExtras

/** `describeContainers`: the `Containers:` section of a pod, or of a template (`space` = two spaces). */
export function describeContainers(
  label: string,
  containers: readonly Container[],
  statuses: readonly ContainerStatus[] | undefined,
  resolve: EnvResolver | undefined,
  w: PrefixWriter,
  space: string,
): void {
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]))
  w.write(0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`)
  for (const c of containers as ContainerShape[]) {
    const status = statuses ? byName.get(c.name) : undefined
    describeBasicInfo(c, status, space, w)
    describeCommand(c, w)
    if (status) describeState(status, w)
    describeResources(c.resources, w, 2)
    describeProbes(c, w)
    if ((c.envFrom ?? []).length > 0) describeEnvFrom(c, w)
    describeEnv(c, resolve, w)
    describeMounts(c, w)
  }
}

function describeBasicInfo(
  c: ContainerShape,
  status: ContainerStatus | undefined,
  space: string,
  w: PrefixWriter,
): void {
  w.write(1, `${space ? ' ' : ''}${c.name}:\n`)
  if (status) w.write(2, `Container ID:\t${status.containerID ?? ''}\n`)
  w.write(2, `Image:\t${c.image}\n`)
  if (status) w.write(2, `Image ID:\t${status.imageID ?? ''}\n`)
  const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? ''}`).join(', ')
  if (ports.includes(',')) w.write(2, `Ports:\t${ports}\n`)
  else w.write(2, `Port:\t${ports || '<none>'}\n`)
  const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? ''}`).join(', ')
  if (hostPorts.includes(',')) w.write(2, `Host Ports:\t${hostPorts}\n`)
  else w.write(2, `Host Port:\t${hostPorts || '<none>'}\n`)
}

function describeCommand(c: ContainerShape, w: PrefixWriter): void {
  if ((c.command ?? []).length > 0) {
    w.write(2, 'Command:\n')
    for (const part of c.command!) for (const s of part.split('\n')) w.write(3, `${s}\n`)
  }
  if ((c.args ?? []).length > 0) {
    w.write(2, 'Args:\n')
    for (const part of c.args!) for (const s of part.split('\n')) w.write(3, `${s}\n`)
  }
}

/** `describeStatus`. */
function describeStatus(name: string, state: ContainerState, w: PrefixWriter): void {
  if (state.running) {
    w.write(2, `${name}:\tRunning\n`)
    w.write(3, `Started:\t${rfc1123z(state.running.startedAt)}\n`)
  } else if (state.waiting) {
    w.write(2, `${name}:\tWaiting\n`)
    if (state.waiting.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`)
  } else if (state.terminated) {
    const t = state.terminated
    w.write(2, `${name}:\tTerminated\n`)
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`)
    if (t.message) w.write(3, `Message:\t${t.message}\n`)
    w.write(3, `Exit Code:\t${t.exitCode}\n`)
    if ((t.signal ?? 0) > 0) w.write(3, `Signal:\t${t.signal}\n`)
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`)
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`)
  } else {
    w.write(2, `${name}:\tWaiting\n`)
  }
}

function describeState(status: ContainerStatus, w: PrefixWriter): void {
  describeStatus('State', status.state, w)
  if (status.lastState?.terminated) describeStatus('Last State', status.lastState, w)
  w.write(2, `Ready:\t${printBool(status.ready)}\n`)
  w.write(2, `Restart Count:\t${status.restartCount}\n`)
}

/** `describeResources`: limits, then requests, by resource name. */
export function describeResources(
  resources:
    | { limits?: Record<string, string | number>; requests?: Record<string, string | number> }
    | undefined,
  w: PrefixWriter,
  level: number,
): void {
  if (!resources) return
  for (const [title, list] of [
    ['Limits', resources.limits],
    ['Requests', resources.requests],
  ] as const) {
    const names = Object.keys(list ?? {}).sort()
    if (names.length > 0) w.write(level, `${title}:\n`)
    for (const name of names) w.write(level + 1, `${name}:\t${canonicalQuantity(list![name]!)}\n`)
  }
}

/** `net.JoinHostPort` for a probe's host and port. */
function hostPort(host: string | undefined, port: string | number): string {
  const h = host ?? ''
  return h.includes(':') ? `[${h}]:${port}` : `${h}:${port}`
}

/** `DescribeProbe`: `http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3`. */
export function describeProbe(
  probe: Probe & {
    grpc?: { port: number; service?: string }
    httpGet?: { host?: string }
    tcpSocket?: { host?: string }
  },
): string {
  const attrs = `delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 0}s period=${probe.periodSeconds ?? 0}s #success=${probe.successThreshold ?? 0} #failure=${probe.failureThreshold ?? 0}`
  if (probe.exec) return `exec [${probe.exec.command.join(' ')}] ${attrs}`
  if (probe.httpGet) {
    const g = probe.httpGet
    const scheme = (g.scheme ?? '').toLowerCase()
    const host = String(g.port) !== '' ? hostPort(g.host, g.port) : (g.host ?? '')
    const path = g.path ? (g.path.startsWith('/') ? g.path : `/${g.path}`) : ''
    return `http-get ${scheme ? `${scheme}:` : ''}//${host}${path} ${attrs}`
  }
  if (probe.tcpSocket)
    return `tcp-socket ${probe.tcpSocket.host ?? ''}:${probe.tcpSocket.port} ${attrs}`
  if (probe.grpc) return `grpc <pod>:${probe.grpc.port} ${probe.grpc.service ?? ''} ${attrs}`
  return `unknown ${attrs}`
}

function describeProbes(c: ContainerShape, w: PrefixWriter): void {
  if (c.livenessProbe) w.write(2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`)
  if (c.readinessProbe) w.write(2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`)
  if (c.startupProbe) w.write(2, `Startup:\t${describeProbe(c.startupProbe)}\n`)
}

function describeEnvFrom(c: ContainerShape, w: PrefixWriter): void {
  w.write(2, 'Environment Variables from:\n')
  for (const e of c.envFrom ?? []) {
    const [from, ref] = e.configMapRef
      ? ['ConfigMap', e.configMapRef]
      : e.secretRef
        ? ['Secret', e.secretRef]
        : ['', undefined]
    const optional = ref?.optional === true
    const prefix = e.prefix ? ` with prefix '${e.prefix}'` : ''
    w.write(3, `${ref?.name ?? ''}\t${from}${prefix}\tOptional: ${optional}\n`)
  }
}

/** `ExtractContainerResourceValue`: the request or limit in units of the divisor, rounded up. */
function resourceFieldValue(
  c: ContainerShape,
  resource: string,
  divisor: string | undefined,
): string {
  const [kind, name] = resource.split('.') as [string, string]
  const list = kind === 'limits' ? c.resources?.limits : c.resources?.requests
  const value = parseQuantity(list?.[name])
  const unit = parseQuantity(divisor ?? '1')
  if (!value || !unit || unit.nano === 0n) return '0'
  return String((value.nano + unit.nano - 1n) / unit.nano)
}

function describeEnv(c: ContainerShape, resolve: EnvResolver | undefined, w: PrefixWriter): void {
  const env = c.env ?? []
  w.write(2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`)
  for (const e of env) {
    const from = e.valueFrom
    if (!from) {
      ;(e.value ?? '').split('\n').forEach((s, i) => {
        w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`)
      })
    } else if (from.fieldRef) {
      const value = resolve ? resolve(from.fieldRef.fieldPath) : ''
      w.write(
        3,
        `${e.name}:\t${value} (${from.fieldRef.apiVersion ?? ''}:${from.fieldRef.fieldPath})\n`,
      )
    } else if (from.resourceFieldRef) {
      const r = from.resourceFieldRef
      let value = resourceFieldValue(c, r.resource, r.divisor)
      if (value === '0' && (r.resource === 'limits.cpu' || r.resource === 'limits.memory'))
        value = 'node allocatable'
      w.write(3, `${e.name}:\t${value} (${r.resource})\n`)
    } else if (from.secretKeyRef) {
      const r = from.secretKeyRef
      w.write(
        3,
        `${e.name}:\t<set to the key '${r.key}' in secret '${r.name}'>\tOptional: ${r.optional === true}\n`,
      )
    } else if (from.configMapKeyRef) {
      const r = from.configMapKeyRef
      w.write(
        3,
        `${e.name}:\t<set to the key '${r.key}' of config map '${r.name}'>\tOptional: ${r.optional === true}\n`,
      )
    }
  }
}

function describeMounts(c: ContainerShape, w: PrefixWriter): void {
  const mounts = [...(c.volumeMounts ?? [])].sort((a, b) =>
    a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0,
  )
  w.write(2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`)
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw']
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`)
    w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`)
  }
}
