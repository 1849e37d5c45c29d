import type { ConfigMap, Container, Pod, Secret } from '../api/core'
import { podFieldPath } from '../api/field-path'
import { fromBase64 } from '../store/defaults'
import type { ObjectStore } from '../store/store'

/** A ConfigMap or Secret a container is waiting for. */
export interface ConfigRef {
  kind: 'ConfigMap' | 'Secret'
  name: string
}

export type EnvResult = { env: Map<string, string> } | { error: string; waitingOn?: ConfigRef }

function configMap(
  store: ObjectStore,
  namespace: string,
  name: string,
): Record<string, string> | undefined {
  return (
    store.get<ConfigMap>('ConfigMap', namespace, name)?.data ??
    (store.get('ConfigMap', namespace, name) ? {} : undefined)
  )
}

function secret(
  store: ObjectStore,
  namespace: string,
  name: string,
): Record<string, string> | undefined {
  const s = store.get<Secret>('Secret', namespace, name)
  if (!s) return undefined
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(s.data ?? {})) {
    try {
      out[k] = fromBase64(v)
    } catch {
      out[k] = v
    }
  }
  return out
}

const notFound = (ref: ConfigRef): string =>
  `${ref.kind === 'ConfigMap' ? 'configmap' : 'secret'} "${ref.name}" not found`

/** `$(VAR)` references to variables defined earlier, as the kubelet expands them. */
function expand(value: string, env: Map<string, string>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (whole, name?: string) =>
    name === undefined ? '$' : (env.get(name) ?? whole),
  )
}

/**
 * A container's environment as the kubelet builds it (`makeEnvironmentVariables`):
 * envFrom first, then env in order, `$(VAR)` expanded. A missing ConfigMap, Secret
 * or key that is not optional is the container's `CreateContainerConfigError`,
 * with the kubelet's message.
 */
export function resolveEnv(store: ObjectStore, pod: Pod, container: Container): EnvResult {
  const namespace = pod.metadata.namespace ?? 'default'
  const env = new Map<string, string>([['HOSTNAME', pod.spec.hostname ?? pod.metadata.name]])
  for (const from of container.envFrom ?? []) {
    const ref: ConfigRef | undefined = from.configMapRef
      ? { kind: 'ConfigMap', name: from.configMapRef.name }
      : from.secretRef
        ? { kind: 'Secret', name: from.secretRef.name }
        : undefined
    if (!ref) continue
    const data =
      ref.kind === 'ConfigMap'
        ? configMap(store, namespace, ref.name)
        : secret(store, namespace, ref.name)
    if (!data) {
      if ((from.configMapRef ?? from.secretRef)?.optional) continue
      return { error: notFound(ref), waitingOn: ref }
    }
    for (const [k, v] of Object.entries(data)) env.set(`${from.prefix ?? ''}${k}`, v)
  }
  for (const variable of container.env ?? []) {
    const from = variable.valueFrom
    if (!from) {
      env.set(variable.name, expand(variable.value ?? '', env))
      continue
    }
    const keyRef = from.configMapKeyRef ?? from.secretKeyRef
    if (keyRef) {
      const ref: ConfigRef = {
        kind: from.configMapKeyRef ? 'ConfigMap' : 'Secret',
        name: keyRef.name,
      }
      const data =
        ref.kind === 'ConfigMap'
          ? configMap(store, namespace, ref.name)
          : secret(store, namespace, ref.name)
      if (!data) {
        if (keyRef.optional) continue
        return { error: notFound(ref), waitingOn: ref }
      }
      if (!(keyRef.key in data)) {
        if (keyRef.optional) continue
        return {
          error: `couldn't find key ${keyRef.key} in ${ref.kind} ${namespace}/${ref.name}`,
          waitingOn: ref,
        }
      }
      env.set(variable.name, data[keyRef.key]!)
    } else if (from.fieldRef) {
      env.set(variable.name, podFieldPath(pod, from.fieldRef.fieldPath))
    } else if (from.resourceFieldRef) {
      env.set(
        variable.name,
        String(
          container.resources?.limits?.[from.resourceFieldRef.resource.replace(/^limits\./, '')] ??
            '',
        ),
      )
    }
  }
  return { env }
}

/** The first configMap or secret volume whose source is missing: the pod cannot start its containers. */
export function missingVolume(
  store: ObjectStore,
  pod: Pod,
): { message: string; waitingOn: ConfigRef } | undefined {
  const namespace = pod.metadata.namespace ?? 'default'
  for (const volume of pod.spec.volumes ?? []) {
    const ref: ConfigRef | undefined = volume.configMap
      ? { kind: 'ConfigMap', name: volume.configMap.name }
      : volume.secret
        ? { kind: 'Secret', name: volume.secret.secretName }
        : undefined
    if (!ref || (volume.configMap ?? volume.secret)?.optional) continue
    if (!store.get(ref.kind, namespace, ref.name)) {
      return {
        message: `MountVolume.SetUp failed for volume "${volume.name}" : ${notFound(ref)}`,
        waitingOn: ref,
      }
    }
  }
  return undefined
}
