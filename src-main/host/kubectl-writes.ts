import type { KubeObject } from '../sim/api/meta'
import type { Simulation } from '../sim/simulation'
import { ApiError } from '../sim/store/errors'
import type { DeleteOptions, ScaleOptions } from '../sim/views/kubectl/command-line'
import type { CommandOutput } from '../sim/views/kubectl/get'
import {
  type ApiResource,
  apiResources,
  kindPrefix,
  qualifiedName,
  resolveResource,
} from '../sim/views/kubectl/resources'

/**
 * The two changes a learner makes by hand to see GitOps answer: `kubectl
 * delete` (a Deployment's pod comes back; an app's object is Missing until a
 * sync or self-heal puts it back) and `kubectl scale` (drift that self-heal
 * undoes). Both go through the API server as kubectl's would.
 */
export function kubectlDelete(sim: Simulation, options: DeleteOptions): CommandOutput {
  const targets = namedObjects(sim, options.args)
  if ('error' in targets) return { stdout: '', stderr: targets.error, exitCode: 1 }
  let stdout = ''
  let stderr = ''
  for (const { resource, name } of targets.objects) {
    const namespace = resource.namespaced ? (options.namespace ?? 'default') : undefined
    try {
      sim.store.delete({ kind: resource.kind, namespace, name })
      stdout += `${kindPrefix(resource)} "${name}" deleted\n`
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      stderr += `Error from server (${e.reason}): ${e.message}\n`
    } finally {
      sim.settle()
    }
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 }
}

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'])

export function kubectlScale(sim: Simulation, options: ScaleOptions): CommandOutput {
  const targets = namedObjects(sim, options.args)
  if ('error' in targets) return { stdout: '', stderr: targets.error, exitCode: 1 }
  let stdout = ''
  let stderr = ''
  for (const { resource, name } of targets.objects) {
    const namespace = resource.namespaced ? (options.namespace ?? 'default') : undefined
    const live = sim.store.get<KubeObject & { spec: { replicas?: number } }>(
      resource.kind,
      namespace,
      name,
    )
    if (!live) {
      stderr += `Error from server (NotFound): ${qualifiedName(resource, name)} not found\n`
      continue
    }
    if (!SCALABLE.has(resource.kind)) {
      stderr += `error: no scaler has been implemented for ${kindPrefix(resource)}\n`
      continue
    }
    try {
      sim.store.update({ ...live, spec: { ...live.spec, replicas: options.replicas } })
      stdout += `${kindPrefix(resource)}/${name} scaled\n`
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      stderr += `Error from server (${e.reason}): ${e.message}\n`
    } finally {
      sim.settle()
    }
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 }
}

/** `<type> <name>...` or `<type>/<name>...`, resolved against what the API server serves. */
function namedObjects(
  sim: Simulation,
  args: readonly string[],
): { objects: { resource: ApiResource; name: string }[] } | { error: string } {
  const resources = apiResources(sim.store)
  const objects: { resource: ApiResource; name: string }[] = []
  const slashed = args.every((a) => a.includes('/'))
  const words = slashed ? args.map((a) => a.split('/', 2) as [string, string]) : undefined
  if (words) {
    for (const [type, name] of words) {
      const resource = resolveResource(type, resources)
      if (!resource) return { error: `error: the server doesn't have a resource type "${type}"\n` }
      objects.push({ resource, name })
    }
    return { objects }
  }
  const [type, ...names] = args
  if (args.some((a) => a.includes('/')))
    return {
      error:
        'error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form\n',
    }
  const resource = type === undefined ? undefined : resolveResource(type, resources)
  if (!resource) return { error: `error: the server doesn't have a resource type "${type}"\n` }
  if (names.length === 0)
    return { error: `error: resource(s) were provided, but no name was specified\n` }
  return { objects: names.map((name) => ({ resource, name })) }
}
